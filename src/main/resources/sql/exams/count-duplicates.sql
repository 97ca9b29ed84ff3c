-- Rows of this import (bind: its id, three times) that change nothing: the same content earlier in
-- this import; for an export row, the same content already held by a live import (overlapping
-- files, a file repeating the database); for a database row, its current version already having it.
-- Content is compared on content_hash (one bigint): hash aggregates and semi-joins, one pass each.
with mine as materialized (
    select content_hash, db_id, count(*) as n
    from core.exam_record
    where import_id = ?
    group by content_hash, db_id
)
select (select coalesce(sum(n - 1), 0) from mine)
     + (select count(*) from mine s
        where s.db_id is null
          and exists (select 1
                      from core.exam_record r
                      join ops.import i on i.id = r.import_id
                      where ops.is_live(i.status) and r.import_id <> ? and r.db_id is null
                        and r.content_hash = s.content_hash))
     + (select count(*) from mine s
        where s.db_id is not null
          and exists (select 1
                      from (select distinct on (r.db_id) r.db_id, r.content_hash
                            from core.exam_record r
                            join ops.import i on i.id = r.import_id
                            where ops.is_live(i.status) and r.db_id is not null and r.import_id <> ?
                            order by r.db_id, r.db_updated_at desc, r.import_id desc, r.id desc) o
                      where o.db_id = s.db_id and o.content_hash = s.content_hash))
