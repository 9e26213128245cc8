"""The arguments of the commands of governance and of a record that proves itself:
``propose``, ``proposals`` and ``approve`` (changes waiting for an approver),
``attach`` (evidence), ``setup-signing`` (an SSH-signed trail) and ``verify`` (a pack
against its commit).

Only the parsers live here; each command runs from its own module, imported when it
is run (see :func:`bvtui.cli.options.deferred`). ``audit --signatures`` is an option of
``audit`` (:mod:`bvtui.cli.history_args`).
"""

from __future__ import annotations

import argparse

from bvtui.cli import options
from bvtui.cli.options import deferred


def _propose(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "propose",
        help="propose a change that waits for approval (a branch proposals/<plan>/<id>)",
        description="Record FIELD=VALUE changes (as bvtui set takes them) as one commit on "
        "the branch proposals/<plan>/<id>, pushed to the remote when there is one; the work "
        "tree is not touched. An allowed approver applies it with bvtui approve.",
    )
    options.store_option(p)
    options.author_option(p)
    options.ref_argument(p)
    options.edit_options(p)
    p.add_argument("--reason", metavar="TEXT", help="why (a Reason: trailer, kept on approval)")
    p.set_defaults(run=deferred("bvtui.cli.governance", "propose_command"))


def _proposals(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("proposals", help="list the proposals waiting for approval")
    options.store_option(p)
    p.add_argument("--format", default="simple", help="a tabulate format (default: simple)")
    p.set_defaults(run=deferred("bvtui.cli.governance", "proposals_command"))


def _approve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "approve",
        help="apply the proposal waiting for an action, with an Approved-by: trailer",
        description="Apply the proposal waiting for ID as one commit (its proposer the "
        "author, you the approver), under the plan's governance rules, then delete it.",
    )
    options.store_option(p)
    options.author_option(p)
    options.ref_argument(p)
    options.approval_options(p)
    p.set_defaults(run=deferred("bvtui.cli.governance", "approve_command"))


def _attach(sub: argparse._SubParsersAction) -> None:
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


def _setup_signing(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "setup-signing",
        help="sign every commit of this clone with your SSH key, and allow the key",
        description="Configure this clone to sign commits and tags with an SSH key "
        "(gpg.format=ssh, commit.gpgsign) and add the key, for your git e-mail, to the "
        "store's .bvtui/allowed_signers (one signed commit). bvtui audit --signatures then "
        "checks the trail against that file.",
    )
    options.store_option(p)
    p.add_argument(
        "--key",
        metavar="PATH",
        help="your SSH public key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub, id_rsa.pub)",
    )
    p.set_defaults(run=deferred("bvtui.cli.signing", "setup"))


def _verify(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="is a report pack exactly what its stamped commit gives? (exit 1: no)",
        description="Read the commit and the command stamped in PACK (html, md, text, csv, "
        "xlsx; docx and pdf as bytes), make the report again there and say whether PACK is "
        "byte-identical; if not, which actions differ. A snapshot tag the pack was made at "
        "that has moved since is said; the pack is verified at its own commit.",
    )
    options.store_option(p)
    p.add_argument("pack", metavar="PACK", help="the report file, e.g. committee.html")
    p.set_defaults(run=deferred("bvtui.cli.verify", "verify"))


PARSERS = {
    "propose": _propose,
    "proposals": _proposals,
    "approve": _approve,
    "attach": _attach,
    "setup-signing": _setup_signing,
    "verify": _verify,
}
"""Each sub-command and the function adding its parser (bvtui.cli.main builds one)."""
