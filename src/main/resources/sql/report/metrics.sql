-- The reported metrics, in report order.
select name from ops.metric order by ord
