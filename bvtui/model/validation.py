"""The error every rule of the store fails with (:mod:`bvtui.model.schema` holds the
rules): one line naming the file, the field and the value.

Kept apart from the rules so that a command that only reports such an error (every
command's error handler, :mod:`bvtui.cli.errors`) need not import them.
"""

from __future__ import annotations

from typing import Any


class ValidationError(ValueError):
    """A value that breaks a rule of the store; the message names file, field and value."""

    def __init__(self, path: str, field: str, value: Any, reason: str) -> None:
        self.path, self.field, self.value, self.reason = path, field, value, reason
        shown = _show(value)
        super().__init__(f"{path}: {field}: {shown} {reason}")


def _show(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    if len(text) > 60:
        text = text[:57] + "..."
    return repr(text)
