-- Schemas of the warehouse (DESIGN §8) and the import ledger every source writes to.
create schema if not exists staging;
create schema if not exists core;
create schema if not exists mart;
create schema if not exists ops;

create table ops.import (
    id             bigserial primary key,
    source         text        not null check (source in ('incubators', 'exams', 'hr')),
    partner        text,                       -- partner site or exam provider; null for hr
    file_name      text,                       -- original file name, or what a pull fetched
    sha256         text,                       -- content hash of a file; null for pulls
    trigger        text        not null check (trigger in ('FILE_DROP', 'NIGHTLY', 'ADMIN')),
    status         text        not null check (status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS',
                                                         'DUPLICATE', 'FAILED', 'SUPERSEDED')),
    rows_read      bigint      not null default 0,
    rows_loaded    bigint      not null default 0,
    rows_rejected  bigint      not null default 0,
    rows_duplicate bigint      not null default 0,
    started_at     timestamptz not null default now(),
    finished_at    timestamptz,
    message        text,
    archive_path   text,                       -- content-addressed copy, for re-imports
    node           text,                       -- instance that ran it
    duplicate_of   bigint references ops.import (id),
    superseded_by  bigint references ops.import (id)
);
create index import_started_idx on ops.import (started_at desc);
create index import_source_status_idx on ops.import (source, status);
-- The claim: one live import per content and place; a second drop becomes DUPLICATE.
create unique index import_content_claim_uq on ops.import (source, coalesce(partner, ''), sha256)
    where sha256 is not null and status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS');

create table ops.rejected_row (
    id          bigserial primary key,
    import_id   bigint not null references ops.import (id),
    line_no     bigint,
    field       text,
    reason_code text   not null,
    severity    text   not null check (severity in ('ERROR', 'WARNING')),
    message     text   not null
);
create index rejected_row_import_idx on ops.rejected_row (import_id, line_no);

-- An import's facts count only while it is live.
create function ops.is_live(status text) returns boolean
    language sql immutable parallel safe
    as $$ select status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS') $$;
