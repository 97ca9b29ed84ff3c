-- Certification exams (DESIGN §5.3, §6, §7, §8): every delivered row (export file line or pulled
-- test-centre row) is kept with its lineage, already normalized; sitting identity, the winning
-- version and the figures are derived by the views of R__20_exams.sql, so arrival order never changes
-- a figure and rows of imports that are no longer live (ops.is_live) drop out by themselves.
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

