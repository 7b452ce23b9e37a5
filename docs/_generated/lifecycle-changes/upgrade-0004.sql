SELECT lower(trim(users.email)) AS lower_1, users.email 
FROM users 
WHERE lower(trim(users.email)) IN (SELECT lower(trim(users.email)) AS lower_1 
FROM users GROUP BY lower(trim(users.email)) 
HAVING count(*) > ?) ORDER BY lower(trim(users.email)), users.email;
-- parameters: (1,)

UPDATE users SET email=lower(trim(users.email)) WHERE users.email != lower(trim(users.email));
