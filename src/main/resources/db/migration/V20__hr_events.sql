-- HR declarations (DESIGN §5.4, §6 NISS, §7 jobs, §8 counting rules).
-- Every delivered event is stored as it came, with its lineage (import id + file line or item
-- position); contracts and jobs are DERIVED by the views of R__30_hr.sql, so the arrival order of files and
-- pages, re-deliveries and superseded imports never change the figures.
create table core.hr_event (
    id             bigserial primary key,
    import_id      bigint      not null references ops.import (id),
    line_no        bigint      not null,               -- file line, or item position in the pull
    declaration_id text        not null,
    action         text        not null check (action in ('IN', 'UPDATE', 'OUT', 'CANCEL')),
    declared_at    timestamptz not null,
    employer_en    text check (employer_en ~ '^[01][0-9]{9}$'),  -- null when missing or invalid
    employer_raw   text,                               -- the enterprise number as declared
    employer_name  text,
    worker_hash    text,                               -- PersonHasher of the 11-digit NISS; never the NISS
    contract_type  text check (contract_type in ('CDI', 'CDD', 'STUDENT', 'INTERIM', 'FLEXI')),
    fte            numeric,
    start_date     date,
    end_date       date,
    job_title      text
);
create index hr_event_identity_idx on core.hr_event (declaration_id, declared_at, action);
create index hr_event_import_idx on core.hr_event (import_id);

-- The HR API pull's `since` cursor, per API base URL; written in the pull's own transaction.
create table ops.hr_pull_cursor (
    api_url    text primary key,
    since      timestamptz not null,
    import_id  bigint references ops.import (id),
    updated_at timestamptz not null default now()
);

