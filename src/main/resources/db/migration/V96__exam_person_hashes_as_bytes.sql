-- The person and candidate hashes of exam rows kept as their 32 bytes (bytea) rather than as 64 hex
-- characters (issue #14). Every COPY of an export then sends and stores 64 bytes less per row (a
-- fifth of each row of core.exam_record): measured on 989,409 rows in psql, the server-side binary
-- COPY took 2.72-3.02 s of the backend's CPU instead of 3.25-3.39 s, and the tables the marts read
-- shrink by as much. Bytes compare and sort by memcmp whatever the database's collation.
-- Values are the same hashes: decode(hex) here, encode(hex) wherever a hash is shown or keys a
-- sitting (R__20_exams.sql), so sitting keys and evidence items read exactly as before.
-- The views over these columns are dropped first (a view column cannot change type) and defined again
-- by the repeatable migrations, which Flyway runs after this one: R__20_exams.sql and the
-- convention views of R__90_convention.sql built on them.
drop view if exists mart.evidence, mart.convention_phase_kpi, mart.convention_kpi, mart.metric_by_year cascade;
drop view if exists mart.certification_title_by_year, mart.certification_completed, mart.exam_evidence,
                    mart.exam_metric_by_year, mart.exam_metric_by_provider, mart.persons_by_pass_years,
                    mart.exam_count cascade;
drop view if exists core.person_first_pass, core.exam_first_pass, core.exam_sitting, core.exam_sitting_member,
                    core.exam_record_current cascade;
drop view if exists mart_ref.pass_years_count, mart_ref.exam_metric_count, mart_ref.exam_counts,
                    mart_ref.person_pass_years, mart_ref.person_first_pass, mart_ref.exam_first_pass,
                    mart_ref.exam_sitting, mart_ref.exam_sitting_member, mart_ref.exam_record_current cascade;

-- one rewrite per table (a warehouse of 10M rows: about a minute, once)
alter table core.exam_record
    alter column candidate_hash type bytea using decode(candidate_hash, 'hex'),
    alter column person_hash type bytea using decode(person_hash, 'hex');
alter table mart.exam_member
    alter column candidate_hash type bytea using decode(candidate_hash, 'hex'),
    alter column person_hash type bytea using decode(person_hash, 'hex');
alter table mart.exam_sitting alter column person_hash type bytea using decode(person_hash, 'hex');
alter table mart.exam_first_pass alter column person_hash type bytea using decode(person_hash, 'hex');
alter table mart.person_first_pass alter column person_hash type bytea using decode(person_hash, 'hex');
alter table mart.person_pass_years alter column person_hash type bytea using decode(person_hash, 'hex');
