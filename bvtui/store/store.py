"""The store: a folder of plans in a git work tree, loaded, edited and saved as commits.

Layout: ``<store>/<plan-slug>/plan.yaml`` and one ``<action-id>.yaml`` per action. A
file that does not load is reported as a :class:`Problem` and the rest still loads.
Saving writes the file atomically and commits exactly that file; when the commit
cannot be made, the edit stays on disk and is reported as pending until a later save
or :meth:`Store.commit_pending` records it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from bvtui.git import GitError, PendingBlob, Repo, way_out
from bvtui.model import (
    PLAN_FIELDS,
    PLAN_FILE,
    STORED_FIELDS,
    Action,
    FieldChange,
    Plan,
    Ref,
    RefError,
    Update,
    ValidationError,
    action_from_mapping,
    action_to_mapping,
    check_id,
    commit_message,
    field_changes,
    fold,
    natural_key,
    one_line,
    plan_from_mapping,
    plan_to_mapping,
)
from bvtui.store.parse_cache import MISS, ParseCache, cache_path
from bvtui.store.regular_file import RefusedFile
from bvtui.store.safe_files import save_lock, write_atomically
from bvtui.store.sources import (
    Progress,
    ReadProgress,
    RevisionFiles,
    StoreFiles,
    WorkTreeFiles,
)
from bvtui.store.yaml_io import YamlFileError, read_mapping, render_mapping

Keep = Callable[[Plan], Callable[[str, str, Sequence[str]], bool]]
"""Which actions a load builds: per plan, a test of an action's stored status, theme and
officers (the parse cache holds them beside each action), as
:meth:`bvtui.model.filters.Filter.may_match` gives."""

STORE_ENV = "BVTUI_STORE"
AUTHOR_ENV = "BVTUI_AUTHOR"


def locate_store(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: ``explicit`` (``--store`` or the app's argument), else
    ``$BVTUI_STORE``, else ``./plans``."""
    return Path(explicit or os.environ.get(STORE_ENV) or "plans")


def digest(data: bytes) -> str:
    """The fingerprint of a file's bytes, to notice a change made on disk since reading."""
    from hashlib import blake2b  # imported when a command first needs it, not by listings

    return blake2b(data, digest_size=16).hexdigest()


@dataclass(frozen=True)
class Problem:
    """A file that failed to load or a rule it breaks: where, and why, in one line."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class StoreError(ValueError):
    """A user or data error: a missing store, an unknown action, a bad value."""


class FileChangedError(StoreError):
    """The file changed on disk since it was read: saving would overwrite that change."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: changed on disk since it was read; reload it or overwrite")


@dataclass
class SaveResult:
    """What a save did: the changes written, and the commit made or why there is none."""

    ref: str
    path: Path
    changes: list[FieldChange] = field(default_factory=list)
    commit: str | None = None
    error: str | None = None

    @property
    def written(self) -> bool:
        return bool(self.changes)

    @property
    def pending(self) -> bool:
        """Written to disk but not committed."""
        return self.commit is None and self.error is not None


class Store:
    """All plans and actions of a store folder, and the git repository around it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._reading: ReadProgress | None = None
        self.files: StoreFiles = WorkTreeFiles(self.root)
        self.revision: str | None = None
        """The commit the store was read at (``--at REV``): None for the work tree."""
        self.plans: dict[str, Plan] = {}
        self.actions: list[Action] = []
        self.problems: list[Problem] = []

    @cached_property
    def repo(self) -> Repo | None:
        """The git repository around the store, None when there is none (found by git,
        when first needed)."""
        return Repo.find(self.root) if self.root.exists() else None

    @classmethod
    def open(
        cls,
        root: str | os.PathLike[str] | None = None,
        *,
        keep: Keep | None = None,
        plans: frozenset[str] | None = None,
        progress: Progress | None = None,
    ) -> Store:
        """Load the store at ``root`` (see :func:`locate_store`).

        With ``keep``, an action whose stored fields it refuses is not built (a listing
        of a few thousand out of 100,000 builds only those): :attr:`actions` then holds
        the rest only, which the caller still filters. Problems are those of every file.
        With ``plans``, only the folders of those plans (any case, as ``--plan``
        matches) are read, their files parsed without the parse cache (whose index
        covers the whole store): a report of one plan costs what that plan costs, and
        :attr:`problems` only covers its files.
        ``progress`` is told how far the load is when it parses many files (see
        :class:`~bvtui.store.sources.ReadProgress`): a store nobody has opened yet.

        Raises:
            StoreError: the folder does not exist.
        """
        store = cls(locate_store(root))
        if not store.root.is_dir():
            raise StoreError(f"{store.root}: no such store folder (bvtui init {store.root})")
        store._load(None, keep=keep, plans=plans, progress=progress)
        return store

    @classmethod
    def open_for(cls, root: str | os.PathLike[str] | None, ref: str) -> Store:
        """The store with only what ``ref`` (``plan/id`` or a bare id) can name loaded.

        For commands on one action (``set``, ``show``): the plans, and in each plan
        folder only the files named ``<id>.yaml`` in any case (so that twins are
        refused exactly as in a full load), instead of every file.
        :meth:`find` then gives the same action, or the same error, as on the whole
        store; :attr:`problems` only covers the files read.

        Raises:
            StoreError: the folder does not exist.
        """
        store = cls(locate_store(root))
        if not store.root.is_dir():
            raise StoreError(f"{store.root}: no such store folder (bvtui init {store.root})")
        wanted = parse_ref(ref)
        store._load(wanted.id, plans=frozenset([wanted.plan]) if wanted.plan else None)
        return store

    @classmethod
    def at(
        cls, root: str | os.PathLike[str] | None, rev: str, *, plans: frozenset[str] | None = None
    ) -> Store:
        """The store as it was at git revision ``rev`` (a tag, a commit...), read-only;
        with ``plans``, only those plans (see :meth:`open`).

        Raises:
            StoreError: the store is in no repository, or ``rev`` is not a revision.
        """
        store = cls(locate_store(root))
        if store.repo is None:
            raise StoreError(f"{store.root}: not in a git repository, so no --at")
        try:
            files = RevisionFiles(store.repo, store.root, rev)
        except ValueError as err:
            raise StoreError(str(err)) from None
        store.files, store.revision = files, files.commit
        store._load(None, plans=plans)
        return store

    # --- loading -----------------------------------------------------------------

    def load(self) -> None:
        """(Re)read every plan and action; problems are collected, never raised.

        Files whose fingerprint is in the parse cache are not read at all (see
        :mod:`bvtui.store.parse_cache`); the cache is updated afterwards.
        """
        self._load(None)

    def _load(
        self,
        wanted: str | None,
        plans: frozenset[str] | None = None,
        keep: Keep | None = None,
        progress: Progress | None = None,
    ) -> None:
        """Load every action, or with ``wanted`` only files named ``<wanted>.yaml``
        (in any case), and with ``plans`` only the folders of those plans (any case)."""
        self.plans, self.actions, self.problems = {}, [], []
        # Folders come sorted by name (= plan slug) and each folder's actions in id
        # order, so the actions need no sort across the store.
        # a load of one ref, or of a few plans, parses their files: the cache's index
        # covers the whole store (unmarshalling it costs what the store costs), and it
        # keeps only what a run used, so saving a few plans' worth would evict every
        # other plan's entries
        whole = wanted is None and plans is None
        cache = ParseCache.open(self._cache_path() if whole else None)
        folders = self.files.folders()
        only = None if plans is None else {fold(name) for name in plans}
        self._reading = None
        if progress is not None:
            total = sum(len(self.files.names(folder)) for folder in folders)
            self._reading = ReadProgress(progress, total)
        for folder in folders:
            if only is not None and fold(folder) not in only:
                continue
            names = self.files.names(folder)
            if wanted is not None and not _names_file(names, wanted):
                continue
            loaded = self._load_plan(folder, names, cache)
            if loaded is None:
                continue
            self.plans[loaded.slug] = loaded
            self.actions.extend(self._load_actions(loaded, folder, names, cache, wanted, keep))
        if self._reading is not None:
            self._reading.finish()
        cache.save()

    def _cache_path(self) -> Path | None:
        if self.repo is None:
            return None
        return cache_path(self.repo.git_dir, self.root, self.files.cache_kind)

    def _load_plan(self, folder: str, names: list[str], cache: ParseCache) -> Plan | None:
        path = self.root / folder / PLAN_FILE
        try:
            check_id(folder, str(path.parent), "plan folder")
        except ValidationError as err:
            where = one_line(str(path.parent))
            self.problems.append(Problem(where, f"plan folder {err.reason}: not loaded"))
            return None
        if isinstance(self.files, WorkTreeFiles) and path.parent.is_symlink():
            reason = "a symbolic link to a folder, not read (plan folders must be folders)"
            self.problems.append(Problem(str(path.parent), reason))
            return None
        if PLAN_FILE not in names:
            if names:
                self.problems.append(Problem(str(path.parent), f"no {PLAN_FILE}: folder skipped"))
            return None
        try:
            key = f"{folder}/{PLAN_FILE}"
            [fingerprint] = self.files.fingerprints(folder, [PLAN_FILE])
            cached = cache.get(key, fingerprint)
            if cached is not None:
                try:
                    return _plan_from_cache(folder, cached)
                except _DAMAGED:
                    cache.drop(key)
            data = read_mapping(self.files.read(folder, PLAN_FILE).decode("utf-8"), str(path))
            plan = plan_from_mapping(folder, data, str(path))
            cache.put(key, fingerprint, _plan_to_cache(plan))
            return plan
        except YamlFileError as err:
            self.problems.append(Problem(str(path), err.reason, err.line))
        except (ValidationError, UnicodeDecodeError, RefusedFile) as err:
            self.problems.append(Problem(str(path), _after_path(err, path)))
        except FileNotFoundError:
            self.problems.append(Problem(str(path), "removed while the store was read"))
        return None

    def _load_actions(
        self,
        plan: Plan,
        folder: str,
        listed: list[str],
        cache: ParseCache,
        wanted: str | None,
        keep: Keep | None = None,
    ) -> list[Action]:
        """The plan's actions in id order; of two files whose ids differ only in case,
        the first in file-name order wins and the other is a problem. With ``keep``,
        only the actions it may keep."""
        by_name, id_rank = self._names_in_order(folder, listed, cache)
        names = [
            name
            for name in by_name
            if name != PLAN_FILE and (wanted is None or _names_file([name], wanted))
        ]
        # An id equals its file name (validated), so twins are names equal but for case;
        # which one wins depends on which load, so then every action is built first.
        twins = len({name.lower() for name in names}) < len(names)
        early = None if twins or keep is None else keep(plan)
        prefix = f"{self.root / folder}{os.sep}"
        stamps = self.files.fingerprints(folder, names)
        keys = [f"{folder}/{name}" for name in names]
        # Validating a status looked at the plan's statuses: the folder's actions were
        # cached under the table they were checked against, and are parsed again when
        # it has changed since.
        statuses_key, statuses = f"{folder}/:statuses", tuple(plan.statuses.items())
        if cache.get(statuses_key, statuses) is None:
            hints: list[Any] = [MISS] * len(keys)
            cache.put(statuses_key, statuses, True)
        else:
            hints = cache.hints(keys, stamps)
        loaded: list[Action] = []
        for name, key, stamp, hint in zip(names, keys, stamps, hints, strict=True):
            cached = None
            if hint is MISS and cache.unsure(key):  # cached while racy: its content decides
                hint = self._confirm(folder, name, key, stamp, cache)
            if hint is not MISS:
                try:
                    if early is not None and not early(*hint):
                        continue  # refused on its hint: its value is never decoded
                    cached = cache.value(key)
                except _DAMAGED:  # a damaged hint: parsed again below, and judged then
                    cache.drop(key)
            path = prefix + name
            try:
                if cached is None:
                    raise TypeError(path)  # not cached
                action = _action_from_cache(plan, path, cached)
            except _DAMAGED:  # not cached (None), or a damaged entry
                if cached is not None:
                    cache.drop(key)
                if self._reading is not None:
                    self._reading.parse()
                parsed = self._parse_action(plan, path)
                if parsed is None:
                    continue
                action = parsed
                cache.put(
                    key, stamp, _action_to_cache(action), _hint(action), action.digest.encode()
                )
                if early is not None and not early(*_hint(action)):
                    continue
            loaded.append(action)
        if twins:
            loaded = self._drop_twins(loaded)
            if keep is not None:
                test = keep(plan)
                loaded = [action for action in loaded if test(*_hint(action))]
        if by_name != list(id_rank):  # id order differs from file-name order
            loaded.sort(key=lambda action: id_rank[f"{action.id}.yaml"])
        return loaded

    def _confirm(
        self, folder: str, name: str, key: str, stamp: Hashable | None, cache: ParseCache
    ) -> Any:
        """The hint of ``key``'s entry, cached while its file was racy, when the file
        still has the content it was parsed from; else MISS (it is parsed again)."""
        try:
            raw = self.files.read(folder, name)
        except (OSError, RefusedFile):  # parsed again, which says why
            return MISS
        return cache.confirm(key, stamp, digest(raw).encode())

    def _drop_twins(self, actions: list[Action]) -> list[Action]:
        """``actions`` (in file-name order) without those whose id differs from an
        earlier one's only in case: each of those is a problem."""
        seen: dict[str, str] = {}
        kept = []
        for action in actions:
            low = action.id.lower()
            twin = seen.get(low)
            if twin is not None:
                self.problems.append(
                    Problem(action.path, f"id: {action.id!r} is also the id of {twin}")
                )
                continue
            seen[low] = f"{action.id}.yaml"
            kept.append(action)
        return kept

    def _names_in_order(
        self, folder: str, names: list[str], cache: ParseCache
    ) -> tuple[list[str], dict[str, int]]:
        """A folder's YAML file ``names`` in natural order, and each one's rank by the
        natural order of its id (the name without ``.yaml``, which the id must equal);
        both cached with the set of names."""
        key, fingerprint = f"{folder}/", frozenset(names)
        cached = cache.get(key, fingerprint)
        try:
            if cached is None:
                raise TypeError(key)  # not cached
            by_name, by_id = cached
            if not (frozenset(by_name) == frozenset(by_id) == fingerprint):
                raise ValueError(key)  # a damaged entry: sort again
            return by_name, {name: rank for rank, name in enumerate(by_id)}
        except _DAMAGED:
            if cached is not None:
                cache.drop(key)
        by_name = sorted(names, key=natural_key)
        by_id = sorted(by_name, key=_id_key)  # stable: ties keep the file-name order
        cache.put(key, fingerprint, (by_name, by_id))
        return by_name, {name: rank for rank, name in enumerate(by_id)}

    def _parse_action(self, plan: Plan, path: str) -> Action | None:
        """The action in file ``path``, parsed and validated; None (a problem) if it fails."""
        try:
            return self._read_action(plan, Path(path))
        except YamlFileError as err:
            self.problems.append(Problem(path, err.reason, err.line))
        except (ValidationError, UnicodeDecodeError, RefusedFile) as err:
            self.problems.append(Problem(path, _after_path(err, Path(path))))
        except FileNotFoundError:
            self.problems.append(Problem(path, "removed while the store was read"))
        return None

    def _read_action(self, plan: Plan, path: Path) -> Action:
        raw = self.files.read(path.parent.name, path.name)
        data = read_mapping(raw.decode("utf-8"), str(path))
        action = action_from_mapping(plan, data, str(path), path.stem)
        action.digest = digest(raw)
        return action

    def reread(self, action: Action) -> Action:
        """``action`` as its file is on disk now (after another editor or a pull).

        Raises:
            StoreError: the file is gone or no longer loads (file, line and reason).
        """
        path = self.action_path(action)
        try:
            return self._read_action(action.plan, path)
        except FileNotFoundError:
            raise StoreError(f"{path}: the file was removed since it was opened") from None
        except (YamlFileError, ValidationError, UnicodeDecodeError, RefusedFile) as err:
            raise StoreError(str(err)) from None

    # --- finding -----------------------------------------------------------------

    def find(self, ref: str) -> Action:
        """The action named ``plan/id``, or by its bare id where that is unique.

        Raises:
            StoreError: no such action, or a bare id found in several plans.
        """
        wanted = parse_ref(ref)
        if wanted.plan:
            matches = [a for a in self.actions if a.plan.slug == wanted.plan and a.id == wanted.id]
        else:
            matches = [a for a in self.actions if a.id == wanted.id]
            if len(matches) > 1:
                refs = ", ".join(a.ref for a in matches)
                raise StoreError(f"{ref}: found in several plans ({refs}); say which: plan/id")
        if not matches:
            broken = self._problem_of(wanted)
            if broken is not None:
                raise StoreError(f"{ref}: the file does not load: {broken}")
            raise StoreError(f"{ref}: no such action in {self.root}")
        return matches[0]

    def _problem_of(self, ref: Ref) -> Problem | None:
        """The problem of the file ``ref`` names, when it is there but does not load."""
        for problem in self.problems:
            path = Path(problem.path)
            if path.name == f"{ref.id}.yaml" and (not ref.plan or path.parent.name == ref.plan):
                return problem
        return None

    # --- saving ------------------------------------------------------------------

    def action_path(self, action: Action) -> Path:
        return Ref(action.plan.slug, action.id).path(self.root)

    def save_action(
        self,
        action: Action,
        *,
        author: str | None = None,
        force: bool = False,
        reapply: Callable[[Action], Action] | None = None,
    ) -> SaveResult:
        """Write ``action`` to its file and commit that file alone.

        The file on disk is rewritten round-trip (comments, order and untouched lines
        kept); a file in bvtui's own canonical form gets the same bytes without ruamel
        (:mod:`bvtui.store.yaml_canonical`). No change, no write and no commit. The
        commit message records every field that differs from HEAD, so an edit left
        pending by a failed commit is recorded by the next save.

        Saves of one plan folder are serialised (:func:`save_lock`), from the check
        that the file is as it was read to the commit, so two saves of one action at
        once never write over each other, and each commit holds its own save's text.
        When the file changed on disk since ``action`` was read, ``reapply`` (given
        the file as it is now) makes the same edit again on it, and that is saved.

        Raises:
            FileChangedError: the file changed on disk since ``action`` was read
                (unless ``force``, or ``reapply`` is given).
            StoreError: a merge or rebase is stopped (see :meth:`_refuse_while_stopped`),
                the file cannot be written, or git is missing; nothing is written.
            ValidationError: an id that is not allowed.
        """
        if self.revision is not None:
            raise StoreError(
                f"{self.root}: read as at {self.revision[:10]}; saving is not possible"
            )
        path = self.action_path(action)
        # HEAD's version, for the commit message, is read by git meanwhile
        with save_lock(path.parent), contextlib.ExitStack() as stack:
            try:
                self._refuse_while_stopped(path)
                head = (
                    None
                    if self.repo is None
                    else stack.enter_context(self.repo.head_blob_soon(path))
                )
            except GitError as err:  # git missing: said like any other refusal
                raise StoreError(f"{path}: {err}; nothing was saved") from None
            current = path.read_bytes() if path.exists() else None
            changed_on_disk = current is not None and digest(current) != action.digest
            if changed_on_disk and action.digest and not force:
                if reapply is None:
                    raise FileChangedError(path)
                action = reapply(self.reread(action))
            old_text = current.decode("utf-8") if current is not None else None
            data = action_to_mapping(action)
            text = _canonical_rewrite(old_text, data, action, path)
            if text is None:
                text = render_mapping(old_text, data, STORED_FIELDS)
            _check_reads_back(text, action, path)
            if text != old_text:
                _write(path, text)
            action.digest = digest(text.encode("utf-8"))
            action.path = str(path)
            return self._commit_file(path, action.ref, author, head)

    def save_plan(self, plan: Plan, *, author: str | None = None) -> SaveResult:
        """Write ``plan.yaml`` and commit it alone (no change, no commit)."""
        path = self.root / plan.slug / PLAN_FILE
        with save_lock(path.parent):
            self._refuse_while_stopped(path)
            old_text = path.read_text(encoding="utf-8") if path.exists() else None
            text = render_mapping(old_text, plan_to_mapping(plan), PLAN_FIELDS)
            if text != old_text:
                _write(path, text)
            return self._commit_file(path, str(Ref(plan.slug, PLAN_FILE)), author)

    def _refuse_while_stopped(self, path: Path) -> None:
        """Refuse to write ``path`` while a merge or rebase is stopped, unless the file
        is in conflict in it (its resolution): the way out of one (``--abort``, or
        ``bvtui sync --abort``) resets the work tree and would destroy the edit.

        Raises:
            StoreError: an operation is stopped; nothing is written.
        """
        stopped = None if self.repo is None else self.repo.stopped_operation()
        if stopped and not self.repo.is_unmerged(path):  # type: ignore[union-attr]
            raise StoreError(
                f"{path}: a {stopped} is in progress (a sync stopped on a conflict?) and "
                "undoing it would undo an edit saved now, so nothing was saved: "
                f"{way_out(stopped)}, then save again"
            )

    def _commit_file(
        self, path: Path, ref: str, author: str | None, head: PendingBlob | None = None
    ) -> SaveResult:
        old, new = self._versions(path, head)
        changes = field_changes(old, new)
        result = SaveResult(ref=ref, path=path, changes=changes)
        if not changes and (old is None) == (new is None):
            return result
        message = commit_message(ref, changes, created=old is None, removed=new is None)
        result.commit, result.error = self._commit([path], message, author)
        return result

    def _versions(
        self, path: Path, head: PendingBlob | None = None
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The file's mapping at HEAD (``head``: already being read) and on disk (None
        where it does not exist)."""
        old = None
        if self.repo is not None:
            blob = head.result() if head is not None else self.repo.head_blob(path)
            if blob is not None:
                old = _lenient_mapping(blob.decode("utf-8", "replace"), str(path))
        new = _lenient_mapping(path.read_text("utf-8"), str(path)) if path.exists() else None
        return old, new

    def _commit(
        self, paths: list[Path], message: str, author: str | None
    ) -> tuple[str | None, str | None]:
        if self.repo is None:
            return None, f"{self.root} is not in a git repository: the edit is saved, not committed"
        author = author or os.environ.get(AUTHOR_ENV) or None
        try:
            sha = self.repo.commit(paths, message, author)
        except (GitError, ValueError) as err:
            return None, str(err)
        self.repo.refresh_commit_graph()
        return sha, None

    # --- pending edits -----------------------------------------------------------

    def pending_paths(self) -> list[Path]:
        """Store files that differ from HEAD: edits saved to disk but not committed.

        Only regular files (or files removed) directly in a plan folder: a symbolic
        link, a folder or a FIFO named ``*.yaml`` is a load problem, never an edit to
        commit, and a file deeper down is no store file.
        """
        if self.repo is None:
            return []
        paths = []
        store = Path(self.repo.relative(self.root))
        for _code, name in self.repo.changed_files(self.root):
            path = self.repo.top / name
            in_plan = name.endswith(".yaml") and Path(name).parent.parent == store
            if in_plan and not path.is_symlink() and (path.is_file() or not path.exists()):
                paths.append(path)
        return paths

    def pending_refs(self) -> set[str]:
        """Refs (``plan/id``) of the actions saved on disk but not committed."""
        return {str(Ref.of_path(path)) for path in self.pending_paths() if path.name != PLAN_FILE}

    def commit_pending(
        self, *, author: str | None = None, only: set[Path] | None = None
    ) -> list[SaveResult]:
        """Commit every pending edit, one commit per file, each message from HEAD vs disk.

        With ``only``, only those of these files. A file whose fields are as at
        HEAD has nothing to commit; a version of it
        staged in git's index meanwhile (neither HEAD's nor the disk's) is unstaged,
        so that it is not left pending for ever.
        """
        results = []
        for path in self.pending_paths():
            if only is not None and path not in only:
                continue
            with save_lock(path.parent):
                result = self._commit_file(path, str(Ref.of_path(path)), author)
                if not result.changes and result.commit is None and result.error is None:
                    self._unstage(path)
            results.append(result)
        return results

    def _unstage(self, path: Path) -> None:
        """Put ``path``'s index entry back to HEAD's (never inside a stopped merge or
        rebase, whose index holds its resolutions); the file is not touched."""
        repo = self.repo
        if repo is not None and repo.stopped_operation() is None:
            with contextlib.suppress(GitError):
                repo.run("reset", "--quiet", "--", repo.relative(path))


def parse_ref(ref: str) -> Ref:
    """``ref`` (``plan/id`` or a bare id) as a :class:`Ref`, for a command on the store.

    Raises:
        StoreError: ``ref`` is neither.
    """
    try:
        return Ref.parse(ref)
    except RefError as err:
        raise StoreError(str(err)) from None


def _write(path: Path, text: str) -> None:
    """:func:`write_atomically` for a save: a failure is one line, the file unchanged.

    Raises:
        StoreError: the file could not be written (a full disk, a read-only folder...).
    """
    try:
        write_atomically(path, text)
    except OSError as err:
        raise StoreError(
            f"{path}: could not be written ({err.strerror or err}): nothing was saved; "
            "free some disk space or check the folder's permissions, then save again"
        ) from None


def _canonical_rewrite(
    old_text: str | None, data: dict[str, Any], action: Action, path: Path
) -> str | None:
    """The text :func:`render_mapping` would write, without loading ruamel (~20 ms),
    when the file is new or holds exactly the canonical text of what it reads as (all
    files bvtui writes); None otherwise, and ruamel rewrites the file."""
    from bvtui.store.yaml_canonical import canonical_edit

    before = None
    if old_text is not None:
        try:
            read = read_mapping(old_text, str(path))
            before = action_to_mapping(action_from_mapping(action.plan, read, str(path), path.stem))
        except (YamlFileError, ValidationError):
            return None
    return canonical_edit(old_text, before, data, STORED_FIELDS)


def _check_reads_back(text: str, action: Action, path: Path) -> None:
    """Refuse to write ``text`` unless the store's reader gives ``action`` back exactly.

    The writer (ruamel, YAML 1.2) and the reader (libyaml, 1.1) agree on everything
    the property tests have found; this check makes sure a case they have not found
    can never corrupt a file: the save stops with the field named, nothing written.

    Raises:
        StoreError: a field would not read back as it was given.
    """
    try:
        back = action_from_mapping(action.plan, read_mapping(text, str(path)), str(path), action.id)
    except (YamlFileError, ValidationError) as err:
        raise StoreError(
            f"{path}: the saved file would not load ({err}); nothing was saved"
        ) from None
    mine, theirs = action_to_mapping(action), action_to_mapping(back)
    for key in mine:
        if mine[key] != theirs.get(key):
            raise StoreError(
                f"{path}: {key}: this value cannot be written so that it reads back the same; "
                "nothing was saved"
            )


_DAMAGED = (TypeError, KeyError, IndexError, AttributeError, ValueError)
"""What building from a damaged cache entry raises: the file is parsed instead."""


def _names_file(names: list[str], wanted: str) -> bool:
    """Whether ``names`` holds ``<wanted>.yaml`` in any case."""
    low = f"{wanted}.yaml".lower()
    return any(name.lower() == low for name in names)


def _plan_to_cache(plan: Plan) -> dict[str, Any]:
    """A validated plan as plain data for the parse cache (``as_of`` as ISO text)."""
    data = dict(vars(plan))
    data["as_of"] = plan.as_of.isoformat() if plan.as_of else None
    return data


def _plan_from_cache(slug: str, data: dict[str, Any]) -> Plan:
    as_of = data["as_of"]
    return Plan(**{**data, "slug": slug, "as_of": date.fromisoformat(as_of) if as_of else None})


def _action_to_cache(action: Action) -> tuple[Any, ...]:
    """A validated action as plain data: its fields' values in field order (plan and
    path left empty), each update's the same way.

    Tuples, not dicts: a load decodes each cached action on its own, and the field
    names a dict would repeat in every entry are interned strings, each looked up in
    the interpreter's table as it is decoded (~40% of the decoding)."""
    values = [*map(vars(action).get, _ACTION_FIELDS)]
    values[_PLAN], values[_PATH] = None, None
    values[_UPDATES] = [tuple(map(vars(update).get, _UPDATE_FIELDS)) for update in action.updates]
    return tuple(values)


def _hint(action: Action) -> tuple[str, str, tuple[str, ...]]:
    """What the cache keeps beside an action for :data:`Keep` to judge it undecoded
    (interned: the cache's index then holds each status, theme and officer once)."""
    intern = sys.intern
    return (intern(action.status), intern(action.theme), tuple(map(intern, action.officers)))


def _action_from_cache(plan: Plan, path: str, values: tuple[Any, ...]) -> Action:
    """An action rebuilt from the cache without validating again: it was, when cached.

    Its ``__dict__`` is built from the values directly, which is several times cheaper
    than the dataclass ``__init__``.
    """
    # Lengths are checked first and zip is called without ``strict=``: a keyword
    # argument takes zip's slow path, ~0.45 of the ~2.1 us this costs an action.
    if len(values) != len(_ACTION_FIELDS):
        raise ValueError("a cached action of another shape")
    data = dict(zip(_ACTION_FIELDS, values))  # noqa: B905
    updates = []
    for update_values in data["updates"]:
        if len(update_values) != len(_UPDATE_FIELDS):
            raise ValueError("a cached update of another shape")
        update = _new_update(Update)
        update.__dict__ = dict(zip(_UPDATE_FIELDS, update_values))  # noqa: B905
        updates.append(update)
    data["plan"] = plan
    data["path"] = path
    data["updates"] = updates
    action = _new_action(Action)
    action.__dict__ = data
    return action


def _id_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """The sort key of the id in file ``name`` (``<id>.yaml``)."""
    return natural_key(name.removesuffix(".yaml"))


_new_action = Action.__new__
_new_update = Update.__new__
_ACTION_FIELDS = tuple(field_.name for field_ in fields(Action))
_UPDATE_FIELDS = tuple(field_.name for field_ in fields(Update))
_PLAN, _PATH, _UPDATES = map(_ACTION_FIELDS.index, ("plan", "path", "updates"))


def _lenient_mapping(text: str, path: str) -> dict[str, Any]:
    """A file's mapping for describing a change; an unreadable version reads as empty."""
    try:
        return read_mapping(text, path)
    except YamlFileError:
        return {}


def _after_path(err: Exception, path: Path) -> str:
    """An error's message without the leading ``path:`` a :class:`Problem` adds again."""
    message = str(err)
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
