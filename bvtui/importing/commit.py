"""Writing an imported plan into the store as one commit, idempotently.

A re-import of the same file writes nothing and commits nothing; a re-import of an
edited file changes only the fields that moved. Nothing in the store is lost by a
re-import: actions no longer in the file are kept (and reported), updates added in
the app since are kept, and the file's update for a period replaces only the update
of that same period.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bvtui.git import GitError
from bvtui.importing.document import ImportedPlan
from bvtui.model import (
    PLAN_FIELDS,
    STORED_FIELDS,
    Plan,
    Ref,
    ValidationError,
    action_from_mapping,
    check_id,
    plan_from_mapping,
    plan_to_mapping,
)
from bvtui.store import (
    PLAN_FILE,
    Store,
    YamlFileError,
    canonical_edit,
    read_mapping,
    render_mapping,
    write_atomically,
)


@dataclass
class ImportResult:
    """What an import wrote, and the commit that records it (or why there is none)."""

    plan: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)
    """Actions in the store that the file no longer has: kept, not deleted."""
    plan_changed: bool = False
    leftover: list[Path] = field(default_factory=list)
    """Files already as this import writes them but not committed: an earlier import's
    whose commit failed or that was stopped. This one commits them."""
    commit: str | None = None
    error: str | None = None

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.plan_changed)


@dataclass
class PlanOverrides:
    """What the user says about the plan on the command line, winning over the document."""

    title: str | None = None
    organisation: str | None = None
    as_of: date | None = None
    period: str | None = None


def import_plan(
    store: Store,
    imported: ImportedPlan,
    slug: str,
    source: str,
    *,
    overrides: PlanOverrides | None = None,
    author: str | None = None,
) -> ImportResult:
    """Write ``imported`` as plan ``slug`` of ``store`` and commit it in one commit.

    Raises:
        ValidationError: the slug, or an imported value, breaks a store rule (nothing
            is written then).
    """
    check_id(slug, str(store.root / slug), "plan")
    folder = store.root / slug
    plan_path = Ref(slug, PLAN_FILE).path(store.root)
    plan = _merged_plan(slug, imported, plan_path, overrides or PlanOverrides())
    writes: dict[Path, str] = {}
    result = ImportResult(plan=slug)

    pending = _uncommitted(store, folder)
    plan_text = _render(
        plan_path, plan_to_mapping(plan), PLAN_FIELDS, _plan_before(slug, plan_path)
    )
    if plan_text is not None:
        writes[plan_path] = plan_text
        result.plan_changed = True
    elif plan_path.resolve() in pending:
        result.leftover.append(plan_path)

    seen = set()
    for item in imported.actions:
        path = Ref(slug, item["id"]).path(store.root)
        seen.add(path.name)
        old = _existing(path)
        mapping = _merged_action(old, item)
        action_from_mapping(plan, _as_read(mapping), str(path), item["id"])  # the store's rules
        text = _render(path, mapping, STORED_FIELDS, _action_before(old))
        if text is None:
            result.unchanged += 1
            if path.resolve() in pending:
                result.leftover.append(path)
            continue
        writes[path] = text
        (result.updated if old is not None else result.created).append(item["id"])
    if folder.is_dir():
        result.kept = sorted(
            p.stem for p in folder.glob("*.yaml") if p.name != PLAN_FILE and p.name not in seen
        )
    if not writes and not result.leftover:
        return result
    for path, text in writes.items():
        write_atomically(path, text)
    message = _message(slug, source, imported, result)
    if store.repo is None:
        result.error = f"{store.root} is not in a git repository: imported, not committed"
        return result
    try:
        result.commit = store.repo.commit([*writes, *result.leftover], message, author)
    except (GitError, ValueError) as err:
        result.error = str(err)
    return result


def _uncommitted(store: Store, folder: Path) -> set[Path]:
    """The plan folder's files that differ from HEAD (or are not in it), resolved."""
    if store.repo is None or not folder.is_dir():
        return set()
    top = store.repo.top.resolve()
    return {top / name for _code, name in store.repo.changed_files(folder)}


def _existing(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        return read_mapping(path.read_text(encoding="utf-8"), str(path))
    except YamlFileError:
        return None  # a broken file is replaced by the imported one (git keeps the old)


def _render(
    path: Path, mapping: dict[str, Any], order: tuple[str, ...], before: dict[str, Any] | None
) -> str | None:
    """The new text of ``path``, or None when it would not change.

    A file in bvtui's own layout (``before`` is what it holds, as the store reads it) is
    rewritten by :func:`canonical_edit`, the same bytes as ruamel's round trip without
    loading the file into ruamel, as a save does; any other file goes through ruamel.
    """
    if before is not None and mapping == before:
        return None  # the file already says exactly this: not even re-rendered
    old_text = path.read_text(encoding="utf-8") if path.exists() else None
    text = canonical_edit(old_text, before, mapping, order)
    if text is None:
        try:
            text = render_mapping(old_text, mapping, order)
        except YamlFileError:
            text = render_mapping(None, mapping, order)
    return None if text == old_text else text


def _action_before(old: dict[str, Any] | None) -> dict[str, Any] | None:
    """What an action file holds, as an import writes it: the reader's '' for an empty
    field is None, its progress text a number.

    :func:`canonical_edit` checks that this is exactly what the file's text says, and
    leaves any file it is not to ruamel.
    """
    if old is None:
        return None
    before = {key: None if value == "" else value for key, value in old.items()}
    progress = before.get("progress")
    if isinstance(progress, str) and progress.isdigit():
        before["progress"] = int(progress)
    return before


def _plan_before(slug: str, path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        read = read_mapping(path.read_text(encoding="utf-8"), str(path))
        return plan_to_mapping(plan_from_mapping(slug, read, str(path)))
    except (YamlFileError, ValidationError):
        return None


def _merged_plan(slug: str, imported: ImportedPlan, path: Path, says: PlanOverrides) -> Plan:
    """The plan as the document gives it, over what ``plan.yaml`` already holds."""
    plan = Plan(slug=slug)
    if path.exists():
        with contextlib.suppress(YamlFileError, ValidationError):
            plan = plan_from_mapping(slug, read_mapping(path.read_text("utf-8"), str(path)), "")
    # a title or council the plan already has stays (the user may have named it better
    # than the document's first heading); the date and period follow the document
    plan.title = says.title or plan.title or imported.title or slug
    plan.organisation = says.organisation or plan.organisation or imported.organisation
    plan.as_of = says.as_of or imported.as_of or plan.as_of
    plan.period = says.period or imported.period or plan.period
    plan.themes = list(dict.fromkeys([*imported.themes, *plan.themes]))
    # the document's words in its order, each keeping a colour the plan already gave it;
    # then words the plan has that the document does not use
    known = {word.lower() for word in imported.statuses}
    plan.statuses = {
        **{word: plan.statuses.get(word, rag) for word, rag in imported.statuses.items()},
        **{word: rag for word, rag in plan.statuses.items() if word.lower() not in known},
    }
    plan.officer_aliases = {**plan.officer_aliases, **imported.officer_aliases}
    return plan


def _merged_action(old: dict[str, Any] | None, item: dict[str, Any]) -> dict[str, Any]:
    """The file mapping for an imported action, keeping what the store adds to it.

    The document's fields win; keys and ``extra`` columns the document does not have
    are kept; updates are kept, the document's update for a period replacing only the
    update of that period.
    """
    mapping: dict[str, Any] = dict(old or {})
    for key in STORED_FIELDS:
        if key in ("updates", "extra"):
            continue
        value = item.get(key)
        mapping[key] = None if value in ("", None) and key != "officers" else value
    mapping["officers"] = list(item.get("officers") or [])
    extra = dict(mapping.get("extra") or {})
    extra.update(item.get("extra") or {})
    if extra:
        mapping["extra"] = extra
    updates = [dict(u) for u in (mapping.get("updates") or []) if isinstance(u, dict)]
    for new in item.get("updates") or []:
        same = [u for u in updates if u.get("period") == new.get("period")]
        if same:
            same[0]["text"] = new["text"]
        else:
            updates.append(dict(new))
    mapping["updates"] = updates
    ordered = {key: mapping[key] for key in STORED_FIELDS if key in mapping}
    ordered.update({k: v for k, v in mapping.items() if k not in ordered})
    return ordered


def _as_read(mapping: dict[str, Any]) -> dict[str, Any]:
    """A mapping as the reader would give it back (numbers as text), to check its rules."""
    read = dict(mapping)
    if read.get("progress") is not None:
        read["progress"] = str(read["progress"])
    return read


def _message(slug: str, source: str, imported: ImportedPlan, result: ImportResult) -> str:
    count = len(imported.actions)
    lines = [f"import {slug} from {Path(source).name}: {count} actions", ""]
    if result.created:
        lines.append(f"created: {len(result.created)}")
    if result.updated:
        lines.append(f"updated: {len(result.updated)} ({', '.join(result.updated[:20])})")
    if result.plan_changed:
        lines.append(f"plan: {PLAN_FILE} written")
    if result.kept:
        lines.append(f"kept, not in the file: {', '.join(result.kept[:20])}")
    if result.leftover:
        lines.append(f"written by an earlier import, not committed then: {len(result.leftover)}")
    lines += ["", f"Import: {Path(source).name}", f"Plan: {slug}"]
    return "\n".join(lines) + "\n"
