-- Distinct (start-up, name key, postal code) of live records with the start-up's enterprise number,
-- for the look-alike comparison, in the postal codes of the bind array ('' = no postal code);
-- ordered so that each postal code comes as one group. The window values (number, display name)
-- are taken over every record of the start-ups present there, whatever their postal code.
with m as (
    select startup_key, name_key, coalesce(postal_code, '') as pc, ambiguous, enterprise_number, name,
           import_id, line_no
    from mart_ref.startup_member  -- the rule itself: this transaction may have changed records or aliases
), here as (
    select distinct startup_key from m where pc = any (?::text[])
)
select distinct startup_key, name_key, pc, cluster_en, ambiguous, name
from (select startup_key, name_key, pc, ambiguous,
             max(enterprise_number) over (partition by startup_key) as cluster_en,
             first_value(name) over (partition by startup_key, name_key
                                     order by import_id desc, line_no desc) as name
      from m
      where startup_key in (select startup_key from here)) c
where pc = any (?::text[])
order by pc, startup_key
