"""``bvtui setup-signing`` and ``bvtui audit --signatures``: an SSH-signed trail."""

from __future__ import annotations

import argparse
from pathlib import Path

from bvtui.cli.commands import fail, user_errors
from bvtui.cli.history import json_dumps, tabulate
from bvtui.cli.log import since_base, store_repo
from bvtui.model import one_line
from bvtui.trail import SignatureReport, check_signatures, setup_signing


@user_errors
def setup(args: argparse.Namespace) -> int:
    """Sign every commit of this clone with the key; allow it in the store's file."""
    _root, repo = store_repo(args)
    key = Path(args.key).expanduser() if args.key else _default_key()
    if key is None:
        return fail(
            "no SSH key given or found: ssh-keygen -t ed25519, then --key ~/.ssh/id_ed25519"
        )
    try:
        allowed, added = setup_signing(repo, key)
    except ValueError as err:
        return fail(str(err))
    where = repo.relative(allowed)
    print(f"this clone now signs commits and tags with {key}")
    if not added:
        print(f"{where}: the key is already allowed")
        return 0
    email = repo.run("config", "user.email").stdout.strip()
    message = f"allowed signers: {one_line(email)} may sign\n\nSigner: {one_line(email)}\n"
    sha = repo.commit([allowed], message)
    print(f"{where}: key added for {one_line(email)}, committed {sha[:10]} (signed)")
    return 0


def _default_key() -> Path | None:
    """The first SSH public key in ~/.ssh, as ssh-keygen names them."""
    for name in ("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub"):
        path = Path.home() / ".ssh" / name
        if path.is_file():
            return path
    return None


def signature_rows(report: SignatureReport) -> list[list[str]]:
    return [
        [
            check.date[:16].replace("T", " "),
            one_line(check.author),
            check.commit[:10],
            one_line(check.subject)[:40],
            check.verdict,
            check.key,
        ]
        for check in report.findings
    ]


@user_errors
def audit_signatures(args: argparse.Namespace) -> int:
    """List commits to the plans not signed by an allowed signer; exit 1 when any."""
    root, repo = store_repo(args)
    base = since_base(repo, args.since)
    report = check_signatures(repo, repo.relative(root), base)
    if args.format == "json":
        print(
            json_dumps(
                {
                    "allowed_signers": str(report.allowed_signers or ""),
                    "commits_checked": len(report.checks),
                    "findings": [
                        {**vars(check), "verdict": check.verdict} for check in report.findings
                    ],
                }
            )
        )
    else:
        if report.allowed_signers is None:
            print(
                f"no {repo.top}/.bvtui/allowed_signers: no signature can be verified "
                "(bvtui setup-signing)"
            )
        if report.findings:
            print(f"Commits not signed by an allowed signer ({len(report.findings)})")
            headers = ("date", "author", "commit", "subject", "signature", "key")
            print(tabulate(signature_rows(report), headers=headers, tablefmt=args.format))
        else:
            count = len(report.checks)
            commits = f"{count} commit{'s' * (count != 1)}"
            print(f"audit: {commits} checked, every one signed by an allowed signer")
    return 1 if report.findings or report.allowed_signers is None else 0
