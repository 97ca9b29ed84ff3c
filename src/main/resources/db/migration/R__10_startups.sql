-- Start-up identity, deduplicated start-ups, their metric and evidence (DESIGN §7, §8).
-- Repeatable: every view of this layer is defined here only, with create or replace (a change
-- of columns needs a versioned migration that drops the view first).

-- Records of live imports with their start-up key (DESIGN §7):
-- equal enterprise numbers join; a record without one joins the single enterprise number seen
-- with its name key and postal code, stays apart when there are several, else groups by key.
create or replace view core.startup_member as
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
create or replace view core.startup as
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

-- Evidence (DESIGN §9): the source file and line of every counted item; the same columns for every source.
create or replace view mart.startup_evidence as
select 'startups_created'::text as metric,
       extract(year from s.creation_date)::int as year,
       s.name as item,
       s.first_import_id as import_id,
       s.first_line_no as line_no
from core.startup s
where s.creation_date is not null;
