-- Files that ended FAILED: no later attempt of the same content followed (an attempt cut by an
-- outage or a crash is retried at once), settled for a while, and not alerted yet.
select i.id, i.source, i.partner, i.file_name, i.sha256, i.message, i.received_at,
       'IMPORT_FAILED:' || i.source || ':' || coalesce(i.partner, '') || ':' || i.sha256 as cause_key
from ops.import i
where i.status = 'FAILED' and i.sha256 is not null
  and i.finished_at > now() - make_interval(secs => :lookback)
  and i.finished_at <= now() - make_interval(secs => :settle)
  and not exists (select 1 from ops.import l
                  where l.source = i.source and coalesce(l.partner, '') = coalesce(i.partner, '')
                    and l.sha256 = i.sha256 and l.id > i.id)
  and not exists (select 1 from ops.alert a
                  where a.cause_key = 'IMPORT_FAILED:' || i.source || ':' || coalesce(i.partner, '') || ':' || i.sha256)
order by i.id
