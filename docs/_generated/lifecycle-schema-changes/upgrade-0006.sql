CREATE TABLE _alembic_tmp_users (
	id INTEGER NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	display_name VARCHAR(200) NOT NULL, 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL, 
	CONSTRAINT pk_users PRIMARY KEY (id), 
	CONSTRAINT uq_users_email UNIQUE (email)
);

INSERT INTO _alembic_tmp_users (id, email, display_name, created_at) SELECT users.id, users.email, users.display_name, users.created_at 
FROM users;

DROP TABLE users;

ALTER TABLE _alembic_tmp_users RENAME TO users;
