ALTER TABLE events RENAME title TO name;
