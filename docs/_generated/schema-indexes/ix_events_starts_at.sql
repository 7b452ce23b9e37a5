CREATE INDEX ix_events_starts_at ON events (starts_at);
