-- Loaded items that a phase's figures do not count, and why (DESIGN §18), for the years [?, ?]:
-- metric, reason, n. Repeat passes of an exam are exams_passed - certifications_delivered (Java).
with p as (select ?::int as y_from, ?::int as y_to),
st as (
    select count(*) filter (where creation_date is null) as no_date,
           count(*) filter (where creation_date is not null and not exists (
               select 1 from ops.convention_phase cp
               where extract(year from s.creation_date) between cp.year_from and cp.year_to)) as outside,
           coalesce(sum(records - 1), 0) as merged
    from core.startup s
),
job as (
    select u.reason, count(*) as n from mart.unattributed_job u, p
    where u.year between p.y_from and p.y_to group by u.reason
),
contract as (
    select count(*) filter (where not c.cancelled and c.contract_type not in ('CDI', 'CDD')) as other_type,
           count(*) filter (where c.cancelled) as cancelled
    from core.hr_contract c, p
    where extract(year from c.start_date) between p.y_from and p.y_to
),
ex as (  -- maintained counts: sittings not passed, persons by their years with a pass
    select (select coalesce(sum(c.value), 0) from mart.exam_count c
            where c.metric = 'not_passed' and c.year between p.y_from and p.y_to) as not_passed,
           (select coalesce(sum(b.persons), 0) from mart.persons_by_pass_years b
            where b.years & (select bit_or(mart.pass_year_bit(make_date(y, 1, 1)))
                             from generate_series(p.y_from, p.y_to) y) <> 0) as persons_passing
    from p
)
select 'startups_created' as metric, 'NO_CREATION_DATE' as reason, no_date as n from st
union all select 'startups_created', 'CREATED_OUTSIDE_PHASES', outside from st
union all select 'startups_created', 'MERGED_RECORD', merged from st
union all select m.metric, job.reason, job.n from job
    cross join (values ('jobs_created'), ('jobs_created_fte')) as m(metric)
union all select m.metric, 'CONTRACT_TYPE_NOT_COUNTED', other_type from contract
    cross join (values ('jobs_created'), ('jobs_created_fte')) as m(metric)
union all select m.metric, 'CANCELLED_CONTRACT', cancelled from contract
    cross join (values ('jobs_created'), ('jobs_created_fte')) as m(metric)
union all select m.metric, 'NOT_PASSED', not_passed from ex
    cross join (values ('exams_passed'), ('certifications_delivered')) as m(metric)
union all select 'certified_persons', 'PERSONS_PASSING', persons_passing from ex
