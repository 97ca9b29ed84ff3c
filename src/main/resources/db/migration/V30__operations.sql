-- Operations (DESIGN §9, §12): re-imports, nightly runs and pull runs.

-- When the content was first received; a re-import keeps it, so "files received in a period" stays true.
alter table ops.import add column received_at timestamptz;
update ops.import set received_at = started_at;
alter table ops.import alter column received_at set default now();
alter table ops.import alter column received_at set not null;
create index import_received_idx on ops.import (source, partner, received_at);

-- An ADMIN re-import replays the archived file of this import; it supersedes it when it commits.
alter table ops.import add column reimport_of bigint references ops.import (id);

-- The claim (replaces V1's): one live import per content and place; a second drop becomes DUPLICATE.
-- A re-import's RUNNING row does not take the claim: the import it replays holds it until the
-- re-import's load transaction marks it SUPERSEDED and commits the new one as LOADED, in that order.
drop index ops.import_content_claim_uq;
create unique index import_content_claim_uq on ops.import (source, coalesce(partner, ''), sha256)
    where sha256 is not null
      and (status in ('LOADED', 'LOADED_WITH_REJECTS') or (status = 'RUNNING' and reimport_of is null));
-- One re-import of an import at a time.
create unique index import_reimport_running_uq on ops.import (reimport_of) where status = 'RUNNING';

-- One row per nightly run however many instances run the schedule: scheduled_for is the fence.
create table ops.nightly_run (
    id            bigserial primary key,
    scheduled_for timestamptz not null unique,
    started_at    timestamptz not null default clock_timestamp(),
    finished_at   timestamptz,
    status        text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
    node          text,
    trigger       text        not null default 'NIGHTLY' check (trigger in ('NIGHTLY', 'ADMIN')),
    message       text
);
-- At most one nightly run at a time, across instances.
create unique index nightly_run_one_running_uq on ops.nightly_run ((true)) where status = 'RUNNING';

-- One row per run of a pull (exam-db, hr, partners), by the nightly run or POST /api/pulls/{name}.
create table ops.pull_run (
    id             bigserial primary key,
    pull           text        not null,
    trigger        text        not null check (trigger in ('NIGHTLY', 'ADMIN')),
    nightly_run_id bigint references ops.nightly_run (id),
    status         text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    import_ids     bigint[]    not null default '{}',
    started_at     timestamptz not null default clock_timestamp(),
    finished_at    timestamptz,
    node           text,
    message        text
);
create unique index pull_run_one_running_uq on ops.pull_run (pull) where status = 'RUNNING';
create index pull_run_started_idx on ops.pull_run (started_at desc);
