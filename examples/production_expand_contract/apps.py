"""The queries of the app before the change (old) and after it (new), as each release sends them."""

# --8<-- [start:apps]
OLD_APP = {
    "create": "INSERT INTO events (title, location) VALUES ('Written by the old app', 'Hall A')",
    "list": "SELECT title, location FROM events ORDER BY id",
}
NEW_APP = {
    "create": "INSERT INTO events (name, venue_id) SELECT 'Written by the new app', id FROM venues WHERE name = 'Main hall'",
    "list": "SELECT events.name, venues.name FROM events LEFT JOIN venues ON venues.id = events.venue_id ORDER BY events.id",
}
# --8<-- [end:apps]

# What each app must read back, each event with its place: the one written before the
# release (the old way), and the one each app writes.
FROM_BEFORE = ("Before the release", "Main hall")
WRITTEN = {"old": ("Written by the old app", "Hall A"), "new": ("Written by the new app", "Main hall")}
