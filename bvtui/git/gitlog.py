"""Reading git history as data: commits, their trailers and the files they change.

Every query is one ``git log -z --raw`` (or ``git diff -z --raw``) with an explicit
format, parsed here, never scraped from git's human output. Queries are limited to
paths, so a commit-graph with changed-path Bloom filters (``git commit-graph write
--reachable --changed-paths``) makes them fast on long histories (ENGINEERING.md).
Blob ids come back with each change, so the file at both ends of a commit is read in
one ``git cat-file --batch`` for a whole history.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import NamedTuple

from bvtui.git.errors import explain
from bvtui.git.repo import GitError, Repo, _git_env, _spawn

NULL_BLOB = "0" * 40

# One record per commit: a record separator, then these fields, each ended by NUL.
_FIELDS = ("%H", "%P", "%an", "%ae", "%aI", "%cI", "%s", "%(trailers:only,unfold)")
LOG_FORMAT = "%x1e" + "".join(f"{spec}%x00" for spec in _FIELDS)

_TRAILER = re.compile(r"^(?P<key>[A-Za-z0-9-]+):\s*(?P<value>.*)$")


class FileChange(NamedTuple):
    """One file a commit changed: its status letter, paths and blob ids at both ends.

    ``old_blob`` is :data:`NULL_BLOB` for an added file, ``new_blob`` for a deleted one.
    ``old_path`` differs from ``path`` only for a rename (status ``R``).
    """

    status: str
    old_path: str
    path: str
    old_blob: str
    new_blob: str


class Commit(NamedTuple):
    """A commit as the audit trail shows it: who, when, what, and its trailers."""

    sha: str
    parents: list[str]
    author: str
    email: str
    date: datetime
    committed: datetime
    subject: str
    trailers: dict[str, list[str]]
    files: list[FileChange]

    @property
    def short(self) -> str:
        return self.sha[:10]

    @property
    def action_ref(self) -> str | None:
        """The ``Action:`` trailer bvtui writes on every save, or None (a hand edit)."""
        values = self.trailers.get("Action")
        return values[-1] if values else None

    @property
    def action_refs(self) -> list[str]:
        """Every ``Action:`` trailer: one for a save, one per action for a bulk edit."""
        return list(self.trailers.get("Action", []))

    @property
    def by_bvtui(self) -> bool:
        """Made by bvtui: a save (``Action:``) or an import (``Import:``), not a hand edit."""
        return self.action_ref is not None or "Import" in self.trailers

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def _trailers(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for raw in text.splitlines():
        match = _TRAILER.match(raw.strip())
        if match:
            found.setdefault(match["key"], []).append(match["value"].strip())
    return found


def _file_changes(tokens: list[str]) -> list[FileChange]:
    """Raw diff entries (``:mode mode old new S`` then one or two paths), NUL-split."""
    changes = []
    index = 0
    while index < len(tokens):
        meta = tokens[index].strip()
        index += 1
        if not meta.startswith(":"):
            continue
        parts = meta.lstrip(":").split()
        parents = meta.index(parts[0])  # "::" for a merge's combined entry
        blobs = parts[parents + 1 : 2 * parents + 2]
        status = parts[-1][0]
        old_path = path = tokens[index]
        index += 1
        if status in "RC" and parents == 1:
            path = tokens[index]
            index += 1
        old_blob = blobs[0] if status != "A" else NULL_BLOB
        changes.append(FileChange(status, old_path, path, old_blob, blobs[-1]))
    return changes


def parse_log(output: str) -> list[Commit]:
    """Commits from ``git log -z --raw --format=LOG_FORMAT`` output."""
    commits = []
    for record in output.split("\x1e"):
        if not record:
            continue
        parts = record.split("\0", len(_FIELDS))
        if len(parts) <= len(_FIELDS) - 1:
            continue
        sha, parents, author, email, authored, committed, subject, trailers = parts[: len(_FIELDS)]
        rest = parts[len(_FIELDS)] if len(parts) > len(_FIELDS) else ""
        commits.append(
            Commit(
                sha=sha,
                parents=parents.split(),
                author=author,
                email=email,
                date=datetime.fromisoformat(authored),
                committed=datetime.fromisoformat(committed),
                subject=subject,
                trailers=_trailers(trailers),
                files=_file_changes(rest.split("\0")),
            )
        )
    return commits


def read_log(repo: Repo, *args: str, paths: list[str]) -> list[Commit]:
    """``git log ARGS -- PATHS``, newest first, each commit with its changed files.

    Merges are listed with the files they change against every parent (``--cc``):
    a merge that only combines both sides lists none; a resolved conflict or an
    "evil merge" lists what it added.
    """
    out = repo.run(
        "log",
        "-z",
        "--raw",
        "--no-abbrev",
        "--cc",
        "-M",
        f"--format={LOG_FORMAT}",
        *args,
        "--",
        *paths,
    ).stdout
    return parse_log(out)


class BlobBatch:
    """``git cat-file --batch``, started at once and asked for blobs later (:meth:`read`):
    git starts while the caller reads the log that names them. A context manager that
    always reaps the process, whether or not it was asked."""

    def __init__(self, repo: Repo) -> None:
        import subprocess

        self._repo = repo
        self._process: subprocess.Popen[bytes] = _spawn(
            subprocess.Popen,
            ["git", "cat-file", "--batch"],
            cwd=repo.top,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_git_env(),
        )

    def read(self, shas: list[str]) -> dict[str, bytes]:
        """The contents of the blobs ``shas``, by id; once per batch. ``shas`` are blob
        ids, or any object names git reads (``HEAD:plans/p/1.3.yaml``: a bulk save reads
        every file's version at HEAD so); a name that names nothing (a file HEAD does
        not have) is left out of the result.

        Raises:
            GitError: git failed (said in one line).
        """
        unique = list(dict.fromkeys(shas))
        asked = "".join(f"{sha}\n" for sha in unique).encode()
        data, err = self._process.communicate(asked)
        if self._process.returncode != 0:
            raise GitError(explain(err.decode("utf-8", "replace"), self._repo.git_dir))
        blobs: dict[str, bytes] = {}
        position = 0
        for sha in unique:
            header_end = data.index(b"\n", position)
            header = data[position:header_end].split()
            if header[-1] in (b"missing", b"ambiguous"):  # "<name> missing", nothing follows
                position = header_end + 1
                continue
            size = int(header[2])
            start = header_end + 1
            blobs[sha] = data[start : start + size]
            position = start + size + 1  # the content is followed by a newline
        return blobs

    def __enter__(self) -> BlobBatch:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._process.returncode is None:  # never asked: nothing to wait for
            self._process.kill()
            self._process.communicate()


def read_blobs(repo: Repo, shas: list[str]) -> dict[str, bytes]:
    """The contents of many blobs in one ``git cat-file --batch`` run."""
    if not shas:
        return {}
    with BlobBatch(repo) as batch:
        return batch.read(shas)


def diff_files(repo: Repo, base: str, head: str, paths: list[str]) -> list[FileChange]:
    """Files that differ between two commits (renames detected), with both blob ids."""
    out = repo.run("diff", "-z", "--raw", "--no-abbrev", "-M", base, head, "--", *paths).stdout
    return _file_changes(out.split("\0"))


def commit_renames(repo: Repo, sha: str) -> list[FileChange]:
    """The renames commit ``sha`` made against its first parent (empty for a root commit)."""
    out = repo.run(
        "diff-tree", "-z", "-r", "--raw", "--no-abbrev", "-M", "--diff-filter=R", "--root", sha
    ).stdout
    tokens = out.split("\0")
    if tokens and not tokens[0].startswith(":"):
        tokens = tokens[1:]  # diff-tree names the commit first
    return _file_changes(tokens)


def commit_of(repo: Repo, rev: str) -> str:
    """The full id of the commit ``rev`` names (a tag, a branch, ``HEAD~3``...).

    Raises:
        ValueError: ``rev`` names no commit.
    """
    try:
        return repo.run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").stdout.strip()
    except GitError:
        raise ValueError(f"{rev}: not a date (YYYY-MM-DD) nor a revision of {repo.top}") from None


def as_date(text: str) -> date | None:
    """``text`` as a calendar date when it is one (YYYY-MM-DD), else None (a revision)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def last_commit_before(repo: Repo, moment: str, tip: str = "HEAD") -> str | None:
    """The newest commit reachable from ``tip`` made before ``moment``, or None."""
    out = repo.run("rev-list", "-1", f"--before={moment}", tip).stdout.strip()
    return out or None


def resolve_since(repo: Repo, text: str) -> str | None:
    """The base commit "since DATE|REV" counts from: changes after it are "since".

    A date means the start of that day: the base is the last commit made before it
    (None when the history starts later, so everything counts). A revision (a tag,
    a commit) is itself the base.

    Raises:
        ValueError: ``text`` is neither a date nor a revision.
    """
    day = as_date(text)
    if day is not None:
        return last_commit_before(repo, f"{day.isoformat()} 00:00:00")
    return commit_of(repo, text)


def resolve_until(repo: Repo, text: str | None) -> str:
    """The commit "until DATE|REV" ends at: HEAD when None, the end of a date's day.

    Raises:
        ValueError: not a date nor a revision, or no commit was made by that date.
    """
    if text is None:
        return commit_of(repo, "HEAD")
    day = as_date(text)
    if day is None:
        return commit_of(repo, text)
    found = last_commit_before(repo, f"{day.isoformat()} 23:59:59")
    if found is None:
        raise ValueError(f"{text}: no commit in {repo.top} was made by then")
    return found
