"""The arguments of the commands that let a record prove itself: ``attach`` (evidence),
``setup-signing`` (an SSH-signed trail) and ``verify`` (a pack against its commit).

Only the parsers live here; each command runs from its own module, imported when it
is run (see :func:`bvtui.cli.options.deferred`). ``audit --signatures`` is an option of
``audit`` (:mod:`bvtui.cli.history_args`).
"""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.options import deferred


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``attach``, ``setup-signing`` and ``verify``."""
    p = sub.add_parser(
        "attach",
        help="commit a file as evidence for an action (complete - evidenced)",
        description="Copy FILE under <plan>/evidence/<id>/ and record it in the action "
        "(its name, git's blob id and the day) in one commit. Symbolic links, anything but "
        "a regular file and files over 25 MB are refused.",
    )
    options.store_option(p)
    options.author_option(p)
    options.ref_argument(p)
    p.add_argument("file", metavar="FILE", help="the evidence: minutes, a letter, a photo...")
    p.set_defaults(run=deferred("bvtui.cli.evidence", "attach"))
