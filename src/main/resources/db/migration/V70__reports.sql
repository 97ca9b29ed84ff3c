-- Reports as submitted (DESIGN §13): the figures of a phase (or one of its years) and every evidence
-- item behind them, frozen when they are sent to the Region. Append-only: the database itself
-- refuses to change or remove a frozen row.
create table ops.report (
    id         bigserial primary key,
    phase      text        not null,
    year       int,                              -- null = the whole phase
    note       text,
    created_at timestamptz not null default clock_timestamp(),
    created_by text        not null,
    sha256     text        not null check (sha256 ~ '^[0-9a-f]{64}$')
);

-- The figures and items are written before their report row (its sha256 is computed over them), in
-- the same transaction: the foreign keys are checked at commit.
create table ops.report_figure (
    report_id bigint  not null references ops.report (id) deferrable initially deferred,
    metric    text    not null,
    year      int     not null,
    value     numeric not null,
    target    numeric,
    primary key (report_id, metric, year)
);

-- A whole-phase report also freezes the phase totals against the phase targets (2009-2011 has
-- targets for the phase only), from mart.convention_phase_kpi.
create table ops.report_phase_figure (
    report_id bigint  not null references ops.report (id) deferrable initially deferred,
    metric    text    not null,
    value     numeric not null,
    target    numeric,
    primary key (report_id, metric)
);

-- Lineage is copied by value (file name too): the frozen evidence never depends on later rows.
create table ops.report_item (
    report_id bigint not null references ops.report (id) deferrable initially deferred,
    metric    text   not null,
    year      int    not null,
    item      text   not null,
    import_id bigint,
    file_name text,
    line_no   bigint
);
create index report_item_figure_idx on ops.report_item (report_id, metric, year);

create function ops.refuse_report_change() returns trigger
    language plpgsql as $$
begin
    raise exception '%.% is append-only: a frozen report is never changed (% refused)',
        tg_table_schema, tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger report_append_only before update or delete on ops.report
    for each row execute function ops.refuse_report_change();
create trigger report_figure_append_only before update or delete on ops.report_figure
    for each row execute function ops.refuse_report_change();
create trigger report_phase_figure_append_only before update or delete on ops.report_phase_figure
    for each row execute function ops.refuse_report_change();
create trigger report_item_append_only before update or delete on ops.report_item
    for each row execute function ops.refuse_report_change();
