# The lines that replace `target_metadata = None` in the reader's migrations/env.py.
# --8<-- [start:target_metadata]
from models import Base

target_metadata = Base.metadata
# --8<-- [end:target_metadata]
