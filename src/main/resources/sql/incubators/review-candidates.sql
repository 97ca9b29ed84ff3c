-- Distinct (start-up, name key, postal code) of live records with the start-up's enterprise number,
-- for the look-alike comparison; ordered so that each postal code comes as one group.
select distinct startup_key, name_key, pc, cluster_en, ambiguous, name
from (select startup_key, name_key, coalesce(postal_code, '') as pc, ambiguous,
             max(enterprise_number) over (partition by startup_key) as cluster_en,
             first_value(name) over (partition by startup_key, name_key
                                     order by import_id desc, line_no desc) as name
      from core.startup_member) m
order by pc, startup_key
