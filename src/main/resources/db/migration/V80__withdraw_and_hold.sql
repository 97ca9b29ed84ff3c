-- Withdraw and hold (DESIGN §9): two more statuses of an import. Neither is live (ops.is_live keeps
-- RUNNING, LOADED and LOADED_WITH_REJECTS only), so the rows of either count nowhere.
alter table ops.import drop constraint import_status_check;
alter table ops.import add constraint import_status_check
    check (status in ('RUNNING', 'LOADED', 'LOADED_WITH_REJECTS', 'DUPLICATE', 'FAILED', 'SUPERSEDED',
                      'HELD', 'WITHDRAWN'));

-- The last decision on a finished import: when, and why (the admin's reason for a withdrawal).
alter table ops.import add column status_changed_at timestamptz;
alter table ops.import add column status_reason text;
-- A HELD import: how many times larger it is than the largest earlier live import of its source and
-- partner, and that import's row count (so the console can say it in the reader's language).
alter table ops.import add column hold_ratio numeric;
alter table ops.import add column hold_baseline_rows bigint;

-- The claim (replaces V30's): a HELD import keeps its content's claim (a re-drop is a DUPLICATE of it);
-- a WITHDRAWN one gives it up, so that the same content dropped again is imported again.
drop index ops.import_content_claim_uq;
create unique index import_content_claim_uq on ops.import (source, coalesce(partner, ''), sha256)
    where sha256 is not null
      and (status in ('LOADED', 'LOADED_WITH_REJECTS', 'HELD') or (status = 'RUNNING' and reimport_of is null));
-- Imports waiting for a decision, for the dashboard.
create index import_held_idx on ops.import (id) where status = 'HELD';
