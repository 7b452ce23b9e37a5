"""The trigger that keeps the old columns and the new ones in step while both apps run.

Old app: writes events.title and events.location (free text).
New app: writes events.name and events.venue_id (a row of venues).
Whichever pair a statement writes, the trigger fills the other pair, so each app reads
what the other wrote.
"""

# --8<-- [start:trigger]
CREATE_SYNC = """
CREATE FUNCTION events_sync_old_and_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- title <-> name: the column this statement wrote wins
    IF TG_OP = 'INSERT' OR NEW.title IS DISTINCT FROM OLD.title THEN
        NEW.name := coalesce(NEW.title, NEW.name);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.title := coalesce(NEW.name, NEW.title);
    END IF;
    -- location (text) <-> venue_id (a venue of that name, created when missing)
    IF NEW.location IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.location IS DISTINCT FROM OLD.location) THEN
        INSERT INTO venues (name) VALUES (NEW.location) ON CONFLICT (name) DO NOTHING;
        SELECT id INTO NEW.venue_id FROM venues WHERE name = NEW.location;
    ELSIF NEW.venue_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.venue_id IS DISTINCT FROM OLD.venue_id) THEN
        SELECT name INTO NEW.location FROM venues WHERE id = NEW.venue_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER events_sync_old_and_new BEFORE INSERT OR UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION events_sync_old_and_new();
"""
# --8<-- [end:trigger]

DROP_SYNC = """
DROP TRIGGER events_sync_old_and_new ON events;
DROP FUNCTION events_sync_old_and_new();
"""
