-- Start-ups loaded without a readable creation date: kept, counted in no year. Params: from, to (unused), limit.
select s.name as item, array_to_string(s.partners, ', ') as detail, s.first_import_id as import_id,
       i.file_name, s.first_line_no as line_no
from core.startup s left join ops.import i on i.id = s.first_import_id
where s.creation_date is null and ?::int is not null and ?::int is not null
order by s.name limit ?
