"""``bvtui attach``: commit a file as an action's evidence."""

from __future__ import annotations

import argparse
from pathlib import Path

from bvtui.cli.commands import open_store, report_saved, user_errors
from bvtui.store import attach_evidence


@user_errors
def attach(args: argparse.Namespace) -> int:
    """Copy the file under the action's evidence folder and commit it with the action."""
    store = open_store(args, args.ref)
    action = store.find(args.ref)
    return report_saved(attach_evidence(store, action, Path(args.file), author=args.author))
