-- The figures of a phase (year null = every year of it), as the pinned view gives them now.
insert into ops.report_figure (report_id, metric, year, value, target)
select :report, k.metric, k.year, k.value, k.target
from mart.convention_kpi k
where k.phase = :phase and (cast(:year as int) is null or k.year = cast(:year as int))
