-- DESIGN §16: raw files older than mic.archive.retention are purged from the archive by the nightly
-- run; their ledger rows, hashes and figures stay. One row per purged content, so a re-import says why.
create table ops.archive_purge (
    source    text not null,
    sha256    text not null,
    purged_at timestamptz not null default now(),
    primary key (source, sha256)
);
