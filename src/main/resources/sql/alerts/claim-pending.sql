-- Alerts to mail now, claimed by this instance (another one skips them); a claim older than
-- ten minutes belongs to an instance that stopped mid-send and is taken again.
update ops.alert a set status = 'SENDING', claimed_at = clock_timestamp(), attempts = a.attempts + 1
where a.id in (select id from ops.alert
               where (status = 'PENDING' and next_try_at <= clock_timestamp())
                  or (status = 'SENDING' and claimed_at < clock_timestamp() - interval '10 minutes')
               order by id
               limit :limit
               for update skip locked)
returning a.id, a.kind, a.subject, a.detail, a.attempts
