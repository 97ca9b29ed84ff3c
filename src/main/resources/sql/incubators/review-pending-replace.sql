-- Pending pairs of the recomputed postal codes (bind: the postal codes, then the key_a and key_b
-- arrays of the pairs found there) that are no longer look-alikes; decided pairs stay as decided.
delete from core.review_pair
where status = 'PENDING'
  and coalesce(postal_code, '') = any (?::text[])
  and (key_a, key_b) not in (select a, b from unnest(?::text[], ?::text[]) as f(a, b))
