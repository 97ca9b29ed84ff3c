-- Certification exams (DESIGN §5.3, §6, §7, §8): every delivered row (export file line or pulled
-- test-centre row) is kept with its lineage, already normalized; sitting identity, the winning
-- version and the figures are derived by views, so arrival order never changes a figure and rows
-- of imports that are no longer live (ops.is_live) drop out by themselves.
-- Persons are kept only as keyed hashes (privacy/PersonHasher): no e-mail, name or candidate id.
create table core.exam_record (
    id             bigserial primary key,
    import_id      bigint  not null,            -- ops.import(id); no FK: checked per row it slows 1M-row loads
    line_no        bigint  not null,            -- file line, or the row's position in the pull
    provider       text    not null check (provider in ('prometric', 'pearson-vue', 'certiport')),
    registration_id text,                       -- trimmed, upper case; null for Certiport
    candidate_hash text    not null,            -- hash of 'provider:CANDIDATE_REF'
    person_hash    text    not null,            -- hash of the lower-cased e-mail, else = candidate_hash
    exam_code      text    not null,            -- normalized (DESIGN §6)
    exam_title     text,
    exam_date      date    not null,
    status         text    not null,            -- Delivered, No Show, Cancelled, Delivery Failed, Unknown (empty) or Other
    score          numeric,
    passing_score  numeric,
    result         text check (result in ('PASS', 'FAIL')),
    passed         boolean not null,            -- DESIGN §6 exam results
    db_id          bigint,                      -- exam_result.id of a pulled row
    db_updated_at  timestamptz                  -- its updated_at: the latest version wins
);
-- Few indexes on purpose: the views read the whole table (hash joins); each index costs every load.
create index exam_record_db_idx on core.exam_record (db_id, db_updated_at) where db_id is not null;

-- Where the incremental pull of each test-centre database stands: the last (updated_at, id) read.
create table ops.exam_db_cursor (
    source     text primary key,               -- the JDBC URL pulled
    updated_at timestamptz not null,
    id         bigint      not null,
    max_id     bigint      not null,           -- the largest id read: new rows are pulled even with an old updated_at
    import_id  bigint,
    moved_at   timestamptz not null default now()
);

-- The certification catalogue, written from config/certifications.yaml at every start.
create table ops.certification (
    id     text primary key,
    title  text not null,
    family text
);
-- A title needs one pass in every group; a group lists alternative exam codes.
create table ops.certification_requirement (
    certification_id text not null references ops.certification (id) on delete cascade,
    grp              int  not null,
    exam_code        text not null,
    primary key (certification_id, grp, exam_code)
);

-- Records of live imports; of a test-centre row only its latest version.
create view core.exam_record_current as
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
      order by r.db_id, r.db_updated_at desc, r.import_id desc, r.id desc) d;

-- Each current record with its sitting key (DESIGN §7): the registration id when it has one;
-- without one, the registration of the same provider, candidate, exam and date when there is one
-- (several: the one with the same status, then the smallest), else candidate + exam + date.
create view core.exam_sitting_member as
with cur as not materialized (  -- scanning twice is cheaper than writing every row to a temp store
    select * from core.exam_record_current
), joined as (
    select distinct on (c.id) c.id, g.registration_id
    from cur c
    join cur g on g.provider = c.provider and g.candidate_hash = c.candidate_hash
              and g.exam_code = c.exam_code and g.exam_date = c.exam_date
    where c.registration_id is null and g.registration_id is not null
    order by c.id, (g.status = c.status) desc, g.registration_id
)
select case when coalesce(c.registration_id, j.registration_id) is not null
            then 'R|' || coalesce(c.registration_id, j.registration_id)
            else 'C|' || c.candidate_hash || '|' || c.exam_code || '|' || c.exam_date end as sitting_key,
       c.*
from cur c
left join joined j on j.id = c.id;

-- One row per sitting: the test centre's latest version wins over files, among files the later import.
create view core.exam_sitting as
select distinct on (provider, sitting_key)
       provider, sitting_key,
       case when sitting_key like 'R|%' then substr(sitting_key, 3) end as registration_id,
       person_hash, exam_code, exam_title, exam_date, status, score, passing_score, result, passed,
       import_id, line_no, db_id, db_updated_at
from core.exam_sitting_member
order by provider, sitting_key, (db_id is not null) desc, db_updated_at desc nulls last, import_id desc, line_no desc;

-- The first passing sitting of a person for an exam code (a certification delivered).
create view core.exam_first_pass as
select distinct on (person_hash, exam_code)
       person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from core.exam_sitting
where passed
order by person_hash, exam_code, exam_date, import_id, line_no;

-- The first ever pass of a person (a certified person).
create view core.person_first_pass as
select distinct on (person_hash)
       person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from core.exam_first_pass
order by person_hash, exam_date, import_id, line_no;

-- One pass over the sittings feeds the three metrics (a CTE used several times is computed once).
create or replace view mart.exam_metric_by_year as
    with pass as (
        select person_hash, exam_code, exam_date, import_id, line_no from core.exam_sitting where passed
    ), first_exam as (
        select distinct on (person_hash, exam_code) person_hash, exam_code, exam_date
        from pass order by person_hash, exam_code, exam_date, import_id, line_no
    ), first_person as (
        select distinct on (person_hash) person_hash, exam_date
        from first_exam order by person_hash, exam_date
    )
    select 'exams_passed'::text as metric, extract(year from exam_date)::int as year, count(*)::numeric as value
    from pass group by 2
    union all
    select 'certifications_delivered'::text, extract(year from exam_date)::int, count(*)::numeric
    from first_exam group by 2
    union all
    select 'certified_persons'::text, extract(year from exam_date)::int, count(*)::numeric
    from first_person group by 2;

-- Items name the exam and the registration, or a prefix of the person's hash: never a plain identity.
create or replace view mart.exam_evidence as
    with pass as (
        select * from core.exam_sitting where passed
    ), first_exam as (
        select distinct on (person_hash, exam_code) *
        from pass order by person_hash, exam_code, exam_date, import_id, line_no
    ), first_person as (
        select distinct on (person_hash) *
        from first_exam order by person_hash, exam_date, import_id, line_no
    )
    select 'exams_passed'::text as metric, extract(year from exam_date)::int as year,
           provider || ' ' || exam_code || ' ' || exam_date || ' '
               || coalesce('registration ' || registration_id, 'person ' || left(person_hash, 12)) as item,
           import_id, line_no
    from pass
    union all
    select 'certifications_delivered'::text, extract(year from exam_date)::int,
           exam_code || ' person ' || left(person_hash, 12) || ' ' || exam_date,
           import_id, line_no
    from first_exam
    union all
    select 'certified_persons'::text, extract(year from exam_date)::int,
           'person ' || left(person_hash, 12) || ' first pass ' || exam_code || ' ' || exam_date,
           import_id, line_no
    from first_person;

-- Certification titles completed: one pass in every group of the title, dated by the last one needed.
create view mart.certification_completed as
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

create view mart.certification_title_by_year as
select certification_id, title, family, extract(year from completed_on)::int as year, count(*)::numeric as value
from mart.certification_completed
group by certification_id, title, family, extract(year from completed_on);
