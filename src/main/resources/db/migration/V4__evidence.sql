-- Evidence (DESIGN §9): the source file and line of every counted item, one view per source
-- with the same columns; each source's migrations replace its own.
create view mart.startup_evidence as
select 'startups_created'::text as metric,
       extract(year from s.creation_date)::int as year,
       s.name as item,
       s.first_import_id as import_id,
       s.first_line_no as line_no
from core.startup s
where s.creation_date is not null;

create view mart.exam_evidence as
    select null::text as metric, null::int as year, null::text as item, null::bigint as import_id,
           null::bigint as line_no where false;
create view mart.job_evidence as
    select null::text as metric, null::int as year, null::text as item, null::bigint as import_id,
           null::bigint as line_no where false;

create view mart.evidence as
select e.metric, e.year, e.item, e.import_id, i.file_name, i.source, i.partner, e.line_no
from (select * from mart.startup_evidence
      union all select * from mart.exam_evidence
      union all select * from mart.job_evidence) e
left join ops.import i on i.id = e.import_id;
