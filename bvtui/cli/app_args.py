"""Commands that open the app: ``meet`` (in meeting mode) and ``serve`` (in a browser)."""

from __future__ import annotations

import argparse

from bvtui.cli import options


def meet(args: argparse.Namespace) -> int:
    """Open the app in meeting mode: the agenda since the last snapshot (or ``--since``)."""
    from bvtui.cli.errors import fail
    from bvtui.git import GitError, Repo, commit_of
    from bvtui.model import check_meeting_name
    from bvtui.store import locate_store

    root = locate_store(args.store_option or args.store)
    if not root.is_dir():
        return fail(f"{root}: no such store folder (bvtui init {root})")
    try:
        name = None if args.name is None else check_meeting_name(args.name)
    except ValueError as err:
        return fail(f"--name: {err}")
    if args.since is not None:
        repo = Repo.find(root)
        if repo is None:
            return fail(f"--since {args.since}: {root} is not in a git repository")
        try:
            commit_of(repo, args.since)
        except (ValueError, GitError):
            return fail(f"--since {args.since}: no such snapshot (tag) or revision in {repo.top}")
    from bvtui.tui.app import MeetingArgs, run_app

    meeting = MeetingArgs(name, args.since, frozenset(args.plan))
    return run_app(root, as_of=args.as_of, author=args.author, meeting=meeting)


def _meet(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "meet",
        help="the app in meeting mode: the agenda one action at a time, decisions as commits",
        description="Open the app on an agenda: worse since the last snapshot, overdue, "
        "re-baselined, no update this period, then the rest by theme. n/p move, a records "
        "a decision (one commit each, with a Meeting: trailer), q ends the meeting: a "
        "snapshot tag of what was presented and the minutes' action list (md, docx).",
    )
    p.add_argument("store", nargs="?", default=None, help="the store folder (default ./plans)")
    p.add_argument("--store", dest="store_option", default=None, help=argparse.SUPPRESS)
    p.add_argument(
        "--since", metavar="SNAPSHOT", help="compare with this tag (default: the latest snapshot)"
    )
    p.add_argument("--name", default=None, metavar="NAME", help='the meeting, e.g. "Board 14/09"')
    p.add_argument("--plan", type=options.comma_list, default=[], help="only these plans (slugs)")
    options.as_of_option(p)
    options.author_option(p)
    p.set_defaults(run=meet)


def _serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="the app in a browser (textual-serve), read-only unless --edit",
        description="Serve the app on http://HOST:PORT for a projector or a member's laptop. "
        "It prints the address to open, holding a random token: requests without it are "
        "refused. Read-only unless --edit; bound to 127.0.0.1 unless --host says otherwise.",
    )
    p.add_argument("store", nargs="?", default=None, help="the store folder (default ./plans)")
    p.add_argument("--store", dest="store_option", default=None, help=argparse.SUPPRESS)
    p.add_argument("--edit", action="store_true", help="allow edits (commits) from the browser")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    options.as_of_option(p)
    p.set_defaults(run=options.deferred("bvtui.cli.serve", "serve"))


PARSERS = {
    "meet": _meet,
    "serve": _serve,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
