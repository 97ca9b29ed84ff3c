-- Rows of this import (bind: its id) that repeat the same content earlier in this import: for an
-- export row the same content_hash, for a database row the same (db_id, content_hash). Used when
-- the import could not count them itself as it streamed (ExamStage: a database pull, or an export
-- of more rows than it keeps hashes for). Distinct counts sort bigints in memory (a third of a hash
-- aggregate's time on 1M rows).
select count(*)
       - count(distinct content_hash) filter (where db_id is null)
       - count(distinct (db_id, content_hash)) filter (where db_id is not null)
from core.exam_record
where import_id = ?
