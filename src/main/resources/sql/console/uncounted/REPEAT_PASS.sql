-- Passes of an exam the person had already passed: an exam passed, not a new certification. Params: from, to, limit.
select s.exam_code || ' ' || to_char(s.exam_date, 'YYYY-MM-DD') as item, s.provider as detail,
       s.import_id, i.file_name, s.line_no
from core.exam_sitting s
left join ops.import i on i.id = s.import_id
left join core.exam_first_pass f on f.import_id = s.import_id and f.line_no = s.line_no
where s.passed and f.person_hash is null and extract(year from s.exam_date) between ? and ?
order by s.exam_date, s.import_id, s.line_no limit ?
