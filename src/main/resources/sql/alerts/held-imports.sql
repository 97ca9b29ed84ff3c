-- Imports HELD for a decision (much larger than anything the source sent before).
select i.id, i.source, i.partner, i.file_name, i.rows_read, i.message
from ops.import i
where i.status = 'HELD'
  and i.started_at > now() - make_interval(secs => :lookback)
  and not exists (select 1 from ops.alert a where a.cause_key = 'IMPORT_HELD:' || i.id)
order by i.id
