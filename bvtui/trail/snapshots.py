"""Snapshots: annotated git tags marking the store "as presented" (``committee-2017-09-14``).

A snapshot names a commit, so ``--at NAME`` reads the store exactly as it was shown,
and :mod:`bvtui.trail.audit` can tell when a snapshot is no longer in the history
(the history was rewritten after it was presented).
"""

from __future__ import annotations

from dataclasses import dataclass

from bvtui.git import GIT_MISSING, GitError, Repo, check_author

SNAPSHOT_TRAILER = "Snapshot-Store"
"""The trailer naming the store folder a snapshot was taken of."""


@dataclass(frozen=True)
class Tag:
    """A tag: its name, the commit it points at, who made it and when."""

    name: str
    commit: str
    tagger: str
    date: str
    annotated: bool


def make_snapshot(
    repo: Repo, store_path: str, name: str, message: str | None = None, author: str | None = None
) -> Tag:
    """Tag HEAD as snapshot ``name`` (an annotated tag), refusing uncommitted edits.

    A snapshot of a store with edits not yet committed would not be what was shown,
    so it is refused until they are committed.

    Raises:
        ValueError: the name is not a valid tag name, is taken, or edits are uncommitted.
        GitError: git could not make the tag (no identity...).
    """
    try:
        repo.run("check-ref-format", f"refs/tags/{name}")
    except GitError as err:
        if str(err) == GIT_MISSING:
            raise
        raise ValueError(f"{name}: not a valid tag name") from None
    if tag_commit(repo, name) is not None:
        raise ValueError(f"{name}: a tag of that name already exists in {repo.top}")
    pending = [path for _code, path in repo.changed_files(repo.top / store_path)]
    if pending:
        raise ValueError(
            f"{pending[0]}: edited but not committed ({len(pending)} file(s)); "
            "commit first (bvtui commit) so the snapshot is what was presented"
        )
    body = message or f"Snapshot of {store_path} as presented"
    text = f"{body.rstrip()}\n\n{SNAPSHOT_TRAILER}: {store_path}\n"
    env: dict[str, str] = {}
    if author:
        who, email = check_author(author)
        env = {"GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": email}
    repo.run(
        "tag", "--annotate", "--cleanup=verbatim", "-F", "-", name, "HEAD", input=text, env=env
    )
    found = [tag for tag in list_tags(repo) if tag.name == name]
    return found[0]


def tag_commit(repo: Repo, name: str) -> str | None:
    """The commit tag ``name`` points at, or None when there is no such tag."""
    try:
        return repo.run(
            "rev-parse", "--verify", "--quiet", f"refs/tags/{name}^{{commit}}"
        ).stdout.strip()
    except GitError:
        return None


_TAG_FIELDS = (
    "refname:short",
    "objecttype",
    "objectname",
    "*objectname",
    "taggername",
    "creatordate:iso-strict",
)
_TAG_FORMAT = "%00".join(f"%({name})" for name in _TAG_FIELDS)


def list_tags(repo: Repo, *, not_in: str | None = None) -> list[Tag]:
    """Every tag pointing at a commit, oldest first.

    ``not_in``: only the tags whose commit is not reachable from that revision.
    """
    args = ["for-each-ref", "--sort=creatordate", f"--format={_TAG_FORMAT}"]
    if not_in:
        args.append(f"--no-merged={not_in}")
    out = repo.run(*args, "refs/tags").stdout
    tags = []
    for row in out.splitlines():
        name, kind, target, peeled, tagger, when = row.split("\0")
        annotated = kind == "tag"
        commit = peeled if annotated else target
        if annotated and not peeled:
            continue  # a tag of something other than a commit
        tags.append(Tag(name, commit, tagger, when, annotated))
    return tags
