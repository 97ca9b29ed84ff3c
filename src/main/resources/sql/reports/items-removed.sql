-- Items the frozen report counted for a metric and year that are not counted any more.
select f.item, f.import_id, f.file_name, f.line_no
from ops.report_item f
where f.report_id = :report and f.metric = :metric and f.year = :year
  and not exists (select 1 from mart.evidence e
                  where e.metric = :metric and e.year = :year
                    and e.item = f.item and coalesce(e.file_name, '') = coalesce(f.file_name, '')
                    and coalesce(e.line_no, -1) = coalesce(f.line_no, -1))
order by f.import_id, f.line_no, f.item
limit :limit
