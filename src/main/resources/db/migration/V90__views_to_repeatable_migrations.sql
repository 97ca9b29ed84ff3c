-- Every view now lives in one repeatable migration per layer (R__10_startups, R__20_exams, R__30_hr,
-- R__90_convention), each defined once. The views that V2, V3, V4, V10, V20 and V40 created on an
-- existing warehouse are dropped here, before Flyway runs the repeatable migrations that recreate
-- them (same definitions, same columns). Tables and data are untouched.
drop view if exists mart.evidence, mart.convention_phase_kpi, mart.convention_kpi, mart.metric_by_year cascade;
drop view if exists mart.startup_evidence, mart.exam_evidence, mart.job_evidence cascade;
drop view if exists mart.startup_metric_by_year, mart.exam_metric_by_year, mart.job_metric_by_year cascade;
drop view if exists mart.certification_title_by_year, mart.certification_completed cascade;
drop view if exists mart.hr_headcount_by_year, mart.unattributed_job, mart.hr_job cascade;
drop view if exists core.hr_job, core.hr_contract, core.hr_orphan_event, core.hr_effective_event,
                    core.hr_live_event cascade;
drop view if exists core.person_first_pass, core.exam_first_pass, core.exam_sitting, core.exam_sitting_member,
                    core.exam_record_current cascade;
drop view if exists core.startup, core.startup_member cascade;
