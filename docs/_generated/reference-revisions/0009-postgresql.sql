SELECT DISTINCT events.location 
FROM events 
WHERE events.location IS NOT NULL ORDER BY events.location;

SELECT venues.name 
FROM venues;

SELECT venues.name, venues.id 
FROM venues;

SELECT events.id, events.location 
FROM events 
WHERE events.id > %(id_1)s::INTEGER AND events.location IS NOT NULL ORDER BY events.id 
 LIMIT %(param_1)s::INTEGER;
-- parameters: {'id_1': 0, 'param_1': 500}
