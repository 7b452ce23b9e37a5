CREATE INDEX ix_attendances_user_id ON attendances (user_id);
