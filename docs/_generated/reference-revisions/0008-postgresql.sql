CREATE TABLE venues (
	id SERIAL NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	CONSTRAINT pk_venues PRIMARY KEY (id), 
	CONSTRAINT uq_venues_name UNIQUE (name)
);

ALTER TABLE events ADD COLUMN venue_id INTEGER;

ALTER TABLE events ADD CONSTRAINT fk_events_venue_id_venues FOREIGN KEY(venue_id) REFERENCES venues (id) ON DELETE SET NULL;
