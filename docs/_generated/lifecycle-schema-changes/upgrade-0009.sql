SELECT DISTINCT events.location 
FROM events 
WHERE events.location IS NOT NULL ORDER BY events.location;

SELECT venues.name 
FROM venues;

INSERT INTO venues (name) VALUES (?);
-- parameters: [('Hall A',), ('Room 101',)]

SELECT venues.name, venues.id 
FROM venues;

SELECT events.id, events.location 
FROM events 
WHERE events.id > ? AND events.location IS NOT NULL ORDER BY events.id
 LIMIT ? OFFSET ?;
-- parameters: (0, 500, 0)

UPDATE events SET venue_id=? WHERE events.id = ?;
-- parameters: [(1, 1), (2, 2), (1, 3)]

SELECT events.id, events.location 
FROM events 
WHERE events.id > ? AND events.location IS NOT NULL ORDER BY events.id
 LIMIT ? OFFSET ?;
-- parameters: (3, 500, 0)
