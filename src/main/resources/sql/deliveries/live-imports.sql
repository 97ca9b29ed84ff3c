-- Live imports of a source (and partner) received in a period of days (Brussels), oldest first.
-- A re-import keeps the received_at of the file it replays.
select i.id, (i.received_at at time zone 'Europe/Brussels')::date as received_on
from ops.import i
where i.source = :source
  and coalesce(i.partner, '') = coalesce(cast(:partner as text), '')
  and ops.is_live(i.status) and i.status <> 'RUNNING'
  and i.received_at >= cast(:from as date)::timestamp at time zone 'Europe/Brussels'
  and i.received_at < (cast(:to as date) + 1)::timestamp at time zone 'Europe/Brussels'
order by i.received_at, i.id
