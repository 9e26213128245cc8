"""The approval asked for when a plan's governance rules need one: approver and reason.

The edit screen calls :func:`ask_approval` before saving. When the plan's rules
(:mod:`bvtui.model.governance`) say the change (a closure, a deadline revised) needs
an approver or a reason, :class:`ApprovalScreen` asks for them, saying which rule and
who may approve; otherwise the save goes on at once. The save path checks the rules
again, so a screen that asked too little can never let a change through.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from bvtui.model import Action, Approval, action_to_mapping, deadline_in_force, is_closing, needs
from bvtui.store import Store, YamlFileError, read_mapping
from bvtui.tui.text import line


class ApprovalScreen(ModalScreen[Approval | None]):
    """Approver and reason for one change; Enter (or ctrl+s) gives them, Escape backs out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "give", "Save with this approval"),
        Binding("escape", "back", "Back to the edit"),
    ]

    def __init__(self, what: str, rules: str, *, approver: bool, reason: bool) -> None:
        super().__init__()
        self.what = what
        self.rules = rules
        self.wants_approver = approver
        self.wants_reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="approval-dialog"):
            yield Static(Text(self.what, style="bold"), classes="dialog-question")
            yield Static(Text(self.rules), classes="dialog-question")
            yield Label(
                "Approved by (Name <email>)" + ("" if self.wants_approver else ", optional")
            )
            yield Input(id="approver", placeholder="Name <email>")
            yield Label("Reason" + ("" if self.wants_reason else ", optional"))
            yield Input(id="reason")
            yield Static("", id="approval-message")

    def on_mount(self) -> None:
        self.query_one("#approver", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "approver":
            self.query_one("#reason", Input).focus()
        else:
            self.action_give()

    def action_give(self) -> None:
        approver = self.query_one("#approver", Input).value.strip()
        reason = self.query_one("#reason", Input).value.strip()
        missing = [
            name
            for name, wanted, given in (
                ("an approver", self.wants_approver, approver),
                ("a reason", self.wants_reason, reason),
            )
            if wanted and not given
        ]
        if missing:
            self.query_one("#approval-message", Static).update(
                Text(f"This change needs {' and '.join(missing)}.", style="bold red")
            )
            return
        self.dismiss(Approval(approver, reason))

    def action_back(self) -> None:
        self.dismiss(None)


def committed(store: Store, action: Action) -> dict[str, Any] | None:
    """The action as HEAD holds it, which the save path judges a change against (an
    edit saved but not committed is part of the change); as read outside git."""
    repo = store.repo
    if repo is None:
        return action_to_mapping(action)
    blob = repo.head_blob(store.action_path(action))
    if blob is None:
        return None
    try:
        return read_mapping(blob.decode("utf-8"), str(store.action_path(action)))
    except (YamlFileError, UnicodeDecodeError):
        return action_to_mapping(action)


def ask_approval(
    screen: Screen, store: Store, before: Action, after: Action, then: Callable[[Approval], None]
) -> None:
    """Call ``then`` with the approval the change from ``before`` (as committed) to
    ``after`` needs: asked for in an :class:`ApprovalScreen` when the plan's rules want
    one, else none. Backing out of the question calls nothing (the edit stays on screen)."""
    rules = before.plan.governance
    if not rules.active:
        then(Approval())
        return
    old, new = committed(store, before), action_to_mapping(after)
    approver, reason = needs(rules, old, new, before.plan.rag_of)
    if not (approver or reason):
        then(Approval())
        return
    if is_closing(old, new, before.plan.rag_of):
        what = f"Closing {line(before.ref)} ({line(after.status)}) needs approval."
    else:
        moved = f"{line(deadline_in_force(old))} -> {line(deadline_in_force(new)) or '(none)'}"
        what = f"Revising the deadline of {line(before.ref)} ({moved}) needs approval."
    asked = [word for word, wanted in (("an approver", approver), ("a reason", reason)) if wanted]
    who = ", ".join(rules.approvers) if rules.approvers else "anyone but you"
    text = f"The plan's rules ask for {' and '.join(asked)}. Who may approve: {who}."

    def given(approval: Approval | None) -> None:
        if approval is not None:
            then(approval)

    screen.app.push_screen(
        ApprovalScreen(what, line(text), approver=approver, reason=reason), given
    )
