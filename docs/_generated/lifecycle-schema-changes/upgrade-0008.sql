CREATE TABLE venues (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	CONSTRAINT pk_venues PRIMARY KEY (id), 
	CONSTRAINT uq_venues_name UNIQUE (name)
);

CREATE TABLE _alembic_tmp_events (
	id INTEGER NOT NULL, 
	owner_id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	starts_at DATETIME NOT NULL, 
	location VARCHAR(200), 
	description TEXT, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	capacity INTEGER DEFAULT (50) NOT NULL, 
	venue_id INTEGER, 
	CONSTRAINT fk_events_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
	CONSTRAINT fk_events_venue_id_venues FOREIGN KEY(venue_id) REFERENCES venues (id) ON DELETE SET NULL, 
	CONSTRAINT pk_events PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_events (id, owner_id, name, starts_at, location, description, created_at, capacity) SELECT events.id, events.owner_id, events.name, events.starts_at, events.location, events.description, events.created_at, events.capacity 
FROM events;

DROP TABLE events;

ALTER TABLE _alembic_tmp_events RENAME TO events;

CREATE INDEX ix_events_owner_id ON events (owner_id);

CREATE INDEX ix_events_starts_at ON events (starts_at);
