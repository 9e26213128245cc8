"""Evidence: a file copied under ``<plan>/evidence/<id>/`` and recorded in its action.

:func:`attach_evidence` copies the file (through the one atomic writer), records it in
the action's ``evidence:`` list with git's blob id of its bytes, and commits both in
one commit through the one save path (:meth:`Store.save_action` with ``also``). The
store's loader reads only ``*.yaml`` files directly in a plan folder, so nothing under
the evidence folder is ever read as an action.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bvtui.git import GitError
from bvtui.model import EVIDENCE_FOLDER, Action, Evidence, ValidationError, check_evidence_name
from bvtui.store.regular_file import RefusedFile, read_regular_file
from bvtui.store.safe_files import write_atomically
from bvtui.store.values import SaveResult, StoreError

if TYPE_CHECKING:
    from bvtui.store.store import Store

MAX_EVIDENCE_BYTES = 25_000_000
"""The largest file attached as evidence (what an e-mail carries): minutes, a signed
letter, a spreadsheet, a photo; not a video."""


def evidence_path(store: Store, action: Action, name: str) -> Path:
    """Where evidence file ``name`` of ``action`` lives: ``<plan>/evidence/<id>/<name>``."""
    return store.root / action.plan.slug / EVIDENCE_FOLDER / action.id / name


def attach_evidence(
    store: Store,
    action: Action,
    source: Path,
    *,
    author: str | None = None,
    today: date | None = None,
) -> SaveResult:
    """Copy ``source`` into ``action``'s evidence folder and commit it with the action,
    whose ``evidence:`` list records its name, blob id and the day (one commit).

    Attaching the same bytes again changes nothing.

    Raises:
        StoreError: ``source`` is a symbolic link, not a regular file, larger than
            :data:`MAX_EVIDENCE_BYTES`, or its name is not a plain file name; another
            file of that name is already attached; the store is in no git repository
            (a blob id needs git). Nothing is written then.
    """
    if store.repo is None:
        raise StoreError(f"{store.root}: not in a git repository, so evidence cannot be committed")
    try:
        name = check_evidence_name(source.name, str(source), "file name")
        data = read_regular_file(source, MAX_EVIDENCE_BYTES)
    except FileNotFoundError:
        raise StoreError(f"{source}: no such file; nothing attached") from None
    except (RefusedFile, ValidationError) as err:
        raise StoreError(f"{err}; nothing attached") from None
    target = evidence_path(store, action, name)
    blob = _blob_id(store, target, data)
    known = next((item for item in action.evidence if item.file == name), None)
    if known is not None and known.blob == blob:
        return SaveResult(ref=action.ref, path=store.action_path(action))
    if known is not None or (target.exists() and not _holds(target, data)):
        raise StoreError(
            f"{target}: another file of that name is already attached to {action.ref}; "
            "rename the new one and attach it again"
        )
    item = Evidence(file=name, blob=blob, added=(today or date.today()).isoformat())

    def with_item(current: Action) -> Action:
        new = current.copy()
        new.evidence = [*(old for old in current.evidence if old.file != name), item]
        return new

    written = not target.exists()
    try:
        write_atomically(target, data)
    except OSError as err:
        raise StoreError(
            f"{target}: could not be written ({err.strerror or err}); nothing attached"
        ) from None
    try:
        return store.save_action(with_item(action), author=author, reapply=with_item, also=[target])
    except BaseException:
        if written:  # the save refused: the copy goes too, so nothing is left behind
            target.unlink(missing_ok=True)
        raise


def _blob_id(store: Store, target: Path, data: bytes) -> str:
    """git's id of ``data`` committed as ``target`` (through the same attributes'
    filters; computed, nothing written)."""
    repo = store.repo
    assert repo is not None
    where = f"--path={repo.relative(target)}"
    try:
        return (
            repo.run("hash-object", where, "--stdin", input=data, text=False)
            .stdout.decode()
            .strip()
        )
    except GitError as err:
        raise StoreError(f"{store.root}: {err}; nothing attached") from None


def _holds(path: Path, data: bytes) -> bool:
    try:
        return read_regular_file(path, MAX_EVIDENCE_BYTES) == data
    except (OSError, RefusedFile):
        return False
