CREATE TABLE users (
	id INTEGER NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	display_name VARCHAR(100) NOT NULL, 
	time_zone VARCHAR(64) NOT NULL, 
	is_active BOOLEAN DEFAULT 1 NOT NULL, 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	CONSTRAINT pk_users PRIMARY KEY (id), 
	CONSTRAINT uq_users_email UNIQUE (email)
);

CREATE TABLE venues (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	capacity INTEGER NOT NULL, 
	address TEXT, 
	CONSTRAINT ck_venues_capacity_positive CHECK (capacity > 0), 
	CONSTRAINT pk_venues PRIMARY KEY (id), 
	CONSTRAINT uq_venues_name UNIQUE (name)
);
