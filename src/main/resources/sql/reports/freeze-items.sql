-- Every counted item behind the frozen figures, with its lineage copied by value.
insert into ops.report_item (report_id, metric, year, item, import_id, file_name, line_no)
select :report, e.metric, e.year, e.item, e.import_id, e.file_name, e.line_no
from mart.evidence e
where exists (select 1 from ops.report_figure f
              where f.report_id = :report and f.metric = e.metric and f.year = e.year)
