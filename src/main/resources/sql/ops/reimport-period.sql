-- Archived files of a source (and partner) received in a period, to replay in the order received:
-- the live imports, and failed ones whose content no live import holds (e.g. a layout fixed since).
select id, status
from (select distinct on (coalesce(i.partner, ''), i.sha256) i.id, i.status, i.received_at
      from ops.import i
      where i.source = ?
        and (?::text is null or i.partner = ?)
        and i.received_at >= (?::date)::timestamp at time zone 'Europe/Brussels'
        and i.received_at < ((?::date) + 1)::timestamp at time zone 'Europe/Brussels'
        and i.sha256 is not null
        and i.archive_path is not null
        and (i.status in ('LOADED', 'LOADED_WITH_REJECTS')
             or (i.status = 'FAILED' and i.superseded_by is null
                 and not exists (select 1 from ops.import l
                                 where l.source = i.source and coalesce(l.partner, '') = coalesce(i.partner, '')
                                   and l.sha256 = i.sha256
                                   and l.status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS', 'HELD'))))
      order by coalesce(i.partner, ''), i.sha256,
               (i.status in ('LOADED', 'LOADED_WITH_REJECTS')) desc, i.id desc) f
order by received_at, id
