-- Staged rows already delivered: earlier in this file, or by a live import of the same partner.
select count(*)
from (select s.*,
             row_number() over (partition by s.name_key, s.enterprise_number, s.creation_date, s.postal_code
                                order by s.line_no) as rn
      from stage_startup s) s
where s.rn > 1
   or exists (select 1
              from core.startup_record r
              join ops.import i on i.id = r.import_id
              where ops.is_live(i.status)
                and r.partner = ?
                and r.name_key = s.name_key
                and r.enterprise_number is not distinct from s.enterprise_number
                and r.creation_date is not distinct from s.creation_date
                and r.postal_code is not distinct from s.postal_code)
