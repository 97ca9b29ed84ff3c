-- Every staged row is kept with its lineage; sitting identity is derived by core.exam_sitting_member.
insert into core.exam_record (import_id, line_no, provider, registration_id, candidate_hash, person_hash, exam_code,
                              exam_title, exam_date, status, score, passing_score, result, passed, db_id, db_updated_at)
select import_id, line_no, provider, registration_id, candidate_hash, person_hash, exam_code,
       exam_title, exam_date, status, score, passing_score, result, passed, db_id, db_updated_at
from stage_exam
