CREATE TABLE event_attendees (
	event_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	registered_at TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	CONSTRAINT pk_event_attendees PRIMARY KEY (event_id, user_id), 
	CONSTRAINT fk_event_attendees_event_id_events FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE, 
	CONSTRAINT fk_event_attendees_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
