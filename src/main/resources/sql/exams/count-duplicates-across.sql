-- Rows of this import (bind: its id, five times) that change nothing because another import has
-- them: for an export row, the same content already held by a live import (overlapping files, a
-- file repeating the database); for a database row, its current version already having it. Content
-- is compared on content_hash (one bigint); the other imports are read only when there is one.
-- Each distinct content counts once: its repeats within the import are count-duplicates-within.
select (select count(distinct s.content_hash)
        from core.exam_record s
        where s.import_id = ? and s.db_id is null
          and exists (select 1 from ops.import i
                      where i.source = 'exams' and i.id <> ? and ops.is_live(i.status))
          and s.content_hash in (select r.content_hash
                                 from core.exam_record r
                                 join ops.import i on i.id = r.import_id
                                 where ops.is_live(i.status) and r.import_id <> ? and r.db_id is null))
     + (select count(distinct (s.db_id, s.content_hash))
        from core.exam_record s
        where s.import_id = ? and s.db_id is not null
          and (s.db_id, s.content_hash) in (select distinct on (r.db_id) r.db_id, r.content_hash
                                            from core.exam_record r
                                            join ops.import i on i.id = r.import_id
                                            where ops.is_live(i.status) and r.db_id is not null and r.import_id <> ?
                                            order by r.db_id, r.db_updated_at desc, r.import_id desc, r.line_no desc))
