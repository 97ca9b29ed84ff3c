-- Evidence (DESIGN §9): the views are in the repeatable migrations (R__*.sql, mart.evidence in
-- R__90_convention.sql). Kept as an applied version of the schema history.
select 1;
