-- Pending look-alike pairs are recomputed; decided pairs stay as decided.
delete from core.review_pair where status = 'PENDING'
