"""The handbook's own machinery: output snapshots, the block checker, MkDocs hooks."""
