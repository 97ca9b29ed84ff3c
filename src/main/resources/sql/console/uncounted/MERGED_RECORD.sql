-- Records of a start-up that another record of the same start-up already counts (deduplicated, DESIGN §7).
select m.name as item, s.name as detail, m.import_id, i.file_name, m.line_no
from core.startup_member m
join core.startup s on s.startup_key = m.startup_key
left join ops.import i on i.id = m.import_id
where s.records > 1 and ?::int is not null and ?::int is not null
  and not (m.import_id = s.first_import_id and m.line_no = s.first_line_no)
order by s.name, m.import_id, m.line_no limit ?
