"""docs/schema/index.md: how the schema pages' model relates to the app the other pages migrate."""


def test_schema_pages_and_the_app_name_the_registrations_and_the_event_title_differently():
    """The schema pages' model was designed in one go (`attendances`, `events.title`);
    the app's reached its names through the chain (0007 made `event_attendees`,
    0005 renamed `title` to `name`)."""
    from examples.app import models as app
    from examples.schema import models as pages

    assert {"attendances", "events"} <= set(pages.Base.metadata.tables)
    assert "title" in pages.Base.metadata.tables["events"].c
    assert {"event_attendees", "events"} <= set(app.Base.metadata.tables)
    assert "attendances" not in app.Base.metadata.tables
    assert "name" in app.Base.metadata.tables["events"].c and "title" not in app.Base.metadata.tables["events"].c
