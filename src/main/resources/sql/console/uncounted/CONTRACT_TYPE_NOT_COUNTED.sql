-- STUDENT, INTERIM and FLEXI contracts: never considered for a job (DESIGN §8). Params: from, to, limit.
select coalesce(c.employer_name, c.employer_raw, '') as item,
       c.contract_type || ' ' || to_char(c.start_date, 'YYYY-MM-DD') || ' [' || c.declaration_id || ']' as detail,
       c.import_id, i.file_name, c.line_no
from core.hr_contract c left join ops.import i on i.id = c.import_id
where not c.cancelled and c.contract_type not in ('CDI', 'CDD')
  and extract(year from c.start_date) between ? and ?
order by c.start_date, c.declaration_id limit ?
