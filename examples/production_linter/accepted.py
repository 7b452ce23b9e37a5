"""Findings the handbook looked at and keeps, each with its reason: (revision file, rule) -> why.

The gate fails on any finding not listed here, and a test fails on any entry here that
no longer matches a finding, so the list cannot grow stale.
"""

# --8<-- [start:accepted]
ACCEPTED = {
    # The handbook's own chain. Its tables are small when these revisions run for the first
    # time; docs/production/locks.md shows what each one locks, and for how long, on a
    # seeded copy. On a big, busy table, use the gallery's safe form instead.
    ("0005_rename_event_title_to_name", "renaming-column"):
        "Instant on PostgreSQL, but app instances still reading `title` break: expand and contract instead.",
    ("0006_widen_user_display_name", "changing-column-type"):
        "Widening a varchar rewrites nothing (the receipt shows the same file node); the lock is brief.",
    ("0008_create_venues_and_link_events", "adding-foreign-key-constraint"):
        "The column was added one statement earlier, so every value is NULL: the scan has nothing to check.",
    ("0008_create_venues_and_link_events", "constraint-missing-not-valid"):
        "Same statement: NOT VALID would skip a scan that finds only NULLs.",
    ("0010_drop_event_location", "ban-drop-column"):
        "The contract step: 0009 moved every location into venues, and the app stopped reading it.",
    ("0011_add_event_constraints", "constraint-missing-not-valid"):
        "Both constraints are checked at once, on purpose: the revision first refuses to run when a row breaks one.",
    ("0011_add_event_constraints", "disallowed-unique-constraint"):
        "Builds its index under ACCESS EXCLUSIVE: the receipt shows the time; big tables use the gallery's form.",
    ("0012_index_event_attendees_by_user", "require-concurrent-index-creation"):
        "Blocks writes to event_attendees while it builds: the receipt shows how long.",
    # The gallery's safe revisions: squawk reads the SQL, not the catalog.
    ("type_binary_compatible", "changing-column-type"):
        "varchar to text is binary-compatible: the gallery shows no rewrite; squawk cannot tell from the SQL.",
    ("not_null_via_check", "ban-drop-constraint"):
        "Drops the helper CHECK once the column's NOT NULL holds the same rule.",
}
# --8<-- [end:accepted]
