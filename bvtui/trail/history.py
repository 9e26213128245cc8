"""The history of actions, decoded field by field: the audit trail as people read it.

Each commit that touched an action's file becomes a :class:`Revision`: who, when,
the commit's subject, and the change as :class:`~bvtui.model.diff.FieldChange` s from
the file's YAML at both ends, so saves made by bvtui and hand edits committed with
plain git read the same way. From the revisions come the status timeline (each
status, when it was set and by whom) and the deadline-slip log.

One action's history is a plain path-limited ``git log`` (fast with changed-path
Bloom filters); a rename is followed explicitly, one hop at a time, only when the
oldest commit found added the file as a rename, never with ``--follow`` (which
bypasses the filters: seconds on a big store, ENGINEERING.md).

The files' texts at both ends of each commit are git blobs, whose id is their content:
an action's history keeps the mappings it decoded in the parse cache (kind
:data:`BLOB_CACHE`, keyed and checked by blob id), so showing the same history again
parses nothing (and imports no YAML library).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from bvtui.git import NULL_BLOB, BlobBatch, Commit, FileChange, Repo, commit_renames, read_log
from bvtui.model import FieldChange, Ref, field_changes, one_line
from bvtui.store import ParseCache, YamlFileError, cache_path, read_mapping

if TYPE_CHECKING:
    from bvtui.model import Plan

MAX_RENAME_HOPS = 50
"""Renames followed at most, so that a cycle of renames can never loop."""

KIND_OF_STATUS = {"A": "created", "D": "removed", "R": "renamed", "C": "created"}

BLOB_CACHE = "blobs"
"""The parse cache's kind for the mappings of git blobs an action's history decoded."""


class Revision(NamedTuple):
    """One commit's change to one action (or plan) file, decoded field by field.

    ``kind`` is ``created``, ``changed``, ``renamed`` or ``removed``; ``old`` and
    ``new`` are the file's mappings before and after (None where there was no file,
    or it did not load: ``problem`` says so).
    """

    commit: Commit
    path: str
    old_path: str
    kind: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    changes: list[FieldChange]
    problem: str | None

    @property
    def ref(self) -> str:
        """``plan/id`` from the file's path (``plan/plan.yaml`` for a plan file)."""
        return str(Ref.of_path(self.path))

    @property
    def by_bvtui(self) -> bool:
        """Made by bvtui (trailers present) rather than a hand edit."""
        return self.commit.by_bvtui

    def summary(self) -> str:
        """One line: ``status On Target -> Delayed, progress 20 -> 40`` or ``new action``."""
        if self.kind == "created":
            return f"new action: {one_line((self.new or {}).get('title', ''))}".rstrip(": ")
        if self.kind == "removed":
            return "removed"
        parts = [change.summary() for change in self.changes]
        if self.kind == "renamed":
            parts.insert(0, f"renamed from {Ref.of_path(self.old_path)}")
        return ", ".join(parts) or "no field changed"


def decode(text: bytes | None, path: str) -> tuple[dict[str, Any] | None, str | None]:
    """A file's bytes as its mapping, or None and why it does not load."""
    if text is None:
        return None, None
    try:
        return read_mapping(text.decode("utf-8"), path), None
    except (YamlFileError, UnicodeDecodeError) as err:
        return None, f"{path} does not load: {err}"


def decode_changes(
    entries: list[tuple[Commit, FileChange]], batch: BlobBatch, cache: ParseCache | None = None
) -> list[Revision]:
    """Every (commit, file change) decoded from the blobs at both ends, read in one go;
    each blob parsed once, and not at all when ``cache`` holds its mapping (the blobs
    parsed here are put in it)."""
    shas = [
        sha
        for _commit, change in entries
        for sha in (change.old_blob, change.new_blob)
        if sha != NULL_BLOB
    ]
    known: dict[str, dict[str, Any]] = {}
    if cache is not None:
        for sha in dict.fromkeys(shas):
            cached = cache.get(sha, sha)
            if type(cached) is dict:
                known[sha] = cached
    missing = [sha for sha in shas if sha not in known]
    blobs = batch.read(missing) if missing else {}

    def mapping_of(sha: str, path: str) -> tuple[dict[str, Any] | None, str | None]:
        if sha in known:
            return known[sha], None
        mapping, problem = decode(blobs.get(sha), path)
        if mapping is not None:
            known[sha] = mapping
            if cache is not None:
                cache.put(sha, sha, mapping)
        return mapping, problem

    revisions = []
    for commit, change in entries:
        old, old_problem = mapping_of(change.old_blob, change.old_path)
        new, new_problem = mapping_of(change.new_blob, change.path)
        kind = KIND_OF_STATUS.get(change.status, "changed")
        revisions.append(
            Revision(
                commit=commit,
                path=change.path,
                old_path=change.old_path,
                kind=kind,
                old=old,
                new=new,
                changes=field_changes(old, new),
                problem=new_problem or old_problem,
            )
        )
    return revisions


def _range(base: str | None, tip: str) -> list[str]:
    return [f"{base}..{tip}"] if base else [tip]


def action_history(
    repo: Repo, path: str, *, base: str | None = None, tip: str = "HEAD"
) -> list[Revision]:
    """Every commit after ``base`` (None: all) that changed the file ``path``, newest first.

    ``path`` is relative to the top of the work tree. A rename is followed back to
    the file's earlier name: each hop is one more path-limited log, starting at the
    parent of the commit that renamed it. ``git cat-file`` starts with the first log
    and reads the blobs they name at the end, but for those whose mappings the parse
    cache holds (:data:`BLOB_CACHE`).
    """
    cache = ParseCache.open(cache_path(repo.git_dir, repo.top, BLOB_CACHE))
    with BlobBatch(repo) as batch:
        revisions = decode_changes(_file_changes(repo, path, base, tip), batch, cache)
    cache.save()
    return revisions


def _file_changes(
    repo: Repo, path: str, base: str | None, tip: str
) -> list[tuple[Commit, FileChange]]:
    """The commits of :func:`action_history`, each with its change to the file."""
    entries: list[tuple[Commit, FileChange]] = []
    wanted, start = path, tip
    for _hop in range(MAX_RENAME_HOPS):
        found = []
        for commit in read_log(repo, *_range(base, start), paths=[wanted]):
            change = next((f for f in commit.files if f.path == wanted), None)
            if change is not None:
                found.append((commit, change))
        entries.extend(found)
        if not found or found[-1][1].status != "A":
            break
        oldest = found[-1][0]
        if not oldest.parents or created_by_bvtui(oldest):
            break
        rename = next((r for r in commit_renames(repo, oldest.sha) if r.path == wanted), None)
        if rename is None:
            break
        entries[-1] = (oldest, rename)
        wanted, start = rename.old_path, f"{oldest.sha}^"
    return entries


def created_by_bvtui(commit: Commit) -> bool:
    """Whether bvtui made ``commit`` to create files (an import, or a save of a new
    action), which is never a rename: git need not be asked whether it was one."""
    return "Import" in commit.trailers or (
        commit.action_ref is not None and commit.subject.endswith(": new action")
    )


def store_history(
    repo: Repo,
    store_path: str | list[str],
    *,
    base: str | None = None,
    tip: str = "HEAD",
    limit: int = 0,
    lines_matching: str | None = None,
) -> list[Revision]:
    """Every change to a YAML file of the store (or of the folders ``store_path``
    lists) after ``base``, newest commit first.

    With ``lines_matching``, only the files changed in place (or renamed) whose added
    or removed lines match that regular expression (git's ``-G``); files added or
    removed, and the rest, are never decoded."""
    args = _range(base, tip)
    if limit:
        args.append(f"--max-count={limit}")
    if lines_matching:
        args.extend([f"-G{lines_matching}", "--diff-filter=MR"])
    with BlobBatch(repo) as batch:
        entries = [
            (commit, change)
            for commit in read_log(
                repo, *args, paths=[store_path] if isinstance(store_path, str) else store_path
            )
            for change in commit.files
            if change.path.endswith(".yaml")
        ]
        return decode_changes(entries, batch)


# --- what the history says ---------------------------------------------------------


class StatusSpell(NamedTuple):
    """A status an action held: set on ``since`` by ``author`` in commit ``sha``."""

    status: str
    rag: str | None
    since: datetime
    author: str
    sha: str
    by_bvtui: bool


def status_timeline(revisions: Iterable[Revision], plan: Plan | None = None) -> list[StatusSpell]:
    """Each status the action had, oldest first, with the date it was set and by whom.

    ``revisions`` come newest first, as :func:`action_history` gives them (git's
    order, which author dates rewritten by a rebase cannot shuffle). The RAG is the
    colour ``plan`` gives the status now (None without a plan).
    """
    spells: list[StatusSpell] = []
    current: str | None = None
    for revision in reversed(list(revisions)):
        if revision.new is None:
            continue
        status = one_line(revision.new.get("status")) or "(none)"
        if status == current:
            continue
        current = status
        spells.append(
            StatusSpell(
                status=status,
                rag=plan.rag_of(status) if plan is not None else None,
                since=revision.commit.date,
                author=revision.commit.author,
                sha=revision.commit.sha,
                by_bvtui=revision.by_bvtui,
            )
        )
    return spells


class DeadlineSlip(NamedTuple):
    """A deadline revised: from what to what, days slipped, and the update saying why."""

    when: datetime
    author: str
    sha: str
    old: str
    new: str
    old_due: date | None
    new_due: date | None
    update_period: str | None
    update_text: str | None

    @property
    def days(self) -> int | None:
        """Days the due date moved (negative: brought forward); None when unknown."""
        if self.old_due is None or self.new_due is None:
            return None
        return (self.new_due - self.old_due).days


def _effective_deadline(mapping: dict[str, Any] | None) -> str:
    mapping = mapping or {}
    return one_line(mapping.get("revised_deadline")) or one_line(mapping.get("deadline"))


def deadline_slips(revisions: Iterable[Revision]) -> list[DeadlineSlip]:
    """Each change of the deadline in force (a revised deadline wins), oldest first.

    ``revisions`` come newest first, as :func:`action_history` gives them.

    The update that explains a slip is the one added in the same commit (None when
    the deadline moved without one: worth an auditor's question).
    """
    from bvtui.model import due_date  # deadline text read as dates: only here

    slips = []
    for revision in reversed(list(revisions)):
        if revision.old is None or revision.new is None:
            continue
        old, new = _effective_deadline(revision.old), _effective_deadline(revision.new)
        if old == new:
            continue
        update = next((c.new for c in revision.changes if c.is_update), None)
        slips.append(
            DeadlineSlip(
                when=revision.commit.date,
                author=revision.commit.author,
                sha=revision.commit.sha,
                old=old,
                new=new,
                old_due=due_date(old),
                new_due=due_date(new),
                update_period=one_line(update.get("period")) if update else None,
                update_text=one_line(update.get("text")) if update else None,
            )
        )
    return slips
