"""What a save writes: an action's text (bvtui's canonical layout when the file has
it, else a round trip keeping a person's comments, order and quoting), checked to read
back as the action, and written atomically: one file, or several put back together
when one write fails."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from bvtui.model import (
    STORED_FIELDS,
    Action,
    ValidationError,
    action_from_mapping,
    action_to_mapping,
)
from bvtui.store.safe_files import write_atomically
from bvtui.store.values import StoreError, digest
from bvtui.store.yaml_io import YamlFileError, read_mapping, render_mapping


def write_file(path: Path, text: str) -> None:
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


def write_all(prepared: list[tuple[Action, str, str | None]], paths: list[Path]) -> None:
    """Write each prepared text that differs from its file, and record the action's
    new digest and path; when one write fails, the files already written get their
    old text back, so that nothing is changed.

    Raises:
        StoreError: a file could not be written.
    """
    written: list[tuple[Path, str | None]] = []
    for (action, text, old_text), path in zip(prepared, paths, strict=True):
        if text != old_text:
            try:
                write_file(path, text)
            except StoreError:
                for done, before in reversed(written):
                    with contextlib.suppress(OSError):
                        if before is None:
                            done.unlink()
                        else:
                            write_atomically(done, before)
                raise
            written.append((path, old_text))
        action.digest = digest(text.encode("utf-8"))
        action.path = str(path)


def render_action(old_text: str | None, action: Action, path: Path) -> str:
    """The text a save of ``action`` writes over ``old_text`` (None: a new file): the
    canonical layout when the file has it, else a round trip keeping comments and order.

    Raises:
        StoreError: a field would not read back as it was given.
    """
    data = action_to_mapping(action)
    text = _canonical_rewrite(old_text, data, action, path)
    if text is None:
        text = render_mapping(old_text, data, STORED_FIELDS)
    _check_reads_back(text, action, path)
    return text


def _canonical_rewrite(
    old_text: str | None, data: dict[str, Any], action: Action, path: Path
) -> str | None:
    """The text :func:`render_mapping` would write, without loading ruamel,
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


def lenient_mapping(text: str, path: str) -> dict[str, Any]:
    """A file's mapping for describing a change; an unreadable version reads as empty."""
    try:
        return read_mapping(text, path)
    except YamlFileError:
        return {}
