"""The store: a folder of plans in a git work tree, loaded, edited and saved as commits.

Layout: ``<store>/<plan-slug>/plan.yaml`` and one ``<action-id>.yaml`` per action. A
file that does not load is reported as a :class:`Problem` and the rest still loads.
Saving writes the file atomically and commits exactly that file; when the commit
cannot be made, the edit stays on disk and is reported as pending until a later save
or :meth:`Store.commit_pending` records it (the save side is
:mod:`bvtui.store.saving`; the parse cache's form of plans and actions
:mod:`bvtui.store.cached`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bvtui.git import Repo
from bvtui.model import (
    PLAN_FILE,
    Action,
    ActionExcerpt,
    Plan,
    ValidationError,
    action_from_mapping,
    check_id,
    fold,
    one_line,
    plan_from_mapping,
)
from bvtui.store.cached import (
    DAMAGED,
    action_from_cache,
    action_to_cache,
    excerpt_to_cache,
    excerpts_of,
    names_in_order,
    passed_first,
    plan_from_cache,
    plan_to_cache,
    what_actions_depend_on,
)
from bvtui.store.finding import Finding
from bvtui.store.on_demand import ActionsOnDemand, Encoded, stand_in
from bvtui.store.parse_cache import MISS, ParseCache, cache_path
from bvtui.store.regular_file import RefusedFile
from bvtui.store.saving import Saving
from bvtui.store.search_texts import FolderTexts
from bvtui.store.sources import (
    Progress,
    ReadProgress,
    RevisionFiles,
    StoreFiles,
    WorkTreeFiles,
)
from bvtui.store.values import Problem, StoreError, digest, locate_store, parse_ref
from bvtui.store.yaml_io import YamlFileError, read_mapping

if TYPE_CHECKING:  # a filter is given by the commands that filter: a set never imports it
    from bvtui.model import Filter

Loaded = tuple[ActionExcerpt, Action | Encoded]
"""An action loaded (or kept encoded, to decode on demand), with its excerpt."""


class Store(Finding, Saving):
    """All plans and actions of a store folder, and the git repository around it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._reading: ReadProgress | None = None
        self.files: StoreFiles = WorkTreeFiles(self.root)
        self.revision: str | None = None
        """The commit the store was read at (``--at REV``): None for the work tree."""
        self.plans: dict[str, Plan] = {}
        self._loaded = ActionsOnDemand(self._reread_at)
        self.excerpts: list[ActionExcerpt] = []
        """The excerpt of each of :attr:`actions`: ``excerpts[i]`` is that of ``actions[i]``
        (without search texts after a filtered load that does not search)."""
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
        only: Filter | None = None,
        plans: frozenset[str] | None = None,
        progress: Progress | None = None,
        on_demand: bool = False,
    ) -> Store:
        """Load the store at ``root`` (see :func:`locate_store`).

        With ``only``, :attr:`actions` holds the actions that filter keeps, judged on
        the excerpts the parse cache keeps: an action it refuses is never decoded (a
        listing of a few thousand out of 100,000 builds only those). Problems are
        those of every file.
        With ``plans``, only the folders of those plans (any case, as ``--plan``
        matches) are read, their files parsed without the parse cache (whose index
        covers the whole store): a report of one plan costs what that plan costs, and
        :attr:`problems` only covers its files.
        ``progress`` is told how far the load is when it parses many files (see
        :class:`~bvtui.store.sources.ReadProgress`): a store nobody has opened yet.
        With ``on_demand`` (the app's load of every action), an action the parse cache
        holds is built the first time :attr:`actions` gives it: the excerpts are what
        a listing and its filters read.

        Raises:
            StoreError: the folder does not exist.
        """
        store = cls(locate_store(root))
        if not store.root.is_dir():
            raise StoreError(f"{store.root}: no such store folder (bvtui init {store.root})")
        store._load(None, only=only, plans=plans, progress=progress, on_demand=on_demand)
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
        cls,
        root: str | os.PathLike[str] | None,
        rev: str,
        *,
        only: Filter | None = None,
        plans: frozenset[str] | None = None,
    ) -> Store:
        """The store as it was at git revision ``rev`` (a tag, a commit...), read-only;
        with ``only`` and ``plans``, only those actions and plans (see :meth:`open`).

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
        store._load(None, plans=plans, only=only)
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
        only: Filter | None = None,
        progress: Progress | None = None,
        on_demand: bool = False,
    ) -> None:
        """Load every action, or with ``wanted`` only files named ``<wanted>.yaml``
        (in any case), with ``plans`` only the folders of those plans (any case), and
        with ``only`` only the actions that filter keeps; ``on_demand``: see :meth:`open`."""
        self.plans, self.excerpts, self.problems = {}, [], []
        self._loaded = ActionsOnDemand(self._reread_at)
        add = self._loaded.add
        test = None if only is None or only.is_empty else only.judge()
        # the search texts are read for a search, and for a load of every excerpt (no
        # filter given: the app's, which searches later)
        searching = only is None or bool(fold(only.search))
        # Folders come sorted by name (= plan slug) and each folder's actions in id
        # order, so the actions need no sort across the store.
        # a load of one ref, or of a few plans, parses their files: the cache's index
        # covers the whole store (unmarshalling it costs what the store costs), and it
        # keeps only what a run used, so saving a few plans' worth would evict every
        # other plan's entries
        whole = wanted is None and plans is None
        cache = ParseCache.open(self._cache_path() if whole else None)
        folders = self.files.folders()
        named = None if plans is None else {fold(name) for name in plans}
        self._reading = None
        if progress is not None:
            total = sum(len(self.files.names(folder)) for folder in folders)
            self._reading = ReadProgress(progress, total)
        for folder in folders:
            if named is not None and fold(folder) not in named:
                continue
            names = self.files.names(folder)
            if wanted is not None and not _names_file(names, wanted):
                continue
            loaded = self._load_plan(folder, names, cache)
            if loaded is None:
                continue
            self.plans[loaded.slug] = loaded
            for excerpt, action in self._load_actions(
                loaded, folder, names, cache, wanted, test, searching, on_demand, only
            ):
                self.excerpts.append(excerpt)
                add(action)
        if self._reading is not None:
            self._reading.finish()
        cache.save()
        if whole and isinstance(self.files, WorkTreeFiles) and self.repo is not None:
            # what the app or a listing opens is what `bvtui log` reads next: a clone
            # or a `git gc` leaves git's graph without changed-path filters, so their
            # write starts now, in the background, not at the first history shown
            self.repo.complete_commit_graph()

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
                    return plan_from_cache(folder, cached)
                except DAMAGED:
                    cache.drop(key)
            data = read_mapping(self.files.read(folder, PLAN_FILE).decode("utf-8"), str(path))
            plan = plan_from_mapping(folder, data, str(path))
            cache.put(key, fingerprint, plan_to_cache(plan))
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
        test: Callable[[ActionExcerpt], bool] | None = None,
        searching: bool = True,
        on_demand: bool = False,
        only: Filter | None = None,
    ) -> list[Loaded]:
        """The plan's actions in id order, each with its excerpt; of two files whose ids
        differ only in case, the first in file-name order wins and the other is a
        problem. With ``test`` (``only``'s judgement), only the actions whose excerpt
        it passes: a cached action ``only`` refuses on its index entry has no excerpt
        built, and one refused on its excerpt is never decoded. Without ``searching``,
        the excerpts have no search text (the cache's are not read). With
        ``on_demand``, a cached action is kept as its checked bytes (:class:`Encoded`),
        decoded when first read."""
        if wanted is not None:  # one ref's files: the rest of the folder is never sorted
            listed = [name for name in listed if _names_file([name], wanted)]
        # An id equals its file name (validated), so twins are names equal but for case;
        # which one wins depends on which load, so then every action is built first.
        names, id_rank, twins = names_in_order(folder, listed, cache)
        early = None if twins else test
        on_demand = on_demand and not twins  # twins are told apart on built actions
        prefix = f"{self.root / folder}{os.sep}"
        stamps = self.files.fingerprints(folder, names)
        # Validating a status looked at the plan's statuses, and an excerpt holds what
        # the plan says of the action (its RAG, its officers' canonical names): the
        # folder's actions were cached under the plan they were read with, and are
        # parsed again when that has changed since.
        plan_key, read_with = f"{folder}/:plan", what_actions_depend_on(plan)
        stale = cache.get(plan_key, read_with) is None
        if stale:
            cache.put(plan_key, read_with, True)
        hints = cache.folder_hints(folder, names, stamps, stale)
        texts = FolderTexts(cache, folder, stamps, searching)
        rest = early  # what a cached action's excerpt is judged on
        if early is not None and only is not None and not searching:
            # the index's entries judged first: most of a large store is refused there,
            # and what passes is judged on its excerpt only on the fields left
            names, stamps, hints, rest = passed_first(only, plan, names, stamps, hints)
        keys = [f"{folder}/{name}" for name in names]
        excerpt_of = excerpts_of(plan)
        loaded: list[Loaded] = []
        for name, key, stamp, hint in zip(names, keys, stamps, hints, strict=True):
            action, excerpt, path = None, None, prefix + name
            judge = rest
            if hint is MISS and cache.unsure(key):  # cached while racy: its content decides
                hint, judge = self._confirm(folder, name, key, stamp, cache), early
            if hint is not MISS:
                try:
                    search = texts.get(name) if searching else ""
                    if search is None:  # the folder's texts are not cached: from the action
                        action = action_from_cache(plan, path, cache.value(key))
                        search = action.search_text()
                    excerpt = excerpt_of(hint, search)
                    if searching:
                        texts.note(name, search)
                    if judge is not None and not judge(excerpt):
                        continue  # refused on its excerpt: its value is never decoded
                    if action is None and on_demand:
                        data = cache.raw(key)
                        if data is None:
                            raise ValueError(key)  # failed its checksum: parsed
                        loaded.append((excerpt, Encoded(plan, path, data)))
                        continue
                    if action is None:
                        action = action_from_cache(plan, path, cache.value(key))
                except DAMAGED:  # not cached after all (None), or a damaged entry: parsed
                    cache.drop(key)
                    action = None
            if action is None or excerpt is None:
                if self._reading is not None:
                    self._reading.parse()
                parsed = self._parse_action(plan, folder, name, path)
                if parsed is None:
                    continue
                action, excerpt = parsed, parsed.excerpt(searching)
                cache.put(
                    key,
                    stamp,
                    action_to_cache(action),
                    excerpt_to_cache(excerpt),
                    action.digest.encode(),
                )
                if searching:
                    texts.note(name, excerpt.search)
                if early is not None and not early(excerpt):
                    continue
            loaded.append((excerpt, action))
        texts.save()
        if twins:
            loaded = self._drop_twins(loaded)
            if test is not None:
                loaded = [pair for pair in loaded if test(pair[0])]
        if id_rank is not None:  # id order differs from file-name order
            loaded.sort(key=lambda pair: id_rank[f"{pair[0].ref.id}.yaml"])
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

    def _drop_twins(self, actions: list[Loaded]) -> list[Loaded]:
        """``actions`` (in file-name order) without those whose id differs from an
        earlier one's only in case: each of those is a problem."""
        seen: dict[str, str] = {}
        kept = []
        for pair in actions:
            action = pair[1]
            assert isinstance(action, Action)  # built: no load keeps twins encoded
            low = action.id.lower()
            twin = seen.get(low)
            if twin is not None:
                self.problems.append(
                    Problem(action.path, f"id: {action.id!r} is also the id of {twin}")
                )
                continue
            seen[low] = f"{action.id}.yaml"
            kept.append(pair)
        return kept

    def _parse_action(self, plan: Plan, folder: str, name: str, path: str) -> Action | None:
        """The action in file ``name`` of ``folder`` (at ``path``), parsed and validated;
        None (a problem) if it fails."""
        try:
            return self._read_in(plan, folder, name, path)
        except YamlFileError as err:
            self.problems.append(Problem(path, err.reason, err.line))
        except (ValidationError, UnicodeDecodeError, RefusedFile) as err:
            self.problems.append(Problem(path, _after_path(err, Path(path))))
        except FileNotFoundError:
            self.problems.append(Problem(path, "removed while the store was read"))
        return None

    def _read_action(self, plan: Plan, path: Path) -> Action:
        return self._read_in(plan, path.parent.name, path.name, str(path))

    def _read_in(self, plan: Plan, folder: str, name: str, path: str) -> Action:
        """The action in ``<folder>/<name>.yaml`` (at ``path``), without a path object
        made per file: a first load reads every file of the store."""
        raw = self.files.read(folder, name)
        data = read_mapping(raw.decode("utf-8"), path)
        action = action_from_mapping(plan, data, path, name.removesuffix(".yaml"))
        action.digest = digest(raw)
        return action

    def _reread_at(self, index: int, encoded: Encoded) -> Action:
        """The action at ``index`` of an ``on_demand`` load whose cached bytes did not
        decode: its file parsed now, else (changed since) as its excerpt says."""
        ref = self.excerpts[index].ref
        parsed = self._parse_action(encoded.plan, ref.plan, f"{ref.id}.yaml", encoded.path)
        return parsed or stand_in(encoded, self.excerpts[index])

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


def _names_file(names: list[str], wanted: str) -> bool:
    """Whether ``names`` holds ``<wanted>.yaml`` in any case."""
    low = f"{wanted}.yaml".lower()
    return any(name.lower() == low for name in names)


def _after_path(err: Exception, path: Path) -> str:
    """An error's message without the leading ``path:`` a :class:`Problem` adds again."""
    message = str(err)
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
