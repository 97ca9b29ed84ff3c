-- Staged rows that change nothing: the same content earlier in this import; for an export row, the
-- same content already held by a live import (overlapping files, a file repeating the database);
-- for a database row, its current version already having this content.
select count(*)
from (select s.*,
             row_number() over (partition by s.provider, coalesce(s.registration_id, ''), s.candidate_hash,
                                             s.exam_code, s.exam_date, s.status, s.passed, s.person_hash,
                                             s.score, s.passing_score
                                order by s.line_no) as rn
      from stage_exam s) s
where s.rn > 1
   or (s.db_id is null
       and exists (select 1
                   from core.exam_record r
                   join ops.import i on i.id = r.import_id
                   where ops.is_live(i.status)
                     and r.import_id <> s.import_id
                     and r.provider = s.provider
                     and r.candidate_hash = s.candidate_hash
                     and r.exam_code = s.exam_code
                     and r.exam_date = s.exam_date
                     and coalesce(r.registration_id, '') = coalesce(s.registration_id, '')
                     and r.status = s.status
                     and r.passed = s.passed
                     and r.person_hash = s.person_hash
                     and r.score is not distinct from s.score
                     and r.passing_score is not distinct from s.passing_score))
   or (s.db_id is not null
       and exists (select 1
                   from (select r.*
                         from core.exam_record r
                         join ops.import i on i.id = r.import_id
                         where ops.is_live(i.status) and r.db_id = s.db_id and r.import_id <> s.import_id
                         order by r.db_updated_at desc, r.import_id desc, r.id desc
                         limit 1) r
                   where r.provider = s.provider
                     and r.candidate_hash = s.candidate_hash
                     and r.exam_code = s.exam_code
                     and r.exam_date = s.exam_date
                     and coalesce(r.registration_id, '') = coalesce(s.registration_id, '')
                     and r.status = s.status
                     and r.passed = s.passed
                     and r.person_hash = s.person_hash
                     and r.score is not distinct from s.score
                     and r.passing_score is not distinct from s.passing_score))
