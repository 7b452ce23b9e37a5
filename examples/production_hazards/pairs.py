"""The gallery's hazards: each an unsafe revision and the safe one that replaces it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Hazard:
    slug: str
    title: str
    unsafe: str
    safe: tuple[str, ...]


# --8<-- [start:hazards]
HAZARDS = (
    Hazard("index", "Building an index", "index_plain", ("index_concurrent",)),
    Hazard("default", "Adding a column with a default", "default_volatile",
           ("default_constant", "nullable_then_backfill")),
    Hazard("type", "Changing a column's type", "type_rewrite", ("type_binary_compatible",)),
    Hazard("not-null", "Making a column NOT NULL", "not_null_direct", ("not_null_via_check",)),
    Hazard("foreign-key", "Adding a foreign key", "fk_direct", ("fk_not_valid",)),
    Hazard("unique", "Adding a UNIQUE constraint", "unique_direct", ("unique_using_index",)),
    Hazard("enum", "Adding an enum value", "enum_in_transaction", ("enum_autocommit",)),
)
# --8<-- [end:hazards]
