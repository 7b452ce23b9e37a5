ALTER TABLE events DROP COLUMN location;
