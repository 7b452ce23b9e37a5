"""The models behind the Schema fundamentals pages: one small event-planning schema."""
