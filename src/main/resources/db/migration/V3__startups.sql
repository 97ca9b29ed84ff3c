-- Start-ups from partner files (DESIGN §5.2, §6, §7): every delivered row is kept with its lineage;
-- identity is derived by views, so any load order gives the same start-ups.
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

-- Records of live imports with their start-up key (DESIGN §7):
-- equal enterprise numbers join; a record without one joins the single enterprise number seen
-- with its name key and postal code, stays apart when there are several, else groups by key.
create view core.startup_member as
with live as (
    select r.*, coalesce(r.postal_code, '') as pc
    from core.startup_record r
    join ops.import i on i.id = r.import_id
    where ops.is_live(i.status)
), numbered as (
    select name_key, pc, count(distinct enterprise_number) as n_en, min(enterprise_number) as en
    from live
    where enterprise_number is not null
    group by name_key, pc
), keyed as (
    select l.*,
           case when l.enterprise_number is not null then 'EN:' || l.enterprise_number
                when n.n_en = 1 then 'EN:' || n.en
                else 'NK:' || l.pc || ':' || l.name_key end as raw_key,
           coalesce(n.n_en, 0) > 1 and l.enterprise_number is null as ambiguous
    from live l
    left join numbered n on n.name_key = l.name_key and n.pc = l.pc
)
select coalesce(a.canonical_key, k.raw_key) as startup_key, k.raw_key, k.ambiguous,
       k.id as record_id, k.import_id, k.line_no, k.partner, k.name, k.name_key, k.enterprise_number,
       k.legal_form, k.creation_date, k.postal_code, k.city, k.theme, k.programme, k.support_start,
       k.status, k.founders
from keyed k
left join core.startup_alias a on a.startup_key = k.raw_key;

-- One row per deduplicated start-up; display values from its most recent record.
create view core.startup as
select distinct on (m.startup_key)
       m.startup_key,
       m.name,
       agg.enterprise_number,
       m.postal_code,
       m.city,
       agg.creation_date,
       m.theme,
       m.status,
       agg.partners,
       agg.records,
       agg.first_import_id,
       agg.first_line_no
from core.startup_member m
join (
    select startup_key,
           min(enterprise_number) as enterprise_number,
           min(creation_date) as creation_date,
           array_agg(distinct partner order by partner) as partners,
           count(*) as records,
           (array_agg(import_id order by creation_date nulls last, import_id, line_no))[1] as first_import_id,
           (array_agg(line_no order by creation_date nulls last, import_id, line_no))[1] as first_line_no
    from core.startup_member
    group by startup_key
) agg on agg.startup_key = m.startup_key
order by m.startup_key, m.import_id desc, m.line_no desc;

create or replace view mart.startup_metric_by_year as
    select 'startups_created'::text as metric,
           extract(year from creation_date)::int as year,
           count(*)::numeric as value
    from core.startup
    where creation_date is not null
    group by 2;
