-- The pinned convention views (DESIGN §8) and the evidence of every metric, over the three sources.
-- Repeatable: every view of this layer is defined here only (see R__10_startups.sql). A versioned
-- migration that drops the exam views (V96) drops these with them: changing this file, as V96 did,
-- makes Flyway define them again after it.

create or replace view mart.metric_by_year as
    select metric, year, value from mart.startup_metric_by_year
    union all select metric, year, value from mart.exam_metric_by_year
    union all select metric, year, value from mart.job_metric_by_year;

create or replace view mart.convention_kpi as
    select p.phase, y.year::int as year, m.name as metric,
           coalesce(v.value, 0)::numeric as value,
           t.target
    from ops.convention_phase p
    cross join lateral generate_series(p.year_from, p.year_to) as y(year)
    cross join ops.metric m
    left join mart.metric_by_year v on v.metric = m.name and v.year = y.year
    left join ops.convention_target t on t.phase = p.phase and t.year = y.year and t.metric = m.name;

create or replace view mart.convention_phase_kpi as
    select k.phase, k.metric, sum(k.value)::numeric as value,
           coalesce(pt.target,
                    case when count(k.target) = count(*) then sum(k.target) end) as target
    from mart.convention_kpi k
    join ops.metric m on m.name = k.metric
    left join ops.convention_target pt on pt.phase = k.phase and pt.year is null and pt.metric = k.metric
    group by k.phase, k.metric, m.ord, pt.target;

create or replace view mart.evidence as
select e.metric, e.year, e.item, e.import_id, i.file_name, i.source, i.partner, e.line_no
from (select * from mart.startup_evidence
      union all select * from mart.exam_evidence
      union all select * from mart.job_evidence) e
left join ops.import i on i.id = e.import_id;

-- The maintained marts against their reference definitions, layer by layer (POST /api/maintenance/verify-marts):
-- every layer must answer 0 missing and 0 extra rows.
create or replace function mart.verify_marts() returns table (layer text, missing bigint, extra bigint)
language sql stable as $fn$
    select * from mart.verify_exam_marts()
    union all
    select l.layer, d.missing, d.extra
    from (values ('mart.startup_member', 'mart_ref.startup_member'), ('mart.startup', 'mart_ref.startup'),
                 ('mart.hr_contract', 'mart_ref.hr_contract'), ('mart.job', 'mart_ref.hr_job'),
                 ('mart.job_count', 'mart_ref.job_count')) as l(layer, reference)
    cross join lateral mart.rows_differ(l.reference, l.layer) d
$fn$;

-- Any change of an import's status, by any code path, refreshes the maintained marts of its source at
-- its transaction's commit: the exam layers (R__20_exams.sql), the start-ups (R__10_startups.sql) and
-- the HR contracts and jobs (R__30_hr.sql).
create or replace function mart.import_status_changed() returns trigger
language plpgsql as $fn$
begin
    if tg_op = 'INSERT' or ops.is_live(old.status) <> ops.is_live(new.status) or old.status = 'RUNNING' then
        case new.source
            when 'exams' then perform mart.refresh_exam_import(new.id);
            when 'hr' then perform mart.refresh_hr_import(new.id);
            when 'incubators' then perform mart.refresh_startup_import(new.id);
            else null;
        end case;
    end if;
    return null;
end
$fn$;

drop trigger if exists import_status_marts on ops.import;
create constraint trigger import_status_marts
    after update of status on ops.import
    deferrable initially deferred
    for each row when (old.status is distinct from new.status)
    execute function mart.import_status_changed();
drop trigger if exists import_inserted_marts on ops.import;
create constraint trigger import_inserted_marts
    after insert on ops.import
    deferrable initially deferred
    for each row when (new.status <> 'RUNNING')
    execute function mart.import_status_changed();
