-- Reliability (issue 8): an export compared with a warehouse already holding many exam rows.
-- sql/exams/count-duplicates.sql looks for the same sitting in core.exam_record with a correlated
-- EXISTS inside an OR, which PostgreSQL cannot turn into a hash join: without an index each staged
-- row scanned the whole table (a 100,000-row export against 200,000 rows ran for hours). With it,
-- each staged row is one index probe.
create index if not exists exam_record_match_idx on core.exam_record (candidate_hash, exam_code, exam_date);
