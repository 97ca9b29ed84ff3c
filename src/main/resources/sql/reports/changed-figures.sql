-- The frozen figures of a report whose current value differs.
select f.metric, f.year, f.value as frozen, coalesce(k.value, 0) as current
from ops.report r
join ops.report_figure f on f.report_id = r.id
left join ops.metric m on m.name = f.metric
left join mart.convention_kpi k on k.phase = r.phase and k.year = f.year and k.metric = f.metric
where r.id = :report and f.value <> coalesce(k.value, 0)
order by m.ord, f.metric, f.year
