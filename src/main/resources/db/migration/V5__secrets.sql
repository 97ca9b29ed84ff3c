-- Values the warehouse generates for itself once (e.g. the person-hash key when none is configured).
create table ops.secret (
    name       text primary key,
    value      text not null,
    created_at timestamptz not null default now()
);
