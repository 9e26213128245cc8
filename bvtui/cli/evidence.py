"""``bvtui attach``: commit a file as an action's evidence."""

from __future__ import annotations

import argparse
from pathlib import Path

from bvtui.cli.commands import _open, _report, user_errors
from bvtui.store import attach_evidence


@user_errors
def attach(args: argparse.Namespace) -> int:
    """Copy the file under the action's evidence folder and commit it with the action."""
    store = _open(args, args.ref)
    action = store.find(args.ref)
    return _report(attach_evidence(store, action, Path(args.file), author=args.author))
