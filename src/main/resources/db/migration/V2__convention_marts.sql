-- Convention phases, targets and the pinned KPI views (DESIGN §8).
-- Phases and targets are written from config/convention.yaml at every start.
create table ops.metric (
    name  text primary key,
    ord   int  not null,
    label text not null
);
insert into ops.metric (name, ord, label) values
    ('startups_created', 1, 'Start-ups created'),
    ('jobs_created', 2, 'Jobs created'),
    ('jobs_created_fte', 3, 'Jobs created (FTE)'),
    ('certifications_delivered', 4, 'Certifications delivered'),
    ('exams_passed', 5, 'Exams passed'),
    ('certified_persons', 6, 'Certified persons');

create table ops.convention_phase (
    phase     text primary key,
    year_from int not null,
    year_to   int not null check (year_to >= year_from)
);

-- year null = a target for the whole phase
create table ops.convention_target (
    phase  text    not null references ops.convention_phase (phase) on delete cascade,
    year   int,
    metric text    not null references ops.metric (name),
    target numeric not null
);
create unique index convention_target_uq on ops.convention_target (phase, coalesce(year, 0), metric);

-- One view per source gives (metric, year, value); each source's migrations replace its own.
create view mart.startup_metric_by_year as
    select null::text as metric, null::int as year, null::numeric as value where false;
create view mart.exam_metric_by_year as
    select null::text as metric, null::int as year, null::numeric as value where false;
create view mart.job_metric_by_year as
    select null::text as metric, null::int as year, null::numeric as value where false;

create view mart.metric_by_year as
    select metric, year, value from mart.startup_metric_by_year
    union all select metric, year, value from mart.exam_metric_by_year
    union all select metric, year, value from mart.job_metric_by_year;

create view mart.convention_kpi as
    select p.phase, y.year::int as year, m.name as metric,
           coalesce(v.value, 0)::numeric as value,
           t.target
    from ops.convention_phase p
    cross join lateral generate_series(p.year_from, p.year_to) as y(year)
    cross join ops.metric m
    left join mart.metric_by_year v on v.metric = m.name and v.year = y.year
    left join ops.convention_target t on t.phase = p.phase and t.year = y.year and t.metric = m.name;

create view mart.convention_phase_kpi as
    select k.phase, k.metric, sum(k.value)::numeric as value,
           coalesce(pt.target,
                    case when count(k.target) = count(*) then sum(k.target) end) as target
    from mart.convention_kpi k
    join ops.metric m on m.name = k.metric
    left join ops.convention_target pt on pt.phase = k.phase and pt.year is null and pt.metric = k.metric
    group by k.phase, k.metric, m.ord, pt.target;
