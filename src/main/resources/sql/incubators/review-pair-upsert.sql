-- A look-alike pair found again keeps its row and its id (DESIGN §9); only a pending one is refreshed.
insert into core.review_pair (key_a, key_b, postal_code, name_a, name_b, similarity, reason)
values (?, ?, ?, ?, ?, ?, ?)
on conflict (key_a, key_b) do update
    set postal_code = excluded.postal_code, name_a = excluded.name_a, name_b = excluded.name_b,
        similarity = excluded.similarity, reason = excluded.reason
    where core.review_pair.status = 'PENDING'
      and (core.review_pair.postal_code, core.review_pair.name_a, core.review_pair.name_b,
           core.review_pair.similarity, core.review_pair.reason)
          is distinct from (excluded.postal_code, excluded.name_a, excluded.name_b,
                            excluded.similarity, excluded.reason)
