-- Start-ups from partner files (DESIGN §5.2, §6, §7): every delivered row is kept with its lineage;
-- identity is derived by the views of R__10_startups.sql, so any load order gives the same start-ups.
create table core.startup_record (
    id                bigserial primary key,
    import_id         bigint not null references ops.import (id),
    line_no           bigint not null,
    partner           text   not null,
    name              text   not null,
    name_key          text   not null,
    enterprise_number text check (enterprise_number ~ '^[01][0-9]{9}$'),
    legal_form        text,
    creation_date     date,
    postal_code       text,
    city              text,
    theme             text,
    programme         text,
    support_start     date,
    status            text,
    founders          text
);
create index startup_record_import_idx on core.startup_record (import_id);
create index startup_record_en_idx on core.startup_record (enterprise_number) where enterprise_number is not null;
create index startup_record_key_idx on core.startup_record (name_key, postal_code);

-- Admin merges of look-alikes: a start-up key points to the key it was merged into.
create table core.startup_alias (
    startup_key   text primary key,
    canonical_key text not null,
    decided_at    timestamptz not null default now()
);

-- Look-alike start-ups waiting for (or having had) an admin decision.
create table core.review_pair (
    id          bigserial primary key,
    key_a       text    not null,
    key_b       text    not null,
    postal_code text,
    name_a      text,
    name_b      text,
    similarity  numeric not null,
    reason      text    not null check (reason in ('LOOK_ALIKE', 'AMBIGUOUS_ENTERPRISE_NUMBER')),
    status      text    not null default 'PENDING' check (status in ('PENDING', 'MERGED', 'DISTINCT')),
    created_at  timestamptz not null default now(),
    decided_at  timestamptz,
    unique (key_a, key_b),
    check (key_a < key_b)
);

