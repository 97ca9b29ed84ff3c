-- DESIGN §9: every ADMIN action and every failed sign-in (who, what, target, from where). Append-only:
-- the database itself refuses to change or delete a row.
create table ops.audit (
    id          bigserial primary key,
    at          timestamptz not null default clock_timestamp(),
    actor       text,
    action      text not null,
    target      text,
    detail      text,
    remote_addr text
);
create index audit_at on ops.audit (at desc);

create function ops.audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ops.audit is append-only: % refused', tg_op using errcode = '42501';
end $$;

create trigger audit_append_only before update or delete on ops.audit
    for each row execute function ops.audit_is_append_only();
