-- HR events, contracts, jobs, job metrics and evidence (DESIGN §7, §8); reads core.startup_member.
-- Repeatable: every view of this layer is defined here only (see R__10_startups.sql).

-- Events of live imports, once per identity (declaration_id, action, declared_at):
-- the first delivery is kept for lineage, the others are re-deliveries.
create or replace view core.hr_live_event as
select distinct on (e.declaration_id, e.action, e.declared_at)
       e.*,
       case e.action when 'IN' then 0 when 'UPDATE' then 1 when 'OUT' then 2 else 3 end as action_rank
from core.hr_event e
join ops.import i on i.id = e.import_id
where ops.is_live(i.status)
order by e.declaration_id, e.action, e.declared_at, e.import_id, e.line_no;

-- Whether each event takes effect: an IN always; an UPDATE, OUT or CANCEL only when an IN of its
-- declaration id was declared (strictly) before it.
create or replace view core.hr_effective_event as
select w.*, (w.action = 'IN' or coalesce(w.declared_at > w.opened_at, false)) as effective
from (select e.*,  -- a window over the declaration, so a filter on its id reaches the events' index
             min(e.declared_at) filter (where e.action = 'IN') over (partition by e.declaration_id) as opened_at
      from core.hr_live_event e) w;

-- UPDATE / OUT / CANCEL waiting for their IN (no effect until it arrives).
create or replace view core.hr_orphan_event as
select declaration_id, action, declared_at, import_id, line_no, opened_at
from core.hr_effective_event
where not effective;

-- One row per declaration id with an IN: the contract after applying its events in declared_at
-- order. Fields: the latest IN or UPDATE (an UPDATE replaces every field but the declaration id);
-- end date: the latest IN, UPDATE or OUT; voided when the latest of its INs and CANCELs is a CANCEL.
-- The rule (reference): one group per declaration id, so that mart.refresh_hr_import's filter on the
-- ids of an import reaches the events' index (milliseconds, where the whole derivation takes 0.2 s
-- for 50,000 events). Readers read the table it keeps, core.hr_contract.
create or replace view mart_ref.hr_contract as
with g as (
    select e.declaration_id,
           (array_agg(e order by e.declared_at desc, e.action_rank desc)
                filter (where e.action in ('IN', 'UPDATE')))[1] as f,
           (array_agg(e.end_date order by e.declared_at desc, e.action_rank desc)
                filter (where e.action in ('IN', 'UPDATE', 'OUT')))[1] as end_date,
           (array_agg(e.action order by e.declared_at desc, e.action_rank desc)
                filter (where e.action in ('IN', 'CANCEL')))[1] = 'CANCEL' as cancelled,
           count(*) as events,
           max(e.declared_at) as last_declared_at
    from core.hr_effective_event e
    where e.effective
    group by e.declaration_id
    having count(*) filter (where e.action in ('IN', 'UPDATE')) > 0
)
select g.declaration_id, (g.f).employer_en, (g.f).employer_raw, (g.f).employer_name, (g.f).worker_hash,
       (g.f).contract_type, (g.f).fte, (g.f).start_date, g.end_date, (g.f).job_title, g.cancelled,
       (g.f).opened_at, g.last_declared_at, g.events, (g.f).import_id, (g.f).line_no
from g;

create or replace view core.hr_contract as
select declaration_id, employer_en, employer_raw, employer_name, worker_hash, contract_type, fte, start_date,
       end_date, job_title, cancelled, opened_at, last_declared_at, events, import_id, line_no
from mart.hr_contract;

-- One job = (employer enterprise number, worker): its first non-cancelled CDI/CDD contract by
-- start date (ties by declared_at of the IN). STUDENT, INTERIM and FLEXI are never considered.
-- An employer without a valid number is kept apart under its declared spelling (unattributable).
-- The rule (reference), from the contracts kept in mart.hr_contract: a worker's jobs come from that
-- worker's contracts only, so a filter on worker_hash reaches the contracts' index.
create or replace view mart_ref.hr_job as
with c as (
    select c.*, coalesce('EN:' || c.employer_en, 'RAW:' || coalesce(c.employer_raw, '')) as employer_key
    from core.hr_contract c
    where not c.cancelled
      and c.contract_type in ('CDI', 'CDD')
      and c.start_date is not null
      and c.worker_hash is not null
)
select distinct on (employer_key, worker_hash)
       employer_key,
       employer_en,
       employer_raw,
       employer_name,
       worker_hash,
       declaration_id as first_declaration_id,
       contract_type,
       fte,
       start_date,
       extract(year from start_date)::int as year,
       count(*) over (partition by employer_key, worker_hash) as contracts,
       import_id,
       line_no
from c
order by employer_key, worker_hash, start_date, opened_at, declaration_id;

create or replace view core.hr_job as
select employer_key, employer_en, employer_raw, employer_name, worker_hash, first_declaration_id, contract_type, fte,
       start_date, year, contracts, import_id, line_no
from mart.job;

-- The counted jobs per year (their employer is a start-up of the warehouse), from the jobs and
-- members kept (reference of mart.job_count).
create or replace view mart_ref.job_count as
select year, count(*)::numeric as jobs, coalesce(sum(fte), 0)::numeric as fte
from mart.job
where employer_en in (select enterprise_number from mart.startup_member)
group by year;

-- Maintenance. An HR import's status changed (or it was loaded): the contracts of its declaration
-- ids are recomputed from the reference, then the jobs of the workers those contracts name (before
-- and after), and the counts move by the jobs that left and came, in that commit (trigger
-- mart.import_status_changed, R__90_convention.sql). One lock with the start-ups
-- (mart.refresh_startup_names): each refresh reads what the ones before it committed.
create or replace function mart.refresh_hr_import(p_import bigint) returns void
language plpgsql as $fn$
declare
    ids text[];
    workers text[];
begin
    perform pg_advisory_xact_lock(hashtext('mart.startup_and_jobs'));
    ids := array(select distinct declaration_id from core.hr_event where import_id = p_import);
    workers := array(select worker_hash from mart.hr_contract where declaration_id = any(ids) and worker_hash is not null);
    delete from mart.hr_contract where declaration_id = any(ids);
    insert into mart.hr_contract select * from mart_ref.hr_contract where declaration_id = any(ids);
    workers := array(select distinct w from unnest(workers || array(
        select worker_hash from mart.hr_contract where declaration_id = any(ids) and worker_hash is not null)) w);
    with gone as (delete from mart.job where worker_hash = any(workers) returning year, fte, employer_en)
    insert into mart.job_count as c (year, jobs, fte)
    select year, -count(*), -coalesce(sum(fte), 0) from gone
    where employer_en in (select enterprise_number from mart.startup_member) group by year
    on conflict (year) do update set jobs = c.jobs + excluded.jobs, fte = c.fte + excluded.fte;
    with came as (insert into mart.job select * from mart_ref.hr_job where worker_hash = any(workers)
                  returning year, fte, employer_en)
    insert into mart.job_count as c (year, jobs, fte)
    select year, count(*), coalesce(sum(fte), 0) from came
    where employer_en in (select enterprise_number from mart.startup_member) group by year
    on conflict (year) do update set jobs = c.jobs + excluded.jobs, fte = c.fte + excluded.fte;
    delete from mart.job_count where jobs = 0;
end
$fn$;

-- The jobs of these employers start (p_sign 1) or stop (-1) counting: their enterprise number
-- became, or stopped being, a start-up's (mart.refresh_startup_names).
create or replace function mart.move_job_counts(p_numbers text[], p_sign int) returns void
language sql as $fn$
    insert into mart.job_count as c (year, jobs, fte)
    select year, p_sign * count(*), p_sign * coalesce(sum(fte), 0)
    from mart.job where employer_en = any(p_numbers) group by year
    on conflict (year) do update set jobs = c.jobs + excluded.jobs, fte = c.fte + excluded.fte;
    delete from mart.job_count where jobs = 0;
$fn$;

-- Every contract, job and count again from the reference (migration, POST /api/maintenance/rebuild-marts).
create or replace function mart.rebuild_hr_contracts() returns void
language plpgsql as $fn$
begin
    perform pg_advisory_xact_lock(hashtext('mart.startup_and_jobs'));
    perform mart.replace_rows('mart.hr_contract', 'mart_ref.hr_contract');
    perform mart.replace_rows('mart.job', 'mart_ref.hr_job');
    perform mart.replace_rows('mart.job_count', 'mart_ref.job_count');
end
$fn$;

-- This file changed (Flyway runs it again): the tables follow the rules as they now read.
select mart.rebuild_hr_contracts();

-- Jobs with the deduplicated start-up of their employer (null: not a start-up of the warehouse).
create or replace view mart.hr_job as
select j.*, s.startup_key
from core.hr_job j
left join (select enterprise_number, min(startup_key) as startup_key
           from core.startup_member
           where enterprise_number is not null
           group by enterprise_number) s on s.enterprise_number = j.employer_en;

-- Jobs kept but not counted: their employer is not a start-up of the warehouse.
create or replace view mart.unattributed_job as
select j.year,
       j.start_date,
       j.employer_en,
       j.employer_raw,
       j.employer_name,
       case when j.employer_en is null and j.employer_raw is null then 'MISSING_ENTERPRISE_NUMBER'
            when j.employer_en is null then 'INVALID_ENTERPRISE_NUMBER'
            else 'UNKNOWN_STARTUP' end as reason,
       left(j.worker_hash, 12) as worker_ref,
       j.first_declaration_id,
       j.contract_type,
       j.fte,
       j.contracts,
       j.import_id,
       j.line_no
from mart.hr_job j
where j.startup_key is null;

-- Both metrics from the counts kept per year.
create or replace view mart.job_metric_by_year as
select m.metric, y.year, m.value
from mart.job_count y
cross join lateral (values ('jobs_created'::text, y.jobs), ('jobs_created_fte'::text, y.fte)) as m(metric, value);

-- Evidence: the line (or API item) of each counted job's first contract; the worker appears only
-- as the start of its keyed hash.
create or replace view mart.job_evidence as
select m.metric,
       j.year,
       coalesce(j.employer_name, 'enterprise') || ' (' || substr(j.employer_en, 1, 4) || '.'
           || substr(j.employer_en, 5, 3) || '.' || substr(j.employer_en, 8, 3) || '), worker '
           || left(j.worker_hash, 12) || ', ' || j.contract_type || ' from ' || to_char(j.start_date, 'YYYY-MM-DD')
           || case when m.metric = 'jobs_created_fte' then ', FTE ' || coalesce(j.fte::text, '0') else '' end
           || ' [' || j.first_declaration_id || ']' as item,
       j.import_id,
       j.line_no
from mart.hr_job j
cross join (values ('jobs_created'), ('jobs_created_fte')) as m(metric)
where j.startup_key is not null;

-- Informational (not a convention metric): people employed by the start-ups on 31 December of each
-- year, from their non-cancelled CDI/CDD contracts (a worker counts once per employer).
create or replace view mart.hr_headcount_by_year as
with c as (
    select c.employer_en, c.worker_hash, c.fte, c.start_date, c.end_date
    from core.hr_contract c
    where not c.cancelled
      and c.contract_type in ('CDI', 'CDD')
      and c.start_date is not null
      and c.employer_en in (select enterprise_number from core.startup_member where enterprise_number is not null)
), years as (
    select generate_series(min(extract(year from start_date))::int, max(extract(year from start_date))::int) as year
    from c
)
select y.year,
       count(distinct (c.employer_en, c.worker_hash)) as headcount,
       coalesce(sum(c.fte), 0)::numeric as fte
from years y
join c on c.start_date <= make_date(y.year, 12, 31)
      and (c.end_date is null or c.end_date >= make_date(y.year, 12, 31))
group by y.year;
