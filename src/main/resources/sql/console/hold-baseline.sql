-- The hold rule (DESIGN §9) for a just-loaded import: its rows, whether it is a re-import, and the
-- rows of the largest earlier live import of the same source and partner (null: it is the first,
-- or every earlier one was empty, so there is nothing to compare with).
select i.source, i.partner, i.file_name, i.rows_read, i.reimport_of is not null as reimport,
       (select max(e.rows_read) from ops.import e
        where e.source = i.source and coalesce(e.partner, '') = coalesce(i.partner, '')
          and e.id < i.id and e.rows_read > 0 and e.status in ('LOADED', 'LOADED_WITH_REJECTS')) as largest_earlier
from ops.import i
where i.id = ?
