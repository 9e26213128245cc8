"""Saved views: a named filter, sort and set of columns, shared by everyone on the store.

Views live in the store's repository, in ``<store>/.bvtui/views.yaml``, and each save
is a commit: a chair's "red-property" view then opens the same on the officer's
laptop, the meeting room's machine and after a fresh clone (``bvtui --view
red-property``), travels with ``bvtui sync``, and who changed it is in the log. A
per-user file would keep views apart from the plan they are views of. The folder is
hidden, so the store never takes it for a plan.

The file can be edited by hand, so it is checked before it is trusted: a view with a
bad name, an unknown field, column or sort, or a value of the wrong kind is left out
and reported in one line naming the file, the view and the value; the others load.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from bvtui.git import GitError, Repo
from bvtui.model import Filter
from bvtui.store.regular_file import RefusedFile, read_regular_file
from bvtui.store.safe_files import write_atomically
from bvtui.store.values import Problem
from bvtui.store.yaml_io import YamlFileError, read_mapping

VIEWS_FILE = Path(".bvtui") / "views.yaml"
"""Where a store keeps its views, relative to the store folder."""

COLUMNS = ("ref", "title", "theme", "officer", "due", "status", "progress", "marks")
"""The columns a view can show or sort by (the app's table columns)."""

FILTER_LISTS = ("plans", "themes", "officers", "statuses", "rags")
FILTER_FLAGS = ("overdue", "due_update")
RAGS = frozenset({"red", "amber", "green", "blue", "grey"})

HEADER = (
    "# bvtui's saved views: a named filter, sort and columns.\n"
    "# Open one with `bvtui --view NAME` or keys 1-9 in the app; `v` saves the current one.\n"
)


@dataclass(frozen=True)
class View:
    """What the table shows: its filter, its sort and its columns."""

    name: str
    filter: Filter = field(default_factory=Filter)
    sort: str | None = None
    """The column the rows are sorted by (None: the store's order)."""
    reverse: bool = False
    columns: tuple[str, ...] = ()
    """The columns shown, in order (empty: the table's default)."""

    def to_mapping(self) -> dict[str, Any]:
        wanted: dict[str, Any] = {}
        for name in FILTER_LISTS:
            values = getattr(self.filter, name)
            if values:
                wanted[name] = sorted(values)
        for name in FILTER_FLAGS:
            if getattr(self.filter, name):
                wanted[name] = True
        if self.filter.search.strip():
            wanted["search"] = self.filter.search
        data: dict[str, Any] = {"name": self.name, "filter": wanted}
        if self.sort:
            data["sort"] = self.sort
            data["reverse"] = self.reverse
        if self.columns:
            data["columns"] = list(self.columns)
        return data


class ViewError(ValueError):
    """A view that cannot be saved or opened; the message is one line."""


def check_view_name(name: str) -> str:
    """``name`` stripped, when it can name a view on the command line; else ViewError."""
    name = name.strip()
    if not name or not all(c.isalnum() or c in "-_." for c in name) or name[0] in "-.":
        raise ViewError(
            f"{name!r}: a view's name is letters, digits, - _ and . (e.g. red-property)"
        )
    return name


def views_path(root: Path) -> Path:
    return root / VIEWS_FILE


def read_views(root: Path) -> tuple[list[View], list[Problem]]:
    """The views of the store at ``root`` in file order, and what was wrong in the file."""
    path = views_path(root)
    try:
        data = read_mapping(read_regular_file(path).decode("utf-8"), str(path))
    except FileNotFoundError:
        return [], []
    except YamlFileError as err:
        return [], [Problem(str(path), err.reason, err.line)]
    except (RefusedFile, UnicodeDecodeError, OSError) as err:
        return [], [Problem(str(path), " ".join(str(err).split()))]
    entries = data.get("views", [])
    if not isinstance(entries, list):
        return [], [Problem(str(path), f"views: a list of views, not {entries!r}")]
    views: list[View] = []
    problems: list[Problem] = []
    for number, entry in enumerate(entries, start=1):
        try:
            view = _view(entry)
            if any(view.name == other.name for other in views):
                raise ViewError(f"{view.name!r} is named twice; the first is kept")
        except ViewError as err:
            problems.append(Problem(str(path), f"view {number}: {err}"))
            continue
        views.append(view)
    return views, problems


def _view(entry: object) -> View:
    if not isinstance(entry, dict):
        raise ViewError(f"{entry!r}: a view is a mapping with a name")
    unknown = set(entry) - {"name", "filter", "sort", "reverse", "columns"}
    if unknown:
        raise ViewError(f"{sorted(unknown)[0]!r}: not a field of a view")
    name = entry.get("name")
    if not isinstance(name, str):
        raise ViewError(f"name {name!r}: a view needs a name")
    name = check_view_name(name)
    wanted = entry.get("filter") or {}
    if not isinstance(wanted, dict):
        raise ViewError(f"{name}: filter {wanted!r}: a mapping of filter: values")
    sort = entry.get("sort")
    if sort is not None and sort not in COLUMNS:
        raise ViewError(f"{name}: sort {sort!r}: not a column ({', '.join(COLUMNS)})")
    reverse = _flag(name, "reverse", entry.get("reverse", False))
    columns = entry.get("columns") or []
    if not isinstance(columns, list) or not all(c in COLUMNS for c in columns):
        raise ViewError(f"{name}: columns {columns!r}: a list of {', '.join(COLUMNS)}")
    return View(name, _filter(name, wanted), sort, reverse, tuple(dict.fromkeys(columns)))


def _filter(name: str, wanted: dict[str, Any]) -> Filter:
    known = {f.name for f in fields(Filter)} - {"as_of"}
    changes: dict[str, Any] = {}
    for key, value in wanted.items():
        if key not in known:
            raise ViewError(f"{name}: filter {key!r}: not a filter ({', '.join(sorted(known))})")
        if key in FILTER_LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ViewError(f"{name}: filter {key} {value!r}: a list of words")
            if key == "rags" and not set(value) <= RAGS:
                raise ViewError(f"{name}: filter rags {value!r}: {', '.join(sorted(RAGS))}")
            changes[key] = frozenset(value)
        elif key in FILTER_FLAGS:
            changes[key] = _flag(name, f"filter {key}", value)
        elif not isinstance(value, str):
            raise ViewError(f"{name}: filter {key} {value!r}: a text")
        else:
            changes[key] = value
    return Filter(**changes)


def _flag(name: str, what: str, value: object) -> bool:
    """A yes/no field: the store's reader gives every scalar as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ViewError(f"{name}: {what} {value!r}: true or false")


def save_view(root: Path, view: View, author: str | None = None) -> str | None:
    """Add ``view`` to the store's views (replacing one of the same name, in its place)
    and commit the file; the commit's sha, or None when the view was saved already as
    it is (nothing to commit).

    Raises:
        ViewError: the views file cannot be read or written, or git cannot commit it
            (the file is then written but not committed; the next save commits both).
    """
    views, problems = read_views(root)
    if problems:  # rewriting the file would drop what could not be read
        raise ViewError(f"{problems[0]}; fix the file before saving a view")
    check_view_name(view.name)
    names = [v.name for v in views]
    if view.name in names:
        views[names.index(view.name)] = view
    else:
        views.append(view)
    import yaml

    body = yaml.safe_dump(
        {"views": [v.to_mapping() for v in views]}, sort_keys=False, allow_unicode=True
    )
    path = views_path(root)
    if path.is_file() and path.read_text(encoding="utf-8") == HEADER + body:
        return None
    try:
        write_atomically(path, HEADER + body)
    except OSError as err:
        raise ViewError(f"{path}: cannot be written ({err.strerror or err})") from None
    repo = Repo.find(root)
    if repo is None:
        raise ViewError(f"{path}: saved, but not committed: the store is in no git repository")
    verb = "replace" if view.name in names else "add"
    try:
        return repo.commit([path], f"views: {verb} {view.name}\n", author=author)
    except GitError as err:
        raise ViewError(f"{path}: saved, but not committed: {err}") from None
