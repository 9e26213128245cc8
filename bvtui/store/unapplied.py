"""Edits kept aside by "keep both": what the user typed, never in the store's files.

When an action's file changed on disk while it was being edited, "keep both" leaves
the file as it is and keeps the user's edit here, in the clone's own git directory
(``<git-dir>/bvtui/unapplied/<plan>/<id>.json``): nothing is committed, pushed or
printed in a report. The edit screen offers it again when the action is next opened;
a save of the re-applied edit removes it. bvtui reads back only what it wrote: any
other content is refused with the reason, never trusted.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from bvtui.model import EDITABLE_FIELDS, Action
from bvtui.store.safe_files import write_atomically
from bvtui.store.store import Store, parse_ref
from bvtui.store.values import StoreError

FORMAT = 1
"""The version of the file's layout; bump it when the layout changes."""


class UnappliedEditError(StoreError):
    """A kept edit that cannot be read back as bvtui wrote it (file and reason)."""


@dataclass(frozen=True)
class UnappliedEdit:
    """One action's edit that was not applied, as the user typed it."""

    ref: str
    """The action, ``plan/id``."""
    values: dict[str, str] = field(default_factory=dict)
    """Each changed field's typed text."""
    was: dict[str, str] = field(default_factory=dict)
    """Each changed field's text when the user opened the action."""
    update: str = ""
    """The new update's text ("" when none was typed)."""
    period: str = ""
    """The new update's period."""
    kept_on: str = ""
    """The day the edit was kept aside (ISO date)."""

    def changes(self) -> list[str]:
        """``progress: 20 -> 65`` for each changed field."""
        return [
            f"{name}: {self.was.get(name, '') or '(empty)'} -> {value or '(empty)'}"
            for name, value in self.values.items()
        ]

    def describe(self) -> str:
        """The edit in a few plain lines: the field changes, then the update's text."""
        lines = self.changes()
        if self.update.strip():
            lines.append(f"update ({self.period}): {self.update.strip()}")
        return "\n".join(lines) or "(no change)"


def unapplied_path(store: Store, ref: str) -> Path:
    """Where the edit of ``ref`` is kept aside.

    Raises:
        StoreError: the store is not in a git repository (nothing can be kept there).
    """
    if store.repo is None:
        raise StoreError(f"{store.root}: not in a git repository: no place to keep an edit")
    wanted = parse_ref(ref)
    return store.repo.git_dir / "bvtui" / "unapplied" / wanted.plan / f"{wanted.id}.json"


def keep_unapplied(store: Store, edit: UnappliedEdit) -> Path:
    """Write ``edit`` aside (replacing any kept before for that action); its path."""
    path = unapplied_path(store, edit.ref)
    record = {"format": FORMAT, **asdict(edit)}
    if not record["kept_on"]:
        record["kept_on"] = date.today().isoformat()
    write_atomically(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
    return path


def read_unapplied(store: Store, action: Action) -> UnappliedEdit | None:
    """The edit kept aside for ``action``, or None.

    Raises:
        UnappliedEditError: the file is not one bvtui wrote for this action.
    """
    path = unapplied_path(store, action.ref)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UnappliedEditError(f"{path}: kept edit cannot be read: {err}") from None
    try:
        return _checked(json.loads(text), action.ref)
    except (ValueError, TypeError) as err:
        raise UnappliedEditError(
            f"{path}: not a kept edit bvtui wrote ({err}); delete the file to clear it"
        ) from None


def _checked(record: object, ref: str) -> UnappliedEdit:
    """``record`` as an :class:`UnappliedEdit`, each key and type checked."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f"format is not {FORMAT}")
    if record.get("ref") != ref:
        raise ValueError(f"ref is {record.get('ref')!r}, not {ref!r}")
    for name in ("values", "was"):
        mapping = record.get(name)
        if not isinstance(mapping, dict) or not all(
            key in EDITABLE_FIELDS and isinstance(value, str) for key, value in mapping.items()
        ):
            raise ValueError(f"{name} is not a mapping of field names to text")
    for name in ("update", "period", "kept_on"):
        if not isinstance(record.get(name), str):
            raise ValueError(f"{name} is not text")
    date.fromisoformat(record["kept_on"])
    return UnappliedEdit(
        ref,
        dict(record["values"]),
        dict(record["was"]),
        record["update"],
        record["period"],
        record["kept_on"],
    )


def drop_unapplied(store: Store, ref: str) -> None:
    """Forget the edit kept aside for ``ref`` (nothing when there is none)."""
    unapplied_path(store, ref).unlink(missing_ok=True)
