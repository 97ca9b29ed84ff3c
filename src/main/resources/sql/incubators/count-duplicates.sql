-- Rows of this import (bind: its id, its id, the partner, its id) already delivered: the same
-- start-up fields earlier in this file, or held by a live import of the same partner.
select (select count(*) - count(distinct (name_key, enterprise_number, creation_date, postal_code))
        from core.startup_record
        where import_id = ?)
     + (select count(distinct (s.name_key, s.enterprise_number, s.creation_date, s.postal_code))
        from core.startup_record s
        where s.import_id = ?
          and exists (select 1
                      from core.startup_record r
                      join ops.import i on i.id = r.import_id
                      where ops.is_live(i.status) and r.partner = ? and r.import_id <> ?
                        and r.name_key = s.name_key
                        and r.enterprise_number is not distinct from s.enterprise_number
                        and r.creation_date is not distinct from s.creation_date
                        and r.postal_code is not distinct from s.postal_code))
