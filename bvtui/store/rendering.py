"""What a save writes: an action's text (bvtui's canonical layout when the file has
it, else a round trip keeping a person's comments, order and quoting), checked to read
back as the action, and written atomically: one file, or several put back together
when one write fails. Each version of a file is parsed at most once (:class:`Parsed`):
the text written is read back once, and that reading is also the new side of the
commit message."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from bvtui.model import (
    STORED_FIELDS,
    Action,
    Plan,
    ValidationError,
    action_from_mapping,
    action_to_mapping,
)
from bvtui.store.safe_files import write_atomically
from bvtui.store.values import StoreError, digest
from bvtui.store.yaml_io import YamlFileError, read_mapping, render_mapping


class Parsed:
    """One version of a file (its bytes, None when there is none), parsed at most once:
    the save path reads each text once, whatever asks for it."""

    def __init__(self, raw: bytes | None, path: Path, errors: str = "strict") -> None:
        self.raw, self.path, self._errors = raw, path, errors
        self._mapping: dict[str, Any] | None = None
        self._error: YamlFileError | None = None

    @property
    def text(self) -> str | None:
        """The bytes as text (UTF-8; with ``errors="replace"``, never refused).

        Raises:
            UnicodeDecodeError: the bytes are not UTF-8 (``errors="strict"``).
        """
        return None if self.raw is None else self.raw.decode("utf-8", self._errors)

    def mapping(self) -> dict[str, Any] | None:
        """The file's mapping (None when there is no file).

        Raises:
            YamlFileError: the text is not a YAML mapping (raised again when asked again).
        """
        text = self.text
        if text is None:
            return None
        if self._mapping is None and self._error is None:
            try:
                self._mapping = read_mapping(text, str(self.path))
            except YamlFileError as err:
                self._error = err
        if self._error is not None:
            raise self._error
        return self._mapping

    def lenient(self) -> dict[str, Any] | None:
        """The mapping for describing a change: an unreadable version reads as empty."""
        try:
            return self.mapping()
        except YamlFileError:
            return {}

    def action(self, plan: Plan) -> Action:
        """The action this version holds, as the store reads it (for re-applying an edit
        on a file that changed on disk).

        Raises:
            StoreError: the file no longer loads (file, line and reason).
        """
        try:
            read = self.mapping()
            assert read is not None, "only a file on disk is read back as an action"
            action = action_from_mapping(plan, read, str(self.path), self.path.stem)
        except (YamlFileError, ValidationError) as err:
            raise StoreError(str(err)) from None
        action.digest = digest(self.raw or b"")
        return action


def render(old: Parsed, action: Action, path: Path) -> tuple[str, Parsed]:
    """The text a save of ``action`` writes over ``old`` (its ``raw`` None: a new file):
    the canonical layout when the file has it, else a round trip keeping comments and
    order; and that text, parsed (it reads back as ``action``).

    Raises:
        StoreError: a field would not read back as it was given.
    """
    data = action_to_mapping(action)
    text = _canonical_rewrite(old, data, action, path)
    if text is None:
        text = render_mapping(old.text, data, STORED_FIELDS)
    return text, _read_back(text, action, path)


def render_action(old_text: str | None, action: Action, path: Path) -> str:
    """:func:`render` of a file's text (a proposal writes it into a branch, not here).

    Raises:
        StoreError: a field would not read back as it was given.
    """
    raw = None if old_text is None else old_text.encode("utf-8")
    return render(Parsed(raw, path), action, path)[0]


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


Prepared = tuple[Action, str, Parsed, Parsed]
"""An action to save, the text to write, its file as it is and that text parsed."""


def write_all(prepared: list[Prepared], paths: list[Path]) -> None:
    """Write each prepared text that differs from its file, and record the action's
    new digest and path; when one write fails, the files already written get their
    old text back, so that nothing is changed.

    Raises:
        StoreError: a file could not be written.
    """
    written: list[tuple[Path, bytes | None]] = []
    for (action, text, old, new), path in zip(prepared, paths, strict=True):
        if text != old.text:
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
            written.append((path, old.raw))
        action.digest = digest(new.raw or b"")
        action.path = str(path)


def _canonical_rewrite(old: Parsed, data: dict[str, Any], action: Action, path: Path) -> str | None:
    """The text :func:`render_mapping` would write, without loading ruamel,
    when the file is new or holds exactly the canonical text of what it reads as (all
    files bvtui writes); None otherwise, and ruamel rewrites the file."""
    from bvtui.store.yaml_canonical import canonical_edit

    before = None
    if old.text is not None:
        try:
            read = old.mapping()
            assert read is not None
            before = action_to_mapping(action_from_mapping(action.plan, read, str(path), path.stem))
        except (YamlFileError, ValidationError):
            return None
    return canonical_edit(old.text, before, data, STORED_FIELDS)


def _read_back(text: str, action: Action, path: Path) -> Parsed:
    """``text``, parsed; refused unless the store's reader gives ``action`` back exactly.

    The writer (ruamel, YAML 1.2) and the reader (libyaml, 1.1) agree on everything
    the property tests have found; this check makes sure a case they have not found
    can never corrupt a file: the save stops with the field named, nothing written.
    The mapping read is the new side of the commit message.

    Raises:
        StoreError: a field would not read back as it was given.
    """
    written = Parsed(text.encode("utf-8"), path)
    try:
        read = written.mapping()
        assert read is not None
        back = action_from_mapping(action.plan, read, str(path), action.id)
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
    return written
