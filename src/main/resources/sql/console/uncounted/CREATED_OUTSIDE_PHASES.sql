-- Start-ups created in a year no phase of the convention covers. Params: from, to (unused), limit.
select s.name as item, to_char(s.creation_date, 'YYYY-MM-DD') as detail, s.first_import_id as import_id,
       i.file_name, s.first_line_no as line_no
from core.startup s left join ops.import i on i.id = s.first_import_id
where s.creation_date is not null and ?::int is not null and ?::int is not null
  and not exists (select 1 from ops.convention_phase cp
                  where extract(year from s.creation_date) between cp.year_from and cp.year_to)
order by s.creation_date, s.name limit ?
