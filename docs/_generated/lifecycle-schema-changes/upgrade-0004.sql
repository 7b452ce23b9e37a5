SELECT lower(trim(users.email)) AS lower_1, group_concat(quote(users.email), ?) AS group_concat_1 
FROM users GROUP BY lower(trim(users.email)) 
HAVING count(*) > ? ORDER BY lower(trim(users.email));
-- parameters: (', ', 1)

UPDATE users SET email=lower(trim(users.email)) WHERE users.email != lower(trim(users.email));
