"""The user's settings for the app (today: the theme), kept between runs.

One small JSON file in ``$XDG_CONFIG_HOME/bvtui/settings.json`` (``~/.config`` when
unset), never inside a store: a theme is the user's, not the plan's. The file is
checked before it is trusted: anything unreadable, malformed or naming a theme this
Textual does not have is ignored, and the app starts with its default.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from pathlib import Path

from bvtui.store import write_atomically


def settings_path() -> Path:
    """Where the settings live: ``$XDG_CONFIG_HOME/bvtui/settings.json``."""
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".config"
    return root / "bvtui" / "settings.json"


def _read() -> dict[str, object]:
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def saved_theme(available: Collection[str]) -> str | None:
    """The theme saved last time, when it is one of ``available``; else None."""
    theme = _read().get("theme")
    return theme if isinstance(theme, str) and theme in available else None


def save_theme(theme: str) -> str | None:
    """Remember ``theme``; the reason in one line when it cannot be written, else None."""
    settings = _read()
    if settings.get("theme") == theme:
        return None
    settings["theme"] = theme
    path = settings_path()
    try:
        write_atomically(path, json.dumps(settings, indent=2, ensure_ascii=False) + "\n")
    except OSError as err:
        return f"{path}: the theme could not be saved ({err.strerror or err})"
    return None
