-- Exam marts maintained incrementally (issue #14): the derived layers of R__20_exams.sql kept as
-- tables, updated set-based for the candidates and sittings an import touches, in the import's own
-- transaction (deferred trigger on ops.import, R__20_exams.sql). The full-recompute definitions
-- stay as the reference views of schema mart_ref; mart.verify_marts() compares both.
create schema if not exists mart_ref;

-- A BRIN index finds an import's rows for almost nothing: rows are appended in import order.
create index exam_record_import_brin on core.exam_record using brin (import_id) with (pages_per_range = 16);

-- Their indexes are mart.exam_marts_indexes() (R__20_exams.sql): a bulk rebuild drops them first.

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
    db_updated_at   timestamptz
);

-- The first passing sitting of a person for an exam code; the first ever pass of a person.
create table mart.exam_first_pass (
    person_hash     text   not null,
    exam_code       text   not null,
    exam_date       date   not null,
    provider        text   not null,
    registration_id text,
    import_id       bigint not null,
    line_no         bigint not null
);

create table mart.person_first_pass (
    person_hash     text   not null,
    exam_code       text   not null,
    exam_date       date   not null,
    provider        text   not null,
    registration_id text,
    import_id       bigint not null,
    line_no         bigint not null
);

-- exams_passed, certifications_delivered, certified_persons per provider and year, moved by each
-- change's delta (the provider of the sitting, of the first pass, of the person's first pass).
create table mart.exam_metric_count (
    metric   text   not null,
    provider text   not null,
    year     int    not null,
    value    bigint not null,
    primary key (metric, provider, year)
);

-- Each person's years with a passing sitting, one bit a year (mart.pass_year_bit), and how many
-- persons share each set of years: persons passing in any range of years, without a scan.
create table mart.person_pass_years (
    person_hash text   not null,
    years       bigint not null
);
create table mart.pass_years_count (
    years   bigint primary key,
    persons bigint not null
);

-- Whether the tables above are the figures. An import larger than bulk_rows (or a change of this
-- layer's definitions) leaves them stale: readers then get the reference (mart_ref, the same
-- figures, computed on read) until the marts-rebuild route has rebuilt the tables; `changes`
-- counts the imports that changed while stale, so a rebuild that missed one stays stale.
create table mart.exam_state (
    id          boolean     primary key default true check (id),
    stale       boolean     not null default true,
    stale_since timestamptz default now(),
    changes     bigint      not null default 0,
    bulk_rows   bigint      not null default 100000,
    rebuilt_at  timestamptz,
    rebuild_ms  bigint
);
insert into mart.exam_state default values;
