-- Start-ups and jobs kept as tables (issue #14), refreshed in the commit that changes an import's
-- status or a start-up alias, for the name keys and workers it touches (R__10_startups.sql,
-- R__30_hr.sql). The rules stay as the views of mart_ref; core.startup_member, core.startup and
-- core.hr_job read these tables. The repeatable migrations fill them.

-- One row per record of a live import, with its start-up key (core.startup_member).
create table mart.startup_member (
    startup_key       text    not null,
    raw_key           text    not null,
    ambiguous         boolean not null,
    record_id         bigint  primary key,
    import_id         bigint  not null,
    line_no           bigint  not null,
    partner           text    not null,
    name              text    not null,
    name_key          text    not null,
    enterprise_number text,
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
create index startup_member_name_idx on mart.startup_member (name_key);
create index startup_member_key_idx on mart.startup_member (startup_key);
create index startup_member_raw_idx on mart.startup_member (raw_key);
create index startup_member_en_idx on mart.startup_member (enterprise_number) where enterprise_number is not null;

-- One row per deduplicated start-up (core.startup).
create table mart.startup (
    startup_key       text primary key,
    name              text,
    enterprise_number text,
    postal_code       text,
    city              text,
    creation_date     date,
    theme             text,
    status            text,
    partners          text[],
    records           bigint,
    first_import_id   bigint,
    first_line_no     bigint
);

-- One row per job, (employer, worker), counted or not (core.hr_job).
create table mart.job (
    employer_key         text not null,
    employer_en          text,
    employer_raw         text,
    employer_name        text,
    worker_hash          text not null,
    first_declaration_id text,
    contract_type        text,
    fte                  numeric,
    start_date           date,
    year                 integer,
    contracts            bigint,
    import_id            bigint,
    line_no              bigint,
    primary key (worker_hash, employer_key)  -- a worker's jobs are refreshed together
);
create index job_employer_en_idx on mart.job (employer_en) where employer_en is not null;

-- The counted jobs (their employer is a start-up of the warehouse) per year of their start.
create table mart.job_count (
    year integer primary key,
    jobs numeric not null,
    fte  numeric not null
);

-- A worker's jobs are derived from that worker's contracts only.
create index hr_contract_worker_idx on mart.hr_contract (worker_hash);
