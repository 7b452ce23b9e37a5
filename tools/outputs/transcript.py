"""Run the commands a page shows and record what a terminal would print.

Commands run in this process (importing Alembic and SQLAlchemy once instead of
once per command keeps `make test` fast); tests/tools/outputs/test_transcript.py proves the
result is the same as running the command in a shell.
"""

import contextlib
import io
import runpy
import shlex
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

from alembic.config import CommandLine, Config

from examples.app.db import DATABASE_URL_ENV
from tools.common import ROOT, environment_variable


@contextlib.contextmanager
def terminal(database_url: str | None, cwd: Path = ROOT) -> Iterator[io.StringIO]:
    """stdout and stderr interleaved into one buffer, as a terminal shows them.

    `database_url` is exported as HANDBOOK_DATABASE_URL; None unsets the variable,
    so the command uses the URL its alembic.ini gives.
    """
    buffer = io.StringIO()
    with (environment_variable(DATABASE_URL_ENV, database_url), contextlib.chdir(cwd),
          contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer)):
        yield buffer


def exit_code(call, out: io.StringIO | None = None) -> int:
    try:
        result = call()
    except SystemExit as stop:
        if stop.code is None:
            return 0
        # As a shell reports it: sys.exit(-1), which Alembic uses on errors, is 255.
        return stop.code % 256 if isinstance(stop.code, int) else 1
    except Exception as failure:
        if out is None:
            raise
        # What Python prints for an uncaught exception, its frames elided: they name
        # files on the machine that ran it, and the last line is what a reader needs.
        out.write("Traceback (most recent call last):\n  ...\n")
        out.write("".join(traceback.format_exception_only(failure)))
        return 1
    return result if isinstance(result, int) else 0


def alembic(args: str, database_url: str | None, cwd: Path = ROOT) -> tuple[int, str]:
    """`alembic <args>` against `database_url` (None: alembic.ini's URL): (exit code, transcript).

    `cwd` is where the command runs: the folder whose alembic.ini it reads.
    """
    with terminal(database_url, cwd) as out:
        out.write(f"$ alembic {args}\n")
        code = exit_code(lambda: _alembic_main(shlex.split(args), out), out)
    return code, out.getvalue()


def _alembic_main(argv: list[str], stdout: io.StringIO) -> None:
    """What `CommandLine.main` does, but printing to `stdout`.

    Alembic's Config binds its `stdout` default when the module is imported,
    so redirecting sys.stdout afterwards would not reach it.
    """
    cli = CommandLine(prog="alembic")
    options = cli.parser.parse_args(argv)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    toml, ini = cli._inis_from_config(options)
    config = Config(file_=ini, toml_file=toml, ini_section=options.name, cmd_opts=options, stdout=stdout)
    cli.run_cmd(config, options)


def python_module(module: str, database_url: str, args: str = "", cwd: Path = ROOT) -> tuple[int, str]:
    """`python -m <module> <args>`: (exit code, transcript)."""
    shown = f"python -m {module} {args}".rstrip()
    saved_argv = sys.argv
    with terminal(database_url, cwd) as out:
        out.write(f"$ {shown}\n")
        sys.argv = [module, *shlex.split(args)]
        sys.modules.pop(module, None)  # run it as __main__, as `python -m` does, not the imported copy
        try:
            code = exit_code(lambda: runpy.run_module(module, run_name="__main__", alter_sys=True))
        finally:
            sys.argv = saved_argv
    return code, out.getvalue()
