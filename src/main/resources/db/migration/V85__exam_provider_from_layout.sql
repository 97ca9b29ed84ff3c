-- Exam providers are layout files (config/providers/<id>.yaml): a fourth provider is a file, so the
-- provider column takes any layout id instead of the three first providers' names (the id's form
-- is checked when the layout is read; here only a cheap per-row check, for the 1M-row loads).
alter table core.exam_record drop constraint if exists exam_record_provider_check;
alter table core.exam_record add constraint exam_record_provider_check
    check (length(provider) between 1 and 64);
