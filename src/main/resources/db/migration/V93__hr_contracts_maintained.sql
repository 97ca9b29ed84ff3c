-- HR contracts kept as a table (issue #14): one row per declaration id, refreshed for the declaration
-- ids of an HR import in the commit that changes its status (mart.refresh_hr_import, R__30_hr.sql).
-- The rule stays as the view mart_ref.hr_contract; core.hr_contract reads this table.
create table mart.hr_contract (
    declaration_id   text primary key,
    employer_en      text,
    employer_raw     text,
    employer_name    text,
    worker_hash      text,
    contract_type    text,
    fte              numeric,
    start_date       date,
    end_date         date,
    job_title        text,
    cancelled        boolean,
    opened_at        timestamptz,
    last_declared_at timestamptz,
    events           bigint,
    import_id        bigint,
    line_no          bigint
);
