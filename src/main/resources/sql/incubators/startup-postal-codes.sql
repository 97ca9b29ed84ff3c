-- Postal codes ('' = none) of the records of the bind start-up keys (raw or canonical), and of the
-- keys merged into them: a merge can make or unmake look-alikes wherever they have records.
select distinct coalesce(postal_code, '')
from mart_ref.startup_member  -- the rule itself: this transaction may have changed aliases
where startup_key = any (?::text[]) or raw_key = any (?::text[])
