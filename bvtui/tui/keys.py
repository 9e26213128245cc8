"""The keys of the main screen, in one list: the footer, the help screen and the
command palette are all built from it, so they can never disagree."""

from __future__ import annotations

from textual.binding import Binding

RAG_KEYS = "r a g b n"
"""How the footer shows the five RAG filter keys, as one entry."""

MAIN_KEYS: list[Binding] = [
    # The five RAG keys take one place in the footer ("r a g b n RAG"); help and the
    # palette list each of them.
    Binding("r", "toggle_rag('red')", "RAG", key_display=RAG_KEYS, tooltip="Toggle the red filter"),
    Binding("a", "toggle_rag('amber')", "Amber", show=False, tooltip="Toggle the amber filter"),
    Binding("g", "toggle_rag('green')", "Green", show=False, tooltip="Toggle the green filter"),
    Binding(
        "b", "toggle_rag('blue')", "Blue", show=False, tooltip="Toggle the blue (complete) filter"
    ),
    Binding(
        "n",
        "toggle_rag('grey')",
        "Grey",
        show=False,
        tooltip="Toggle the grey (not started) filter",
    ),
    Binding("t", "pick('theme')", "Theme", tooltip="Filter by theme (pick one or more)"),
    Binding("o", "pick('officer')", "Officer", tooltip="Filter by lead officer (pick)"),
    Binding("p", "pick('plan')", "Plan", tooltip="Filter by plan (pick one or more)"),
    Binding("s", "pick('status')", "Status", tooltip="Filter by status word (pick)"),
    Binding(
        "exclamation_mark",
        "toggle_overdue",
        "Overdue",
        key_display="!",
        tooltip="Show overdue actions only (toggle)",
    ),
    Binding(
        "m",
        "toggle_mine",
        "Mine",
        show=False,
        tooltip="My actions: those of the officer your git identity stands for (toggle)",
    ),
    Binding(
        "u",
        "toggle_due_update",
        "Due",
        show=False,
        tooltip="Only actions due an update for their plan's current period (toggle)",
    ),
    Binding(
        "U",
        "update_round",
        "Round",
        show=False,
        tooltip="Update round: edit the actions shown in turn (ctrl+s saves, opens the next)",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        key_display="/",
        tooltip="Search title, objective, officers and updates as you type",
    ),
    Binding("x", "clear_filters", "Clear", tooltip="Clear every filter"),
    Binding("e", "edit", "Edit", tooltip="Edit the highlighted action (also Enter)"),
    Binding("d", "dashboard", "Dashboard", tooltip="Dashboard: counts by theme and RAG"),
    Binding("S", "sync", "Sync", tooltip="Sync with the git remote: commit, fetch, merge, push"),
    Binding(
        "w",
        "export",
        "Export",
        tooltip="Write the actions shown as a report (text, md, html, csv, xlsx)",
    ),
    Binding("h", "history", "History", tooltip="History of the action: commits, timeline"),
    Binding(
        "i",
        "import_plan",
        "Import",
        show=False,
        tooltip="Import a plan from a spreadsheet: see the columns detected, then one commit",
    ),
    Binding("c", "changes", "Changes", tooltip="What changed since a date or a tag"),
    Binding(
        "M",
        "meeting",
        "Meeting",
        show=False,
        tooltip="Meeting mode: the actions shown as an agenda, one at a time",
    ),
    Binding(
        "space",
        "toggle_mark",
        "Mark",
        show=False,
        tooltip="Mark or unmark the highlighted action for a bulk edit, then move down",
    ),
    Binding(
        "V", "mark_all", "Mark all", show=False, tooltip="Mark every action shown (again: none)"
    ),
    Binding(
        "B",
        "bulk_edit",
        "Bulk edit",
        show=False,
        tooltip="Bulk edit the marked: status, progress, officers, revised deadline, update",
    ),
    Binding(
        "z",
        "undo",
        "Undo",
        show=False,
        tooltip="Undo the last save of the highlighted action (asks; a new commit)",
    ),
    Binding(
        "greater_than_sign",
        "sort_step(1)",
        "Sort",
        key_display=">",
        show=False,
        tooltip="Sort by the next column to the right (past the last: the store's order)",
    ),
    Binding(
        "less_than_sign",
        "sort_step(-1)",
        "Sort left",
        key_display="<",
        show=False,
        tooltip="Sort by the next column to the left (a click on a heading sorts by it)",
    ),
    Binding(
        "I",
        "sort_reverse",
        "Reverse",
        show=False,
        tooltip="Reverse the sort (as a second click on the sorted heading does)",
    ),
    Binding(
        "C",
        "choose_columns",
        "Columns",
        show=False,
        tooltip="Choose and reorder the table's columns",
    ),
    Binding(
        "v",
        "save_view",
        "Save view",
        show=False,
        tooltip="Save the filters, sort and columns as a named view (committed; 1-9 open)",
    ),
    Binding(
        "P",
        "present",
        "Present",
        show=False,
        tooltip="Presentation layout for a projector: spaced rows, fewer columns (toggle)",
    ),
    Binding(
        "ctrl+t",
        "cycle_theme",
        "Theme",
        show=False,
        tooltip="Next theme: dark, light, high contrast (kept for the next start)",
    ),
    Binding("ctrl+r", "reload", "Reload", show=False, tooltip="Reload the store from disk"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key (this help)"),
    Binding(
        "q",
        "app.quit",
        "Quit",
        tooltip="Quit bvtui (asks first, offering to commit, when edits are not committed)",
    ),
]
"""Every key of the main screen with a short label (footer) and a sentence (help)."""

FOOTER_FIRST = ("help", "app.quit")
"""Actions the footer shows first, so that a narrow terminal never hides them."""

FOOTER_KEYS: list[Binding] = sorted(
    MAIN_KEYS, key=lambda binding: binding.action not in FOOTER_FIRST
)
""":data:`MAIN_KEYS` in the footer's order: help and quit, then the rest as listed."""

TABLE_KEYS: list[tuple[str, str]] = [
    ("↑ ↓  j k", "Move between actions"),
    ("PgUp PgDn Home End G", "Move a page, to the first or last action"),
    ("1 ... 9", "Open saved view 1 to 9 (bvtui --view NAME opens one by name)"),
    ("click a heading", "Sort by that column; click again to reverse"),
    ("Enter", "Edit the highlighted action"),
    ("Escape", "Leave the search box (the search stays)"),
    ("ctrl+p", "Command palette: jump to an action, an officer or a theme"),
]
"""Keys handled by the table and the app rather than the main screen's bindings."""

VIEW_KEYS: list[Binding] = [
    Binding(str(number), f"open_view({number})", f"View {number}", show=False)
    for number in range(1, 10)
]
"""``1`` to ``9``: the saved views in the order of the views file (help lists them once)."""

MARKS: list[tuple[str, str]] = [
    ("!", "Overdue: not complete and due before the as-of date"),
    ("?", "Status check: the reported status is better than the dates allow"),
    ("✎", "Uncommitted: saved on disk, not yet committed to git"),
    ("*", "Marked for a bulk edit (before the ref; space marks, V marks all shown)"),
    ("● ▲ ■ ✔ ○", "Red, amber, green, blue (complete), grey"),
]
"""The marks the table shows, for the help screen."""


def key_label(binding: Binding) -> str:
    """The key as the user types it: ``!`` rather than ``exclamation_mark``."""
    if binding.key_display == RAG_KEYS:
        return binding.key
    return binding.key_display or binding.key
