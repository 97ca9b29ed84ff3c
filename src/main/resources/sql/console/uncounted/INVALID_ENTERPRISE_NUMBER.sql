-- Jobs whose employer is not a start-up of the warehouse (INVALID_ENTERPRISE_NUMBER). Params: from, to, limit.
select coalesce(u.employer_name, u.employer_raw, '') as item,
       u.contract_type || ' ' || to_char(u.start_date, 'YYYY-MM-DD') || ' [' || u.first_declaration_id || ']' as detail,
       u.import_id, i.file_name, u.line_no
from mart.unattributed_job u left join ops.import i on i.id = u.import_id
where u.reason = 'INVALID_ENTERPRISE_NUMBER' and u.year between ? and ?
order by u.start_date, u.first_declaration_id limit ?
