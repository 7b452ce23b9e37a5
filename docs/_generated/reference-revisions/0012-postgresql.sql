CREATE INDEX ix_event_attendees_user_id ON event_attendees (user_id);
