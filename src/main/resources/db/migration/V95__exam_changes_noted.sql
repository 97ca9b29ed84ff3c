-- The imports whose status changed while the exam marts were stale (mart.exam_marts_note_change,
-- R__20_exams.sql): the bulk rebuild applies them in its last step, by the same refresh as a commit
-- on fresh tables, instead of doing the whole rebuild again. Emptied when a rebuild begins (what
-- committed before, its fill reads) and when it settles.
create table mart.exam_pending (
    seq       bigint generated always as identity primary key,
    import_id bigint not null
);
