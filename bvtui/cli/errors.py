"""How every command fails: one line on stderr naming what and where, exit code 1.

Kept apart from the commands so that a command imports only what it uses: the store's,
the model's and git's error classes, not the store itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import wraps

from bvtui.git import GitError
from bvtui.model import ValidationError
from bvtui.store import StoreError

Command = Callable[[argparse.Namespace], int]


def fail(message: str) -> int:
    """Say what went wrong in one line on stderr; exit code 1."""
    print(f"bvtui: {' '.join(message.split())}", file=sys.stderr)
    return 1


def user_errors(command: Command) -> Command:
    """Turn the store's user and data errors, and a file that cannot be read or
    written, into a one-line message and exit code 1."""

    @wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (StoreError, ValidationError, GitError) as err:
            return fail(str(err))
        except BrokenPipeError:
            raise  # `head` stopped reading: main() ends quietly
        except OSError as err:  # a disk or folder that cannot be read or written
            where = f"{err.filename}: " if err.filename else ""
            return fail(f"{where}{err.strerror or err}")

    return run
