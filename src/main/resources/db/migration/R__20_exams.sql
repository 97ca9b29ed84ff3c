-- Exam sittings and their winning version, first passes, exam metrics and evidence (DESIGN §7, §8).
-- Repeatable: every view of this layer is defined here only (see R__10_startups.sql).

-- Records of live imports; of a test-centre row only its latest version.
create or replace view core.exam_record_current as
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
create or replace view core.exam_sitting_member as
with cur as not materialized (  -- scanning twice is cheaper than writing every row to a temp store
    select * from core.exam_record_current
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
            else 'C|' || c.candidate_hash || '|' || c.exam_code || '|' || c.exam_date end as sitting_key,
       c.*
from cur c
left join joined j on j.import_id = c.import_id and j.line_no = c.line_no;

-- One row per sitting: the test centre's latest version wins over files, among files the later import.
create or replace view core.exam_sitting as
select distinct on (provider, sitting_key)
       provider, sitting_key,
       case when sitting_key like 'R|%' then substr(sitting_key, 3) end as registration_id,
       person_hash, exam_code, exam_title, exam_date, status, score, passing_score, result, passed,
       import_id, line_no, db_id, db_updated_at
from core.exam_sitting_member
order by provider, sitting_key, (db_id is not null) desc, db_updated_at desc nulls last, import_id desc, line_no desc;

-- The first passing sitting of a person for an exam code (a certification delivered).
create or replace view core.exam_first_pass as
select distinct on (person_hash, exam_code)
       person_hash, exam_code, exam_date, provider, registration_id, import_id, line_no
from core.exam_sitting
where passed
order by person_hash, exam_code, exam_date, import_id, line_no;

-- The first ever pass of a person (a certified person).
create or replace view core.person_first_pass as
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
