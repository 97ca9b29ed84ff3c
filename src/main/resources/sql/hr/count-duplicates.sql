-- Staged events already delivered: earlier in this file or pull, or by a live import (any source).
select count(*)
from (select s.declaration_id, s.action, s.declared_at,
             row_number() over (partition by s.declaration_id, s.action, s.declared_at order by s.line_no) as rn
      from stage_hr_event s) s
where s.rn > 1
   or exists (select 1
              from core.hr_event e
              join ops.import i on i.id = e.import_id
              where ops.is_live(i.status)
                and e.declaration_id = s.declaration_id
                and e.action = s.action
                and e.declared_at = s.declared_at)
