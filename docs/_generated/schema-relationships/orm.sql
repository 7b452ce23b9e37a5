INSERT INTO users (email, display_name, time_zone) VALUES (?, ?, ?) RETURNING id, is_active, created_at;
-- parameters: ('ada@example.org', 'Ada', 'UTC')

INSERT INTO users (email, display_name, time_zone) VALUES (?, ?, ?) RETURNING id, is_active, created_at;
-- parameters: ('bob@example.org', 'Bob', 'UTC')

INSERT INTO events (owner_id, venue_id, title, starts_at, ends_at) VALUES (?, ?, ?, ?, ?) RETURNING id, price_cents;
-- parameters: (1, None, 'Kick-off', '2026-12-01 10:00:00.000000', '2026-12-01 12:00:00.000000')

INSERT INTO attendances (event_id, user_id) VALUES (?, ?);
-- parameters: (1, 2)

SELECT events.id, events.owner_id, events.venue_id, events.title, events.starts_at, events.ends_at, events.price_cents 
FROM events 
WHERE events.id = ?;
-- parameters: (1,)

SELECT users.id, users.email, users.display_name, users.time_zone, users.is_active, users.created_at 
FROM users, attendances 
WHERE ? = attendances.event_id AND users.id = attendances.user_id;
-- parameters: (1,)
