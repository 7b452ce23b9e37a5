SELECT events.id, events.owner_id, events.name, events.starts_at, events.venue_id, events.description, events.capacity, events.created_at 
FROM events JOIN event_attendees ON event_attendees.event_id = events.id 
WHERE event_attendees.user_id = 2 ORDER BY events.starts_at
