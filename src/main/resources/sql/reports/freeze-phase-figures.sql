-- The phase totals against the phase targets, for a report of the whole phase.
insert into ops.report_phase_figure (report_id, metric, value, target)
select :report, k.metric, k.value, k.target
from mart.convention_phase_kpi k
where k.phase = :phase
