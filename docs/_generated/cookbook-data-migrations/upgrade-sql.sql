SELECT users.id, users.email 
FROM users 
WHERE users.nickname IS NULL;

UPDATE users SET nickname=? WHERE users.id = ?;
-- parameters: [('ada', 1), ('grace', 2)]

ALTER TABLE users ADD COLUMN bio TEXT;
