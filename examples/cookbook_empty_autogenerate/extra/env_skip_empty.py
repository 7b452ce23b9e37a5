"""env.py of a project where `alembic revision --autogenerate` writes no file
when it finds nothing to do."""

import logging

from examples.cookbook.mini_env import run_migrations
from examples.cookbook.models import Base

log = logging.getLogger("alembic.env")


# --8<-- [start:hook]
def skip_empty_revision(context, revision, directives) -> None:
    """Called with the revision Alembic is about to write: drop it if autogenerate
    found no change. `alembic revision` without --autogenerate still writes one."""
    if not getattr(context.config.cmd_opts, "autogenerate", False):
        return
    script = directives[0]
    if script.upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in schema detected: no revision written.")


run_migrations(target_metadata=Base.metadata, process_revision_directives=skip_empty_revision)
# --8<-- [end:hook]
