-- Every staged event is kept with its lineage; contracts and jobs are derived by the core.hr_* views.
insert into core.hr_event (import_id, line_no, declaration_id, action, declared_at, employer_en, employer_raw,
                           employer_name, worker_hash, contract_type, fte, start_date, end_date, job_title)
select import_id, line_no, declaration_id, action, declared_at, employer_en, employer_raw,
       employer_name, worker_hash, contract_type, fte, start_date, end_date, job_title
from stage_hr_event
order by line_no
