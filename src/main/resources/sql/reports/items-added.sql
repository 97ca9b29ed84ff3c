-- Items counted now for a metric and year that the frozen report did not count. An item is the same
-- when its text, file and line are (a re-import of the same file changes the import id only).
select e.item, e.import_id, e.file_name, e.line_no
from mart.evidence e
where e.metric = :metric and e.year = :year
  and not exists (select 1 from ops.report_item f
                  where f.report_id = :report and f.metric = :metric and f.year = :year
                    and f.item = e.item and coalesce(f.file_name, '') = coalesce(e.file_name, '')
                    and coalesce(f.line_no, -1) = coalesce(e.line_no, -1))
order by e.import_id, e.line_no, e.item
limit :limit
