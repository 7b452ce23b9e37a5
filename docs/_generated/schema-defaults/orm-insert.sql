INSERT INTO users (email, display_name, time_zone) VALUES (?, ?, ?) RETURNING id, is_active, created_at;
-- parameters: ('ada@example.org', 'Ada', 'UTC')
