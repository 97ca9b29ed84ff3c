-- Rows of this import (bind: its id, three times) that change nothing: the same content earlier in
-- this import; for an export row, the same content already held by a live import (overlapping
-- files, a file repeating the database); for a database row, its current version already having it.
-- Written as separate semi-joins on plain equalities so PostgreSQL hashes them: one pass each,
-- never a per-row rescan of core.exam_record.
with mine as materialized (
    select line_no, provider, coalesce(registration_id, '') as reg, candidate_hash, person_hash, exam_code,
           exam_date, status, passed, coalesce(score, -1) as score, coalesce(passing_score, -1) as passing, db_id
    from core.exam_record
    where import_id = ?
), ranked as materialized (
    select m.*, row_number() over (partition by provider, reg, candidate_hash, person_hash, exam_code, exam_date,
                                                status, passed, score, passing order by line_no) as rn
    from mine m
), others as (
    select r.provider, coalesce(r.registration_id, '') as reg, r.candidate_hash, r.person_hash, r.exam_code,
           r.exam_date, r.status, r.passed, coalesce(r.score, -1) as score, coalesce(r.passing_score, -1) as passing
    from core.exam_record r
    join ops.import i on i.id = r.import_id
    where ops.is_live(i.status) and r.import_id <> ? and r.db_id is null
), current_db as (
    select distinct on (r.db_id) r.db_id, r.provider, coalesce(r.registration_id, '') as reg, r.candidate_hash,
           r.person_hash, r.exam_code, r.exam_date, r.status, r.passed, coalesce(r.score, -1) as score,
           coalesce(r.passing_score, -1) as passing
    from core.exam_record r
    join ops.import i on i.id = r.import_id
    where ops.is_live(i.status) and r.db_id is not null and r.import_id <> ?
    order by r.db_id, r.db_updated_at desc, r.import_id desc, r.id desc
)
select (select count(*) from ranked where rn > 1)
     + (select count(*) from ranked s
        where s.rn = 1 and s.db_id is null
          and exists (select 1 from others o
                      where o.provider = s.provider and o.reg = s.reg and o.candidate_hash = s.candidate_hash
                        and o.person_hash = s.person_hash and o.exam_code = s.exam_code
                        and o.exam_date = s.exam_date and o.status = s.status and o.passed = s.passed
                        and o.score = s.score and o.passing = s.passing))
     + (select count(*) from ranked s
        where s.rn = 1 and s.db_id is not null
          and exists (select 1 from current_db o
                      where o.db_id = s.db_id and o.provider = s.provider and o.reg = s.reg
                        and o.candidate_hash = s.candidate_hash and o.person_hash = s.person_hash
                        and o.exam_code = s.exam_code and o.exam_date = s.exam_date and o.status = s.status
                        and o.passed = s.passed and o.score = s.score and o.passing = s.passing))
