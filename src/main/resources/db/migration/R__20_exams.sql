-- Exam sittings and their winning version, first passes, exam metrics and evidence (DESIGN §7, §8).
-- Repeatable: every view of this layer is defined here only (see R__10_startups.sql).
--
-- Two parts. The reference (schema mart_ref) derives everything from the delivered rows on every
-- read: it is the rule as written. The tables of V91 hold the same layers, kept equal to it by
-- mart.refresh_exam_import(), set-based for the candidates and sittings an import touches, when
-- the import's status changes (deferred trigger: at the commit of the very transaction that
-- loads, supersedes, withdraws or approves it). The views every reader uses (core.exam_*,
-- mart.exam_*) read the tables, or the reference while mart.exam_state says the tables are stale
-- (after an import of more than bulk_rows rows, until the marts-rebuild route has rebuilt them):
-- the figures are the same either way, and change atomically with the commit that changes them.

-- ---------------------------------------------------------------------------------------------
-- Reference: full recompute from core.exam_record and ops.import.
-- Records of live imports; of a test-centre row only its latest version.
create or replace view mart_ref.exam_record_current as
select r.*
from core.exam_record r
join ops.import i on i.id = r.import_id
where ops.is_live(i.status) and r.db_id is null
union all
select d.*
from (select distinct on (r.db_id) r.*
      from core.exam_record r
      join ops.import i on i.id = r.import_id
      where ops.is_live(i.status) and r.db_id is not null
      order by r.db_id, r.db_updated_at desc, r.import_id desc, r.line_no desc) d;

-- Each current record with its sitting key (DESIGN §7): the registration id when it has one;
-- without one, the registration of the same provider, candidate, exam and date when there is one
-- (several: the one with the same status, then the smallest), else candidate + exam + date.
create or replace view mart_ref.exam_sitting_member as
with cur as not materialized (  -- scanning twice is cheaper than writing every row to a temp store
    select * from mart_ref.exam_record_current
), joined as (
    select distinct on (c.import_id, c.line_no) c.import_id, c.line_no, g.registration_id
    from cur c
    join cur g on g.provider = c.provider and g.candidate_hash = c.candidate_hash
              and g.exam_code = c.exam_code and g.exam_date = c.exam_date
    where c.registration_id is null and g.registration_id is not null
    order by c.import_id, c.line_no, (g.status = c.status) desc, g.registration_id
)
select case when coalesce(c.registration_id, j.registration_id) is not null
            then 'R|' || coalesce(c.registration_id, j.registration_id)
            else 'C|' || encode(c.candidate_hash, 'hex') || '|' || c.exam_code || '|' || c.exam_date end as sitting_key,
       c.*
from cur c
left join joined j on j.import_id = c.import_id and j.line_no = c.line_no;

-- One row per sitting: the test centre's latest version wins over files, among files the later import.
-- Each sort of this layer starts with a 64-bit hash of its text key: the rows of one key still come
-- together, but most comparisons are of two integers rather than two strings (a third less time).
create or replace view mart_ref.exam_sitting as
select distinct on (hashtextextended(sitting_key, 0), provider, sitting_key)
       provider, sitting_key,
       case when sitting_key like 'R|%' then substr(sitting_key, 3) end as registration_id,
       person_hash, exam_code, exam_title, exam_date, status, score, passing_score, result, passed,
       import_id, line_no, db_id, db_updated_at
from mart_ref.exam_sitting_member
order by hashtextextended(sitting_key, 0), provider, sitting_key,
         (db_id is not null) desc, db_updated_at desc nulls last, import_id desc, line_no desc;

-- The first passing sitting of a person for an exam code (a certification delivered).
create or replace view mart_ref.exam_first_pass as
select distinct on (person_hash, exam_code)
       person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from mart_ref.exam_sitting
where passed
order by person_hash, exam_code, exam_date, import_id, line_no;

-- The first ever pass of a person (a certified person).
create or replace view mart_ref.person_first_pass as
select distinct on (person_hash)
       person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from mart_ref.exam_first_pass
order by person_hash, exam_date, import_id, line_no;

-- A year as one bit of a bigint (2000 to 2062; any other year, none): a person's passing years.
create or replace function mart.pass_year_bit(d date) returns bigint
language sql immutable parallel safe as $fn$
    select case when extract(year from d) between 2000 and 2062 then 1::bigint << (extract(year from d)::int - 2000) else 0 end
$fn$;

create or replace view mart_ref.person_pass_years as
select person_hash, bit_or(mart.pass_year_bit(exam_date)) as years
from mart_ref.exam_sitting where passed group by person_hash;

-- Every count of this layer from one pass over the sittings (a CTE used several times is computed
-- once): the three exam metrics and the sittings not passed (what the console lists as not
-- counted), per provider and year; and how many persons share each set of passing years (metric
-- persons_by_pass_years: years is the set, value the persons). The two views after it read their
-- part each: a filter on the metric leaves the branches of other constant metrics out of the plan
-- (the first branch, whose metric is computed, always runs). The sittings passed and not passed are
-- counted in that one aggregation, and the passes are read from the sittings rather than kept a
-- second time (0.3 s less of 4.4–4.9 s at 1M rows, for the publication, which reads every metric).
create or replace view mart_ref.exam_counts as
    with sitting as (
        select person_hash, exam_code, exam_date, provider, import_id, line_no, passed from mart_ref.exam_sitting
    ), pass as not materialized (
        select person_hash, exam_code, exam_date, provider, import_id, line_no from sitting where passed
    ), first_exam as (
        select distinct on (person_hash, exam_code)
               person_hash, exam_code, exam_date, provider, import_id, line_no
        from pass order by person_hash, exam_code, exam_date, import_id, line_no
    ), first_person as (
        select distinct on (person_hash) person_hash, exam_date, provider
        from first_exam order by person_hash, exam_date, import_id, line_no
    )
    select (case when passed then 'exams_passed' else 'not_passed' end)::text as metric, provider,
           extract(year from exam_date)::int as year, null::bigint as years, count(*) as value
    from sitting group by 1, 2, 3
    union all
    select 'certifications_delivered'::text, provider, extract(year from exam_date)::int, null, count(*)
    from first_exam group by 2, 3
    union all
    select 'certified_persons'::text, provider, extract(year from exam_date)::int, null, count(*)
    from first_person group by 2, 3
    union all
    select 'persons_by_pass_years'::text, null, null, years, count(*)
    from (select bit_or(mart.pass_year_bit(exam_date)) as years from pass group by person_hash) p
    group by years;

-- The three exam metrics, and the sittings not passed, per provider and year.
create or replace view mart_ref.exam_metric_count as
select metric, provider, year, value from mart_ref.exam_counts where metric <> 'persons_by_pass_years';

-- How many persons share each set of passing years.
create or replace view mart_ref.pass_years_count as
select years, value as persons from mart_ref.exam_counts where metric = 'persons_by_pass_years';

-- ---------------------------------------------------------------------------------------------
-- What readers read: the maintained tables while they are fresh, else the reference (a one-time
-- filter: only one branch of each view runs).
create or replace function mart.exam_marts_fresh() returns boolean
language sql stable as $fn$
    select coalesce((select not stale from mart.exam_state), false)
$fn$;

-- The counts may be fresh before the rest: a bulk rebuild publishes them first.
create or replace function mart.exam_counts_fresh() returns boolean
language sql stable as $fn$
    select coalesce((select not counts_stale from mart.exam_state), false)
$fn$;

create or replace view core.exam_record_current as
select import_id, line_no, provider, registration_id, candidate_hash, person_hash, exam_code, exam_title, exam_date,
       status, score, passing_score, result, passed, db_id, db_updated_at, content_hash
from mart.exam_member where mart.exam_marts_fresh()
union all
select import_id, line_no, provider, registration_id, candidate_hash, person_hash, exam_code, exam_title, exam_date,
       status, score, passing_score, result, passed, db_id, db_updated_at, content_hash
from mart_ref.exam_record_current where not mart.exam_marts_fresh();

create or replace view core.exam_sitting_member as
select sitting_key, import_id, line_no, provider, registration_id, candidate_hash, person_hash, exam_code, exam_title, exam_date,
       status, score, passing_score, result, passed, db_id, db_updated_at, content_hash
from mart.exam_member where mart.exam_marts_fresh()
union all
select sitting_key, import_id, line_no, provider, registration_id, candidate_hash, person_hash, exam_code, exam_title, exam_date,
       status, score, passing_score, result, passed, db_id, db_updated_at, content_hash
from mart_ref.exam_sitting_member where not mart.exam_marts_fresh();

create or replace view core.exam_sitting as
select provider, sitting_key, registration_id, person_hash, exam_code, exam_title, exam_date, status, score,
       passing_score, result, passed, import_id, line_no, db_id, db_updated_at
from mart.exam_sitting where mart.exam_marts_fresh()
union all
select provider, sitting_key, registration_id, person_hash, exam_code, exam_title, exam_date, status, score,
       passing_score, result, passed, import_id, line_no, db_id, db_updated_at
from mart_ref.exam_sitting where not mart.exam_marts_fresh();

create or replace view core.exam_first_pass as
select person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from mart.exam_first_pass where mart.exam_marts_fresh()
union all
select person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from mart_ref.exam_first_pass where not mart.exam_marts_fresh();

create or replace view core.person_first_pass as
select person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from mart.person_first_pass where mart.exam_marts_fresh()
union all
select person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from mart_ref.person_first_pass where not mart.exam_marts_fresh();

-- The counts per provider and year: exams_passed, certifications_delivered, certified_persons, not_passed
create or replace view mart.exam_count as
select metric, provider, year, value from mart.exam_metric_count where mart.exam_counts_fresh()
union all
select metric, provider, year, value from mart_ref.exam_metric_count where not mart.exam_counts_fresh();

-- How many persons share each set of passing years (persons passing in a phase: sum where years & phase <> 0)
create or replace view mart.persons_by_pass_years as
select years, persons from mart.pass_years_count where mart.exam_counts_fresh()
union all
select years, persons from mart_ref.pass_years_count where not mart.exam_counts_fresh();

create or replace view mart.exam_metric_by_provider as
select metric, provider, year, value from mart.exam_count where metric <> 'not_passed';

create or replace view mart.exam_metric_by_year as
select metric, year, sum(value)::numeric as value from mart.exam_metric_by_provider group by metric, year;

-- Items name the exam and the registration, or a prefix of the person's hash: never a plain identity.
create or replace view mart.exam_evidence as
    select 'exams_passed'::text as metric, extract(year from exam_date)::int as year,
           provider || ' ' || exam_code || ' ' || exam_date || ' '
               || coalesce('registration ' || registration_id, 'person ' || left(encode(person_hash, 'hex'), 12)) as item,
           import_id, line_no
    from core.exam_sitting
    where passed
    union all
    select 'certifications_delivered'::text, extract(year from exam_date)::int,
           exam_code || ' person ' || left(encode(person_hash, 'hex'), 12) || ' ' || exam_date,
           import_id, line_no
    from core.exam_first_pass
    union all
    select 'certified_persons'::text, extract(year from exam_date)::int,
           'person ' || left(encode(person_hash, 'hex'), 12) || ' first pass ' || exam_code || ' ' || exam_date,
           import_id, line_no
    from core.person_first_pass;

-- ---------------------------------------------------------------------------------------------
-- Maintenance. One import's status changed (or it was loaded): the records whose being current can
-- change are its own rows and every version of its test-centre rows; their candidates are the only
-- ones whose sitting keys can change; the sittings of those members, the (person, exam) pairs and
-- persons of those sittings are recomputed from the tables, and the yearly counts move by the
-- difference. Serialised by a transaction lock, each statement reading what committed before it.
-- Stale tables are not maintained, only told: the import is counted as a change and noted. A rebuild
-- under way applies the noted imports in its last step (mart.exam_marts_settle), and one still to
-- begin reads them as committed. True when the tables are stale (the change is noted).
create or replace function mart.exam_marts_note_change(p_import bigint) returns boolean
language plpgsql as $fn$
begin
    update mart.exam_state set changes = changes + 1, counts_stale = true where stale;
    if not found then
        return false;
    end if;
    insert into mart.exam_pending (import_id) values (p_import);
    return true;
end
$fn$;

create or replace function mart.refresh_exam_import(p_import bigint) returns void
language plpgsql as $fn$
declare
    t0 timestamptz := clock_timestamp();
    large boolean;  -- a large import: fresh statistics let the planner join its keys by hash, not row by row
begin
    if mart.exam_marts_note_change(p_import) then
        return;
    end if;
    perform pg_advisory_xact_lock(hashtext('mart.exam_marts'));
    if mart.exam_marts_note_change(p_import) then
        return;
    end if;
    perform pg_advisory_xact_lock(hashtext('mart.exam_counts'));  -- the counts' two writers: this and publish
    -- An import of more than bulk_rows rows is cheaper rebuilt in bulk after its commit than
    -- maintained key by key inside it: until then readers get the reference (same figures).
    if (select coalesce(rows_read, 0) from ops.import where id = p_import) > (select bulk_rows from mart.exam_state) then
        update mart.exam_state set stale = true, counts_stale = true, stale_since = clock_timestamp(), changes = changes + 1;
        raise log 'mart.refresh_exam_import(%): a large import, the exam marts are rebuilt after its commit', p_import;
        return;
    end if;
    perform set_config('work_mem', '64MB', true);  -- the sorts of a large import stay in memory
    drop table if exists _exam_touched, _exam_cand, _exam_cur, _exam_new_member, _exam_sk,
                         _exam_old_sit, _exam_new_sit, _exam_fp_key, _exam_old_fp, _exam_new_fp,
                         _exam_person, _exam_old_pp, _exam_new_pp, _exam_pass_years;

    create temp table _exam_touched on commit drop as
        select r.* from core.exam_record r where r.import_id = p_import;
    if not exists (select 1 from _exam_touched) then
        drop table _exam_touched;
        return;
    end if;
    insert into _exam_touched
        select r.* from core.exam_record r
        where r.db_id in (select distinct db_id from _exam_touched where db_id is not null)
          and r.import_id <> p_import;
    analyze _exam_touched;
    large := (select count(*) from _exam_touched) > 20000;

    create temp table _exam_cand on commit drop as
        select distinct provider, candidate_hash from _exam_touched;

    -- the current records of those candidates after the change, with their sitting keys (the rule
    -- of mart_ref.exam_sitting_member)
    create temp table _exam_new_member on commit drop as
        with cur as materialized (
            select m.import_id, m.line_no, m.provider, m.registration_id, m.candidate_hash, m.person_hash, m.exam_code,
                   m.exam_title, m.exam_date, m.status, m.score, m.passing_score, m.result, m.passed, m.db_id,
                   m.db_updated_at, m.content_hash
            from mart.exam_member m
            join _exam_cand c on c.provider = m.provider and c.candidate_hash = m.candidate_hash
            where not exists (select 1 from _exam_touched t where t.import_id = m.import_id and t.line_no = m.line_no)
            union all
            select t.* from _exam_touched t join ops.import i on i.id = t.import_id
            where ops.is_live(i.status) and t.db_id is null
            union all
            select d.*
            from (select distinct on (t.db_id) t.*
                  from _exam_touched t join ops.import i on i.id = t.import_id
                  where ops.is_live(i.status) and t.db_id is not null
                  order by t.db_id, t.db_updated_at desc, t.import_id desc, t.line_no desc) d
        ), joined as (
            select distinct on (c.import_id, c.line_no) c.import_id, c.line_no, g.registration_id
            from cur c
            join cur g on g.provider = c.provider and g.candidate_hash = c.candidate_hash
                      and g.exam_code = c.exam_code and g.exam_date = c.exam_date
            where c.registration_id is null and g.registration_id is not null
            order by c.import_id, c.line_no, (g.status = c.status) desc, g.registration_id
        )
        select case when coalesce(c.registration_id, j.registration_id) is not null
                    then 'R|' || coalesce(c.registration_id, j.registration_id)
                    else 'C|' || encode(c.candidate_hash, 'hex') || '|' || c.exam_code || '|' || c.exam_date end as sitting_key,
               c.*
        from cur c
        left join joined j on j.import_id = c.import_id and j.line_no = c.line_no;

    create temp table _exam_sk on commit drop as
        select m.provider, m.sitting_key
        from mart.exam_member m join _exam_cand c on c.provider = m.provider and c.candidate_hash = m.candidate_hash
        union
        select provider, sitting_key from _exam_new_member;
    analyze _exam_sk;

    delete from mart.exam_member m using _exam_cand c
    where m.provider = c.provider and m.candidate_hash = c.candidate_hash;
    insert into mart.exam_member select * from _exam_new_member;
    if large then
        analyze mart.exam_member;
    end if;

    -- sittings: the winning version of each affected one
    create temp table _exam_old_sit (provider text, person_hash bytea, exam_code text, exam_date date, passed boolean) on commit drop;
    create temp table _exam_new_sit (provider text, person_hash bytea, exam_code text, exam_date date, passed boolean) on commit drop;
    with d as (delete from mart.exam_sitting s using _exam_sk k
               where s.provider = k.provider and s.sitting_key = k.sitting_key
               returning s.provider, s.person_hash, s.exam_code, s.exam_date, s.passed)
    insert into _exam_old_sit select * from d;
    with ins as (
        insert into mart.exam_sitting
        select distinct on (m.provider, m.sitting_key)
               m.provider, m.sitting_key,
               case when m.sitting_key like 'R|%' then substr(m.sitting_key, 3) end,
               m.person_hash, m.exam_code, m.exam_title, m.exam_date, m.status, m.score, m.passing_score, m.result,
               m.passed, m.import_id, m.line_no, m.db_id, m.db_updated_at
        from mart.exam_member m
        join _exam_sk k on k.provider = m.provider and k.sitting_key = m.sitting_key
        order by m.provider, m.sitting_key, (m.db_id is not null) desc, m.db_updated_at desc nulls last,
                 m.import_id desc, m.line_no desc
        returning provider, person_hash, exam_code, exam_date, passed)
    insert into _exam_new_sit select * from ins;
    if large then
        analyze mart.exam_sitting;
    end if;

    -- first pass of each affected (person, exam code)
    create temp table _exam_fp_key on commit drop as
        select person_hash, exam_code from _exam_old_sit where passed
        union
        select person_hash, exam_code from _exam_new_sit where passed;
    analyze _exam_fp_key;
    create temp table _exam_old_fp (person_hash bytea, provider text, exam_date date) on commit drop;
    create temp table _exam_new_fp (person_hash bytea, provider text, exam_date date) on commit drop;
    with d as (delete from mart.exam_first_pass f using _exam_fp_key k
               where f.person_hash = k.person_hash and f.exam_code = k.exam_code returning f.person_hash, f.provider, f.exam_date)
    insert into _exam_old_fp select * from d;
    with ins as (
        insert into mart.exam_first_pass
        select distinct on (s.person_hash, s.exam_code)
               s.person_hash, s.exam_code, s.exam_date, s.provider, s.registration_id, s.import_id, s.line_no
        from mart.exam_sitting s
        join _exam_fp_key k on k.person_hash = s.person_hash and k.exam_code = s.exam_code
        where s.passed
        order by s.person_hash, s.exam_code, s.exam_date, s.import_id, s.line_no
        returning person_hash, provider, exam_date)
    insert into _exam_new_fp select * from ins;
    if large then
        analyze mart.exam_first_pass;
    end if;

    -- first ever pass of each affected person
    create temp table _exam_person on commit drop as
        select person_hash from _exam_old_fp union select person_hash from _exam_new_fp;
    analyze _exam_person;
    create temp table _exam_old_pp (provider text, exam_date date) on commit drop;
    create temp table _exam_new_pp (provider text, exam_date date) on commit drop;
    with d as (delete from mart.person_first_pass p using _exam_person k
               where p.person_hash = k.person_hash returning p.provider, p.exam_date)
    insert into _exam_old_pp select * from d;
    with ins as (
        insert into mart.person_first_pass
        select distinct on (f.person_hash)
               f.person_hash, f.exam_code, f.exam_date, f.provider, f.registration_id, f.import_id, f.line_no
        from mart.exam_first_pass f
        join _exam_person k on k.person_hash = f.person_hash
        order by f.person_hash, f.exam_date, f.import_id, f.line_no
        returning provider, exam_date)
    insert into _exam_new_pp select * from ins;

    -- the passing years of each person one of whose sittings passed before or after
    create temp table _exam_pass_years on commit drop as
        with k as (
            select person_hash from _exam_old_sit where passed
            union select person_hash from _exam_new_sit where passed
        ), n as (
            select s.person_hash, bit_or(mart.pass_year_bit(s.exam_date)) as years
            from mart.exam_sitting s join k on k.person_hash = s.person_hash
            where s.passed
            group by s.person_hash
        )
        select k.person_hash, o.years as old_years, n.years as new_years
        from k
        left join mart.person_pass_years o on o.person_hash = k.person_hash
        left join n on n.person_hash = k.person_hash;
    delete from mart.person_pass_years p using _exam_pass_years k where p.person_hash = k.person_hash;
    insert into mart.person_pass_years select person_hash, new_years from _exam_pass_years where new_years is not null;
    insert into mart.pass_years_count as c (years, persons)
    select years, sum(delta)
    from (select old_years as years, -1 as delta from _exam_pass_years where old_years is not null
          union all select new_years, 1 from _exam_pass_years where new_years is not null) x
    group by years
    having sum(delta) <> 0
    on conflict (years) do update set persons = c.persons + excluded.persons;
    delete from mart.pass_years_count where persons = 0;

    -- the yearly counts move by what left and what came
    insert into mart.exam_metric_count as c (metric, provider, year, value)
    select metric, provider, year, sum(delta)
    from (select 'exams_passed' as metric, provider, extract(year from exam_date)::int as year, -1 as delta
          from _exam_old_sit where passed
          union all select 'exams_passed', provider, extract(year from exam_date)::int, 1 from _exam_new_sit where passed
          union all select 'certifications_delivered', provider, extract(year from exam_date)::int, -1 from _exam_old_fp
          union all select 'certifications_delivered', provider, extract(year from exam_date)::int, 1 from _exam_new_fp
          union all select 'certified_persons', provider, extract(year from exam_date)::int, -1 from _exam_old_pp
          union all select 'certified_persons', provider, extract(year from exam_date)::int, 1 from _exam_new_pp
          union all select 'not_passed', provider, extract(year from exam_date)::int, -1 from _exam_old_sit where not passed
          union all select 'not_passed', provider, extract(year from exam_date)::int, 1 from _exam_new_sit where not passed) x
    group by metric, provider, year
    having sum(delta) <> 0
    on conflict (metric, provider, year) do update set value = c.value + excluded.value;
    delete from mart.exam_metric_count where value = 0;
    raise log 'mart.refresh_exam_import(%): % rows touched, % sittings recomputed, in %',
        p_import, (select count(*) from _exam_touched), (select count(*) from _exam_sk), clock_timestamp() - t0;

    drop table _exam_touched, _exam_cand, _exam_new_member, _exam_sk, _exam_old_sit, _exam_new_sit,
               _exam_fp_key, _exam_old_fp, _exam_new_fp, _exam_person, _exam_old_pp, _exam_new_pp, _exam_pass_years;
end
$fn$;

-- Bulk rebuild, in steps the caller (kpi/MartMaintenance, route marts-rebuild) runs in their own
-- transactions, under a session lock, while the tables are stale and readers read the reference:
-- begin (returns the count of changes), publish the counts, drop the secondary indexes
-- concurrently, fill, index, vacuum, settle. The counts come from the reference, once; members too,
-- and each later table from the one before it, by the rules of the refresh above. Imports that
-- commit meanwhile are applied by settle.

-- Begin: the update waits for an import still committing that noted a change, so the fill reads
-- every import noted so far, and those notes are done with.
create or replace function mart.exam_marts_begin_rebuild() returns bigint
language plpgsql as $fn$
declare
    c bigint;
begin
    update mart.exam_state set stale = true, stale_since = coalesce(stale_since, clock_timestamp())
    returning changes into c;
    delete from mart.exam_pending;
    return c;
end
$fn$;

-- The counts first, from the reference (seconds, where the whole rebuild takes minutes at 10M rows):
-- readers read them from then on. Called by the rebuild first, and by the first reader of stale
-- counts (kpi/MartMaintenance): whoever comes second waits for the lock and finds nothing to do.
-- Not published if an import committed since begin (its trigger counted a change; the insert may
-- not have seen it); one committing after this commit marks them stale again (its trigger waits for
-- the row lock). True when published, false when not, null when they were fresh already.
create or replace function mart.exam_marts_publish_counts(p_changes bigint) returns boolean
language plpgsql as $fn$
begin
    perform pg_advisory_xact_lock(hashtext('mart.exam_counts'));
    if not (select counts_stale from mart.exam_state) then
        return null;  -- nothing to publish
    end if;
    perform set_config('jit', 'off', true);  -- compiling this plan costs more than it saves
    perform set_config('work_mem', '64MB', true);  -- fewer sort runs at 10M rows
    -- both tables from one pass; a CREATE TABLE AS may scan in parallel, an INSERT may not (a fifth less time)
    create temp table _exam_counts on commit drop as select * from mart_ref.exam_counts;
    delete from mart.exam_metric_count;
    insert into mart.exam_metric_count
        select metric, provider, year, value from _exam_counts where metric <> 'persons_by_pass_years';
    delete from mart.pass_years_count;
    insert into mart.pass_years_count select years, value from _exam_counts where metric = 'persons_by_pass_years';
    drop table _exam_counts;
    update mart.exam_state set counts_stale = false where changes = p_changes;
    return found;
end
$fn$;

-- The indexes of the maintained tables, dropped before a bulk fill (statements for the caller to run).
create or replace function mart.exam_marts_drop_indexes() returns setof text
language sql stable as $fn$
    select format('drop index concurrently if exists %I.%I', schemaname, indexname)
    from pg_indexes
    where schemaname = 'mart' and tablename in ('exam_member', 'exam_sitting', 'exam_first_pass', 'person_first_pass', 'person_pass_years')
$fn$;

create or replace function mart.exam_marts_fill() returns void
language plpgsql as $fn$
begin
    perform set_config('work_mem', '64MB', true);
    delete from mart.person_first_pass;
    delete from mart.exam_first_pass;
    delete from mart.exam_sitting;
    delete from mart.exam_member;
    delete from mart.person_pass_years;
    insert into mart.exam_member select * from mart_ref.exam_sitting_member;
    insert into mart.exam_sitting
        select distinct on (hashtextextended(m.sitting_key, 0), m.provider, m.sitting_key)
               m.provider, m.sitting_key,
               case when m.sitting_key like 'R|%' then substr(m.sitting_key, 3) end,
               m.person_hash, m.exam_code, m.exam_title, m.exam_date, m.status, m.score, m.passing_score, m.result,
               m.passed, m.import_id, m.line_no, m.db_id, m.db_updated_at
        from mart.exam_member m
        order by hashtextextended(m.sitting_key, 0), m.provider, m.sitting_key,
                 (m.db_id is not null) desc, m.db_updated_at desc nulls last, m.import_id desc, m.line_no desc;
    insert into mart.exam_first_pass
        select distinct on (s.person_hash, s.exam_code)
               s.person_hash, s.exam_code, s.exam_date, s.provider, s.registration_id, s.import_id, s.line_no
        from mart.exam_sitting s
        where s.passed
        order by s.person_hash, s.exam_code, s.exam_date, s.import_id, s.line_no;
    insert into mart.person_first_pass
        select distinct on (f.person_hash)
               f.person_hash, f.exam_code, f.exam_date, f.provider, f.registration_id, f.import_id, f.line_no
        from mart.exam_first_pass f
        order by f.person_hash, f.exam_date, f.import_id, f.line_no;
    insert into mart.person_pass_years
        select person_hash, bit_or(mart.pass_year_bit(exam_date)) from mart.exam_sitting where passed group by person_hash;
end
$fn$;

-- What the refresh looks up by (a candidate's members, a sitting's members, a person's sittings…)
-- and what the evidence of a year pages by. CREATE INDEX lets readers read meanwhile.
create or replace function mart.exam_marts_indexes() returns void
language plpgsql as $fn$
begin
    perform set_config('maintenance_work_mem', '128MB', true);
    create index if not exists exam_member_candidate_idx on mart.exam_member using hash (candidate_hash);
    create index if not exists exam_member_sitting_idx on mart.exam_member (provider, sitting_key);
    create unique index if not exists exam_sitting_key_idx on mart.exam_sitting (provider, sitting_key);
    create index if not exists exam_sitting_person_idx on mart.exam_sitting using hash (person_hash);
    create index if not exists exam_sitting_pass_year_idx on mart.exam_sitting ((extract(year from exam_date)::int)) where passed;
    create unique index if not exists exam_first_pass_key_idx on mart.exam_first_pass (person_hash, exam_code);
    create index if not exists exam_first_pass_year_idx on mart.exam_first_pass ((extract(year from exam_date)::int));
    create unique index if not exists person_first_pass_key_idx on mart.person_first_pass (person_hash);
    create index if not exists person_first_pass_year_idx on mart.person_first_pass ((extract(year from exam_date)::int));
    create unique index if not exists person_pass_years_key_idx on mart.person_pass_years (person_hash);
end
$fn$;

-- The counts again, from the maintained tables (what a rebuild that applied noted imports ends with).
create or replace function mart.exam_recount() returns void
language sql as $fn$
    delete from mart.exam_metric_count;
    insert into mart.exam_metric_count (metric, provider, year, value)
    select case when passed then 'exams_passed' else 'not_passed' end, provider, extract(year from exam_date)::int,
           count(*)
    from mart.exam_sitting where passed is not null group by 1, 2, 3
    union all
    select 'certifications_delivered', provider, extract(year from exam_date)::int, count(*)
    from mart.exam_first_pass group by 2, 3
    union all
    select 'certified_persons', provider, extract(year from exam_date)::int, count(*)
    from mart.person_first_pass group by 2, 3;
    delete from mart.pass_years_count;
    insert into mart.pass_years_count (years, persons) select years, count(*) from mart.person_pass_years group by years;
$fn$;

-- The last step: fresh again, in one commit. Imports that committed since begin were only noted
-- (mart.exam_marts_note_change); the fill read some of them or none. Each is applied now by the
-- refresh of a commit, which gives the same tables whether the fill read it or not, and the counts
-- are recounted from the tables (a reader may have published them at any moment since begin, so
-- moving them by the refresh's differences could count an import twice). Another round only when
-- something else changed since begin (an operator asked for a rebuild, a new definition) or a noted
-- import is large. The state row is held from the first look: an import committing meanwhile waits,
-- then finds fresh tables and refreshes them itself. True when the tables are fresh.
create or replace function mart.exam_marts_settle(p_changes bigint, p_ms bigint) returns boolean
language plpgsql as $fn$
declare
    st mart.exam_state;
    noted bigint[];
    i bigint;
    t0 timestamptz := clock_timestamp();
begin
    perform pg_advisory_xact_lock(hashtext('mart.exam_marts'));
    perform pg_advisory_xact_lock(hashtext('mart.exam_counts'));  -- before the state row, as publish takes them
    select * into st from mart.exam_state for update;
    select array_agg(import_id order by first_seq) into noted
    from (select import_id, min(seq) as first_seq from mart.exam_pending group by import_id) p;
    if st.changes <> p_changes
       and ((select count(*) from mart.exam_pending) <> st.changes - p_changes
            or exists (select 1 from ops.import where id = any(noted) and coalesce(rows_read, 0) > st.bulk_rows)) then
        update mart.exam_state set stale = true, rebuilt_at = clock_timestamp(), rebuild_ms = p_ms;
        return false;
    end if;
    if noted is not null then
        update mart.exam_state set stale = false;  -- the refreshes below maintain rather than note
        foreach i in array noted loop
            perform mart.refresh_exam_import(i);
        end loop;
        perform mart.exam_recount();
        update mart.exam_state set counts_stale = false;
        delete from mart.exam_pending;
        raise log 'mart.exam_marts_settle: % import(s) committed during the rebuild applied in %',
            cardinality(noted), clock_timestamp() - t0;
    end if;
    update mart.exam_state
    set stale = false, stale_since = null, rebuilt_at = clock_timestamp(), rebuild_ms = p_ms;
    return true;
end
$fn$;

-- The same steps in one transaction (Flyway, on an empty or small warehouse).
create or replace function mart.rebuild_exam_marts() returns void
language plpgsql as $fn$
declare
    t0 timestamptz := clock_timestamp();
    c0 bigint;
begin
    perform pg_advisory_xact_lock(hashtext('mart.exam_marts'));
    c0 := mart.exam_marts_begin_rebuild();
    update mart.exam_state set counts_stale = true;  -- this file may have changed their rule too
    perform mart.exam_marts_publish_counts(c0);
    perform mart.exam_marts_fill();
    perform mart.exam_marts_indexes();
    perform mart.exam_marts_settle(c0, (extract(epoch from clock_timestamp() - t0) * 1000)::bigint);
end
$fn$;

-- A table against its reference, to the row: rows the table lacks, rows it has too many.
create or replace function mart.rows_differ(p_reference text, p_table text, out missing bigint, out extra bigint)
language plpgsql stable as $fn$
begin
    execute format('select (select count(*) from (select * from %1$s except all select * from %2$s) x),'
                   ' (select count(*) from (select * from %2$s except all select * from %1$s) x)', p_reference, p_table)
        into missing, extra;
end
$fn$;

create or replace function mart.verify_exam_marts() returns table (layer text, missing bigint, extra bigint)
language sql stable as $fn$
    select l.layer, d.missing, d.extra
    from (values (1, 'mart.exam_member', 'mart_ref.exam_sitting_member'),
                 (2, 'mart.exam_sitting', 'mart_ref.exam_sitting'),
                 (3, 'mart.exam_first_pass', 'mart_ref.exam_first_pass'),
                 (4, 'mart.person_first_pass', 'mart_ref.person_first_pass'),
                 (5, 'mart.exam_metric_count', 'mart_ref.exam_metric_count'),
                 (6, 'mart.person_pass_years', 'mart_ref.person_pass_years'),
                 (7, 'mart.pass_years_count', 'mart_ref.pass_years_count')) l(ord, layer, reference)
    cross join lateral mart.rows_differ(l.reference, l.layer) d
    order by l.ord
$fn$;

-- mart.import_status_changed() (R__90_convention.sql) calls the refresh above at the commit of any
-- change of an exam import's status.

-- This file changed (Flyway runs it again), so the tables may follow older rules: an empty warehouse
-- is rebuilt at once, any other marked stale and rebuilt by the marts-rebuild route once the app runs.
do $$
begin
    if exists (select 1 from core.exam_record) then
        update mart.exam_state set stale = true, counts_stale = true, stale_since = clock_timestamp(), changes = changes + 1;
    else
        perform mart.rebuild_exam_marts();
    end if;
end
$$;

-- Certification titles completed: one pass in every group of the title, dated by the last one needed.
create or replace view mart.certification_completed as
with group_pass as (
    select f.person_hash, q.certification_id, q.grp, min(f.exam_date) as passed_on
    from core.exam_first_pass f
    join ops.certification_requirement q on q.exam_code = f.exam_code
    group by f.person_hash, q.certification_id, q.grp
), groups as (
    select certification_id, count(distinct grp) as n from ops.certification_requirement group by certification_id
)
select p.person_hash, p.certification_id, c.title, c.family, max(p.passed_on) as completed_on
from group_pass p
join groups g on g.certification_id = p.certification_id
join ops.certification c on c.id = p.certification_id
group by p.person_hash, p.certification_id, c.title, c.family, g.n
having count(*) = g.n;

create or replace view mart.certification_title_by_year as
select certification_id, title, family, extract(year from completed_on)::int as year, count(*)::numeric as value
from mart.certification_completed
group by certification_id, title, family, extract(year from completed_on);
