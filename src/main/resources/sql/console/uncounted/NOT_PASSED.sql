-- Sittings that did not pass (failed, no show, cancelled…): counted in no exam figure. Params: from, to, limit.
select s.exam_code || ' ' || to_char(s.exam_date, 'YYYY-MM-DD') as item,
       s.provider as detail, s.status as exam_status,
       s.import_id, i.file_name, s.line_no
from core.exam_sitting s left join ops.import i on i.id = s.import_id
where not coalesce(s.passed, false) and extract(year from s.exam_date) between ? and ?
order by s.exam_date, s.import_id, s.line_no limit ?
