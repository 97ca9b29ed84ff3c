-- Exam marts maintained incrementally (issue #14): the derived layers of R__20_exams.sql kept as
-- tables, updated set-based for the candidates and sittings an import touches, in the import's own
-- transaction (deferred trigger on ops.import, R__20_exams.sql). The full-recompute definitions
-- stay as the reference views of schema mart_ref; mart.verify_marts() compares both.
create schema if not exists mart_ref;

-- A BRIN index finds an import's rows for almost nothing: rows are appended in import order.
create index exam_record_import_brin on core.exam_record using brin (import_id) with (pages_per_range = 16);

-- Current records (live import; of a test-centre row its latest version) with their sitting key.
create table mart.exam_member (
    sitting_key     text    not null,
    import_id       bigint  not null,
    line_no         bigint  not null,
    provider        text    not null,
    registration_id text,
    candidate_hash  text    not null,
    person_hash     text    not null,
    exam_code       text    not null,
    exam_title      text,
    exam_date       date    not null,
    status          text    not null,
    score           numeric,
    passing_score   numeric,
    result          text,
    passed          boolean not null,
    db_id           bigint,
    db_updated_at   timestamptz,
    content_hash    bigint
);
create index exam_member_candidate_idx on mart.exam_member using hash (candidate_hash);
create index exam_member_sitting_idx on mart.exam_member (provider, sitting_key);

-- One row per sitting: its winning version.
create table mart.exam_sitting (
    provider        text    not null,
    sitting_key     text    not null,
    registration_id text,
    person_hash     text    not null,
    exam_code       text    not null,
    exam_title      text,
    exam_date       date    not null,
    status          text    not null,
    score           numeric,
    passing_score   numeric,
    result          text,
    passed          boolean not null,
    import_id       bigint  not null,
    line_no         bigint  not null,
    db_id           bigint,
    db_updated_at   timestamptz,
    primary key (provider, sitting_key)
);
create index exam_sitting_person_idx on mart.exam_sitting using hash (person_hash);
create index exam_sitting_pass_year_idx on mart.exam_sitting ((extract(year from exam_date)::int)) where passed;

-- The first passing sitting of a person for an exam code; the first ever pass of a person.
create table mart.exam_first_pass (
    person_hash     text   not null,
    exam_code       text   not null,
    exam_date       date   not null,
    provider        text   not null,
    registration_id text,
    import_id       bigint not null,
    line_no         bigint not null,
    primary key (person_hash, exam_code)
);
create index exam_first_pass_year_idx on mart.exam_first_pass ((extract(year from exam_date)::int));

create table mart.person_first_pass (
    person_hash     text   not null primary key,
    exam_code       text   not null,
    exam_date       date   not null,
    provider        text   not null,
    registration_id text,
    import_id       bigint not null,
    line_no         bigint not null
);
create index person_first_pass_year_idx on mart.person_first_pass ((extract(year from exam_date)::int));

-- exams_passed, certifications_delivered, certified_persons per year, moved by each change's delta.
create table mart.exam_metric_count (
    metric text   not null,
    year   int    not null,
    value  bigint not null,
    primary key (metric, year)
);
