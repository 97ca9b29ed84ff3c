-- Start-up identity, deduplicated start-ups, their metric and evidence (DESIGN §7, §8).
-- Repeatable: every view of this layer is defined here only, with create or replace (a change
-- of columns needs a versioned migration that drops the view first).

-- Records of live imports with their start-up key (DESIGN §7), the rule (reference):
-- equal enterprise numbers join; a record without one joins the single enterprise number seen
-- with its name key and postal code, stays apart when there are several, else groups by key.
-- A record's key depends only on the live records of its name key and postal code (a window over
-- them, so that a filter on name_key reaches the records' index) and on the aliases.
create or replace view mart_ref.startup_member as
with keyed as (
    select w.*,
           case when w.enterprise_number is not null then 'EN:' || w.enterprise_number
                when w.en_min = w.en_max then 'EN:' || w.en_min  -- exactly one number in the place
                else 'NK:' || w.pc || ':' || w.name_key end as raw_key,
           w.enterprise_number is null and coalesce(w.en_min <> w.en_max, false) as ambiguous
    from (select r.*, coalesce(r.postal_code, '') as pc,
                 min(r.enterprise_number) over place as en_min,
                 max(r.enterprise_number) over place as en_max
          from core.startup_record r
          join ops.import i on i.id = r.import_id
          where ops.is_live(i.status)
          window place as (partition by r.name_key, coalesce(r.postal_code, ''))) w
)
select coalesce(a.canonical_key, k.raw_key) as startup_key, k.raw_key, k.ambiguous,
       k.id as record_id, k.import_id, k.line_no, k.partner, k.name, k.name_key, k.enterprise_number,
       k.legal_form, k.creation_date, k.postal_code, k.city, k.theme, k.programme, k.support_start,
       k.status, k.founders
from keyed k
left join core.startup_alias a on a.startup_key = k.raw_key;

-- One row per deduplicated start-up, from the members kept in mart.startup_member; display values
-- from its most recent record. A filter on startup_key reaches the members' index.
create or replace view mart_ref.startup as
select distinct on (m.startup_key)
       m.startup_key,
       m.name,
       agg.enterprise_number,
       m.postal_code,
       m.city,
       agg.creation_date,
       m.theme,
       m.status,
       agg.partners,
       agg.records,
       agg.first_import_id,
       agg.first_line_no
from mart.startup_member m
join (
    select startup_key,
           min(enterprise_number) as enterprise_number,
           min(creation_date) as creation_date,
           array_agg(distinct partner order by partner) as partners,
           count(*) as records,
           (array_agg(import_id order by creation_date nulls last, import_id, line_no))[1] as first_import_id,
           (array_agg(line_no order by creation_date nulls last, import_id, line_no))[1] as first_line_no
    from mart.startup_member
    group by startup_key
) agg on agg.startup_key = m.startup_key
order by m.startup_key, m.import_id desc, m.line_no desc;

-- What readers read: the tables, kept in step by the functions below.
create or replace view core.startup_member as
select startup_key, raw_key, ambiguous, record_id, import_id, line_no, partner, name, name_key, enterprise_number,
       legal_form, creation_date, postal_code, city, theme, programme, support_start, status, founders
from mart.startup_member;

create or replace view core.startup as
select startup_key, name, enterprise_number, postal_code, city, creation_date, theme, status, partners, records,
       first_import_id, first_line_no
from mart.startup;

-- Maintenance. The records of these name keys were loaded or changed status, or an alias of theirs
-- changed: their members are derived again, then the start-ups they belonged to or now belong to,
-- and the jobs of an employer that became (or stopped being) a start-up move in or out of the
-- counts (mart.move_job_counts, R__30_hr.sql). One lock for start-ups and jobs: each refresh reads
-- what the ones before it committed, so a job and its employer's start-up never miss each other.
create or replace function mart.refresh_startup_names(p_names text[]) returns void
language plpgsql as $fn$
declare
    numbers text[];  -- the enterprise numbers these records carry
    present text[];  -- those a member carried before
    keys text[];
begin
    perform pg_advisory_xact_lock(hashtext('mart.startup_and_jobs'));
    numbers := array(select distinct enterprise_number from core.startup_record
                     where name_key = any(p_names) and enterprise_number is not null);
    present := array(select distinct enterprise_number from mart.startup_member where enterprise_number = any(numbers));
    keys := array(select distinct startup_key from mart.startup_member where name_key = any(p_names));
    delete from mart.startup_member where name_key = any(p_names);
    insert into mart.startup_member select * from mart_ref.startup_member where name_key = any(p_names);
    keys := keys || array(select distinct startup_key from mart.startup_member where name_key = any(p_names));
    delete from mart.startup where startup_key = any(keys);
    insert into mart.startup select * from mart_ref.startup where startup_key = any(keys);
    perform mart.move_job_counts(array(
        select n from unnest(numbers) n
        where n <> all(present) and exists (select 1 from mart.startup_member m where m.enterprise_number = n)), 1);
    perform mart.move_job_counts(array(
        select n from unnest(present) n
        where not exists (select 1 from mart.startup_member m where m.enterprise_number = n)), -1);
end
$fn$;

-- A start-up import's status changed (or it was loaded): trigger mart.import_status_changed.
create or replace function mart.refresh_startup_import(p_import bigint) returns void
language sql as $fn$
    select mart.refresh_startup_names(array(select distinct name_key from core.startup_record where import_id = p_import))
$fn$;

-- A merge (or its undoing) changes the key of the members whose raw key it names.
create or replace function mart.startup_alias_changed() returns trigger
language plpgsql as $fn$
declare
    raw text[] := array[]::text[];
begin
    perform pg_advisory_xact_lock(hashtext('mart.startup_and_jobs'));
    if tg_op <> 'INSERT' then
        raw := raw || old.startup_key;
    end if;
    if tg_op <> 'DELETE' then
        raw := raw || new.startup_key;
    end if;
    perform mart.refresh_startup_names(array(
        select name_key from mart.startup_member where raw_key = any(raw)
        union
        select name_key from mart_ref.startup_member where raw_key = any(raw)));
    return null;
end
$fn$;

drop trigger if exists startup_alias_marts on core.startup_alias;
create constraint trigger startup_alias_marts
    after insert or update or delete on core.startup_alias
    deferrable initially deferred
    for each row execute function mart.startup_alias_changed();

-- A maintained table's rows replaced by its reference's (the rebuilds here and in R__30_hr.sql).
create or replace function mart.replace_rows(p_table text, p_reference text) returns void
language plpgsql as $fn$
begin
    execute format('delete from %s', p_table);
    execute format('insert into %s select * from %s', p_table, p_reference);
end
$fn$;

-- Every member and start-up again from the reference (migration, POST /api/maintenance/rebuild-marts),
-- and the job counts, which read the members (on a new warehouse, R__30_hr.sql defines them later).
create or replace function mart.rebuild_startups() returns void
language plpgsql as $fn$
begin
    perform pg_advisory_xact_lock(hashtext('mart.startup_and_jobs'));
    perform mart.replace_rows('mart.startup_member', 'mart_ref.startup_member');
    perform mart.replace_rows('mart.startup', 'mart_ref.startup');
    if to_regclass('mart_ref.job_count') is not null then
        perform mart.replace_rows('mart.job_count', 'mart_ref.job_count');
    end if;
end
$fn$;

-- This file changed (Flyway runs it again): the tables follow the rule as it now reads.
select mart.rebuild_startups();

create or replace view mart.startup_metric_by_year as
    select 'startups_created'::text as metric,
           extract(year from creation_date)::int as year,
           count(*)::numeric as value
    from core.startup
    where creation_date is not null
    group by 2;

-- Evidence (DESIGN §9): the source file and line of every counted item; the same columns for every source.
create or replace view mart.startup_evidence as
select 'startups_created'::text as metric,
       extract(year from s.creation_date)::int as year,
       s.name as item,
       s.first_import_id as import_id,
       s.first_line_no as line_no
from core.startup s
where s.creation_date is not null;
