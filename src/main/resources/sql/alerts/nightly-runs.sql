-- Nightly runs that failed, or that have not finished long after their scheduled time.
select n.id, n.scheduled_for, n.status, n.message, n.trigger, n.node,
       case when n.status = 'FAILED' then 'NIGHTLY_FAILED' else 'NIGHTLY_LATE' end as kind
from ops.nightly_run n
where n.scheduled_for > now() - make_interval(secs => :lookback)
  and (n.status = 'FAILED' or (n.status = 'RUNNING' and n.scheduled_for < now() - make_interval(secs => :late)))
  and not exists (select 1 from ops.alert a
                  where a.cause_key = case when n.status = 'FAILED' then 'NIGHTLY_FAILED:' else 'NIGHTLY_LATE:' end || n.id)
order by n.id
