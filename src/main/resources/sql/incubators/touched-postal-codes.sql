-- Postal codes ('' = none) of the start-ups of the bind imports and of the imports they superseded:
-- the places where an import can have made or unmade look-alikes.
select distinct coalesce(r.postal_code, '')
from core.startup_record r
where r.import_id = any (?::bigint[])
   or r.import_id in (select id from ops.import where superseded_by = any (?::bigint[]))
