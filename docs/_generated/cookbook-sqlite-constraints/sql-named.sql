CREATE TABLE _alembic_tmp_users (
	id INTEGER NOT NULL, 
	email VARCHAR(320) NOT NULL, 
	nickname VARCHAR(50), 
	PRIMARY KEY (id), 
	CONSTRAINT uq_users_email UNIQUE (email)
);

INSERT INTO _alembic_tmp_users (id, email, nickname) SELECT users.id, users.email, users.nickname 
FROM users;

DROP TABLE users;

ALTER TABLE _alembic_tmp_users RENAME TO users;
