SELECT events.owner_id, events.name, events.starts_at, count(*) AS count_1 
FROM events GROUP BY events.owner_id, events.name, events.starts_at 
HAVING count(*) > %(count_2)s::INTEGER ORDER BY events.owner_id, events.name, events.starts_at;
-- parameters: {'count_2': 1}

SELECT events.id, events.capacity 
FROM events 
WHERE events.capacity < %(capacity_1)s::INTEGER ORDER BY events.id;
-- parameters: {'capacity_1': 1}

ALTER TABLE events ADD CONSTRAINT uq_events_owner_id_name_starts_at UNIQUE (owner_id, name, starts_at);

ALTER TABLE events ADD CONSTRAINT ck_events_capacity_positive CHECK (capacity > 0);
