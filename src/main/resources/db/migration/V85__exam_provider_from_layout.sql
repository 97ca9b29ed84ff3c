-- Exam providers are layout files (config/providers/<id>.yaml): a fourth provider is a file, so the
-- provider column takes any layout id instead of the three first providers' names.
alter table core.exam_record drop constraint if exists exam_record_provider_check;
alter table core.exam_record add constraint exam_record_provider_check
    check (provider ~ '^[a-z0-9][a-z0-9-]*$');
