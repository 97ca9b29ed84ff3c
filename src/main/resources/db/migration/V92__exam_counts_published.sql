-- The counts (mart.exam_metric_count, mart.pass_years_count) are published ahead of the other exam
-- marts after a large import (issue #14): the bulk rebuild writes them from the reference first, in
-- seconds, so that the figures are read from them while the tables behind the evidence are still
-- being rebuilt. counts_stale says they do not match what is committed (readers then compute them);
-- it is never false while the counts lag, and stale = false implies counts_stale = false.
alter table mart.exam_state add column counts_stale boolean not null default true;
update mart.exam_state set counts_stale = stale;
