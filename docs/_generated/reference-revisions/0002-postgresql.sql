CREATE TABLE events (
	id SERIAL NOT NULL, 
	owner_id INTEGER NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	starts_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	location VARCHAR(200), 
	description TEXT, 
	created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	CONSTRAINT pk_events PRIMARY KEY (id), 
	CONSTRAINT fk_events_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_events_owner_id ON events (owner_id);

CREATE INDEX ix_events_starts_at ON events (starts_at);
