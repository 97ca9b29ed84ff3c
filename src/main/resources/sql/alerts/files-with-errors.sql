-- Imports loaded with ERROR rows (rows not loaded), with their reasons and first lines; a content
-- (or a pull) is alerted once, re-imports included. No value of a row is read here.
select i.id, i.source, i.partner, i.file_name, i.rows_read, i.rows_rejected, i.status,
       'IMPORT_ERRORS:' || i.source || ':' || coalesce(i.partner, '') || ':' || coalesce(i.sha256, 'import-' || i.id) as cause_key,
       (select string_agg(x.reason_code || ' (' || x.n || ')', ', ' order by x.n desc, x.reason_code)
        from (select r.reason_code, count(*) as n from ops.rejected_row r
              where r.import_id = i.id and r.severity = 'ERROR' group by r.reason_code) x) as reasons,
       (select string_agg(y.line_no::text, ', ' order by y.line_no)
        from (select distinct r.line_no from ops.rejected_row r
              where r.import_id = i.id and r.severity = 'ERROR' and r.line_no is not null
              order by r.line_no limit 10) y) as lines
from ops.import i
where i.status not in ('RUNNING', 'FAILED', 'DUPLICATE')
  and i.rows_rejected > 0
  and i.finished_at > now() - make_interval(secs => :lookback)
  and exists (select 1 from ops.rejected_row r where r.import_id = i.id and r.severity = 'ERROR')
  and not exists (select 1 from ops.alert a
                  where a.cause_key = 'IMPORT_ERRORS:' || i.source || ':' || coalesce(i.partner, '') || ':'
                                      || coalesce(i.sha256, 'import-' || i.id))
order by i.id
