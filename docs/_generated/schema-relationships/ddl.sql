CREATE TABLE events (
	id INTEGER NOT NULL, 
	owner_id INTEGER NOT NULL, 
	venue_id INTEGER, 
	title VARCHAR(200) NOT NULL, 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME NOT NULL, 
	price_cents INTEGER DEFAULT 0 NOT NULL, 
	CONSTRAINT ck_events_ends_after_start CHECK (ends_at > starts_at), 
	CONSTRAINT ck_events_price_not_negative CHECK (price_cents >= 0), 
	CONSTRAINT fk_events_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
	CONSTRAINT fk_events_venue_id_venues FOREIGN KEY(venue_id) REFERENCES venues (id) ON DELETE SET NULL, 
	CONSTRAINT pk_events PRIMARY KEY (id)
);

CREATE INDEX ix_events_owner_id ON events (owner_id);

CREATE INDEX ix_events_starts_at ON events (starts_at);

CREATE INDEX ix_events_venue_id ON events (venue_id);

CREATE TABLE attendances (
	event_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	registered_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	CONSTRAINT fk_attendances_event_id_events FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE, 
	CONSTRAINT fk_attendances_user_id_users FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE RESTRICT, 
	CONSTRAINT pk_attendances PRIMARY KEY (event_id, user_id)
);

CREATE INDEX ix_attendances_user_id ON attendances (user_id);
