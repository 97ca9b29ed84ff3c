-- Every staged row is kept with its lineage; identity is derived by core.startup_member.
insert into core.startup_record (import_id, line_no, partner, name, name_key, enterprise_number, legal_form,
                                 creation_date, postal_code, city, theme, programme, support_start, status, founders)
select import_id, line_no, partner, name, name_key, enterprise_number, legal_form,
       creation_date, postal_code, city, theme, programme, support_start, status, founders
from stage_startup
order by line_no
