-- The fields of the canonical text of a report (README "Reports as submitted"), in its order:
-- the phase totals by metric, the figures by metric and year, then the items by metric, year,
-- import, line and text (text compared code point by code point, numbers without trailing zeros).
select * from (
    select 1 as ord, 'phase' as kind, p.metric, null::int as year, trim_scale(p.value)::text as value,
           trim_scale(p.target)::text as target,
           null::bigint as import_id, null::bigint as line_no, null::text as file_name, null::text as item
    from ops.report_phase_figure p
    where p.report_id = :report
    union all
    select 2, 'figure', f.metric, f.year, trim_scale(f.value)::text, trim_scale(f.target)::text,
           null, null, null, null
    from ops.report_figure f
    where f.report_id = :report
    union all
    select 3, 'item', i.metric, i.year, null, null, i.import_id, i.line_no, i.file_name, i.item
    from ops.report_item i
    where i.report_id = :report
) u
order by ord, metric collate "C", year, import_id nulls last, line_no nulls last, item collate "C"
