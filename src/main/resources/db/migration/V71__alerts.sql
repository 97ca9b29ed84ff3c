-- Alerts (DESIGN §15): one row per cause, mailed once. cause_key is unique, so raising the same
-- cause again (the same refused content, the same nightly run…) inserts nothing and mails nothing.
create table ops.alert (
    id          bigserial primary key,
    kind        text        not null,   -- IMPORT_FAILED, IMPORT_ERRORS, NIGHTLY_FAILED, NIGHTLY_LATE,
                                        -- DELIVERY_MISSING, IMPORT_HELD, WAREHOUSE_OUTAGE
    cause_key   text        not null unique,
    subject     text        not null,
    created_at  timestamptz not null default clock_timestamp(),
    sent_at     timestamptz,
    status      text        not null default 'PENDING' check (status in ('PENDING', 'SENDING', 'SENT')),
    detail      text        not null,   -- the mail's body
    attempts    int         not null default 0,
    next_try_at timestamptz not null default clock_timestamp(),
    claimed_at  timestamptz,
    last_error  text
);
create index alert_unsent_idx on ops.alert (next_try_at) where status <> 'SENT';
create index alert_created_idx on ops.alert (created_at desc);
