"""Meeting mode: the agenda one action at a time, in a layout that reads at the back of
the room, decisions recorded as commits, and a snapshot and the minutes at the end.

The agenda (:func:`bvtui.trail.build_agenda`) is built off the UI thread: it asks git
what moved since the last snapshot. Each decision is appended to the action's
``decisions:`` through the one save path, one commit each with a ``Meeting:`` trailer.
Ending the meeting (``q`` or Escape, which asks) tags the store as presented
(:func:`bvtui.trail.make_snapshot`) and writes the minutes' action list as md and docx.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Digits, Footer, Input, Static

from bvtui.git import GitError
from bvtui.model import RAG_SYMBOLS, Action, decisions_of, with_decision
from bvtui.reporting import Minute, Minutes, minutes_docx, minutes_markdown, write_report
from bvtui.store import FileChangedError, SaveResult, Store, StoreError
from bvtui.trail import AgendaItem, build_agenda, last_snapshot, make_snapshot, moves_since
from bvtui.tui.screens.dialogs import Answer, ChoiceScreen
from bvtui.tui.screens.export import export_folder, free_path
from bvtui.tui.text import RAG_NAMES, RAG_STYLES, block, line, styled

MEETING_TRAILER = "Meeting"
"""The trailer naming the meeting in each decision's commit."""


class MeetingEnd(Enum):
    """How the chair leaves the meeting."""

    CLOSE = "close"
    LEAVE = "leave"


class MeetingEndScreen(ChoiceScreen[MeetingEnd]):
    """Close the meeting (snapshot and minutes), leave it, or go back to it."""


class LinePrompt(ModalScreen[str | None]):
    """One line of text asked for (a decision, the meeting's name); Escape: None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, value: str = "", placeholder: str = "", enter: str = "records it"
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.enter = enter
        """What Enter does, for the hint: ``records it``, ``starts the meeting``."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompt"):
            yield Static(Text(self.question), classes="dialog-question")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static(f"Enter {self.enter}; Escape cancels", classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def snapshot_name(meeting: str, day: date) -> str:
    """The tag of a meeting's snapshot: ``meeting-board-14-09`` (its day when the name
    holds no letter or digit); a name that starts with "Meeting" (the one offered,
    ``Meeting 2026-11-30``) does not say it twice."""
    slug = re.sub(r"[^a-z0-9]+", "-", meeting.lower()).strip("-")
    slug = re.sub(r"^meeting(-|$)", "", slug)
    return f"meeting-{slug or day.isoformat()}"


class MeetingScreen(Screen[None]):
    """The agenda one action at a time: ``n`` / ``p`` move, ``]`` / ``[`` jump a section,
    ``a`` records a decision, ``q`` or Escape ends the meeting (snapshot and minutes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right,space", "move(1)", "Next"),
        Binding("p,left", "move(-1)", "Previous"),
        Binding("right_square_bracket", "section(1)", "Next section", key_display="]"),
        Binding("left_square_bracket", "section(-1)", "Section back", key_display="[", show=False),
        Binding("a", "decide", "Record decision"),
        Binding("q,escape", "end", "End meeting"),
    ]

    def __init__(
        self,
        store: Store,
        actions: list[Action],
        *,
        name: str,
        since: str | None = None,
        as_of: date | None = None,
        author: str | None = None,
        read_only: bool = False,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.actions = actions
        self.meeting = name
        self.since = since
        self.as_of = as_of
        self.author = author
        self.read_only = read_only or store.repo is None
        self.today = today or date.today()
        self.agenda: list[AgendaItem] = []
        self.place = 0
        self.minutes: list[Minute] = []
        self.unsaved: dict[str, str] = {}
        """Decisions typed whose save failed, by ref: offered again by ``a``."""

    def compose(self) -> ComposeResult:
        yield Static(id="meet-head")
        with VerticalScroll(id="meet-body"):
            yield Static(id="meet-title")
            with Vertical(id="meet-rag"):
                yield Static(id="meet-rag-word")
            yield Digits("", id="meet-progress")
            yield Static(id="meet-facts")
            yield Static(id="meet-update")
            yield Static(id="meet-decisions")
        yield Footer(compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``a`` is hidden when nothing can be saved (read-only)."""
        return not (action == "decide" and self.read_only)

    def on_mount(self) -> None:
        self.query_one("#meet-body").loading = True
        self.build()

    @work(thread=True, exclusive=True, group="meeting", exit_on_error=False)
    def build(self) -> None:
        """The agenda, off the UI thread (git is asked what moved since the snapshot)."""
        repo = self.store.repo
        since = self.since
        moves = {}
        try:
            if repo is not None:
                since = since or last_snapshot(repo)
                if since:
                    moves = moves_since(repo, repo.relative(self.store.root), since)
        except GitError as err:
            self.app.call_from_thread(self._built, [], None, line(str(err)))
            return
        agenda = build_agenda(self.actions, moves, since=since, as_of=self.as_of)
        self.app.call_from_thread(self._built, agenda, since, None)

    def _built(self, agenda: list[AgendaItem], since: str | None, problem: str | None) -> None:
        self.query_one("#meet-body").loading = False
        if problem:
            self.notify(problem, title="No agenda", severity="error", markup=False)
        self.agenda, self.since = agenda, since
        self.show()

    # --- showing one action -------------------------------------------------------

    @property
    def current(self) -> AgendaItem | None:
        return self.agenda[self.place] if self.agenda else None

    def show(self) -> None:
        item = self.current
        head = Text()
        head.append(f" {line(self.meeting)} ", style="bold reverse")
        if item is None:
            head.append("  nothing on the agenda (the filters show no action)")
            self.query_one("#meet-head", Static).update(head)
            return
        head.append(f"  {line(item.section)}  ", style="bold")
        head.append(f"{self.place + 1} of {len(self.agenda)}", style="bold")
        self.query_one("#meet-head", Static).update(head)
        action = item.action
        title = Text(f"{line(action.ref)}  ", style="bold")
        title.append(line(action.title) or "(no title)")
        self.query_one("#meet-title", Static).update(title)
        rag = action.rag
        word = Text(
            f"{RAG_SYMBOLS.get(rag, '?')}  {RAG_NAMES[rag].upper()}  ·  {line(action.status)}",
            style="bold",
        )
        panel = self.query_one("#meet-rag")
        for name in RAG_STYLES:
            panel.set_class(name == rag, f"-{name}")
        self.query_one("#meet-rag-word", Static).update(word)
        digits = self.query_one("#meet-progress", Digits)
        digits.display = action.progress is not None
        digits.update("" if action.progress is None else f"{action.progress}%")
        self.query_one("#meet-facts", Static).update(self._facts(item))
        self.query_one("#meet-update", Static).update(self._update(action))
        self.query_one("#meet-decisions", Static).update(self._decisions(action))

    def _facts(self, item: AgendaItem) -> Text:
        action = item.action
        text = Text()
        text.append("Lead: ", style="bold")
        text.append(line(action.officers) or "-")
        text.append("   Due: ", style="bold")
        due = action.due
        text.append(due.isoformat() if due else line(action.deadline) or "no due date")
        if action.revised_deadline:
            text.append(f" (revised from {line(action.deadline)})")
        if action.is_overdue(self.as_of):
            text.append("   ! OVERDUE", style="bold")
        text.append("\nTravel: ", style="bold")
        text.append(item.travel.describe(action, self.since))
        return text

    def _update(self, action: Action) -> Text:
        latest = action.latest_update
        if latest is None:
            return Text("No update filed.", style="italic")
        period = f" ({line(latest.period)})" if latest.period else ""
        text = styled(f"Latest update{period}:\n", "bold")
        text.append(block(latest.text))
        return text

    def _decisions(self, action: Action) -> Text:
        decisions = decisions_of(action)
        if not decisions:
            return Text("")
        text = styled("Decisions:\n", "bold")
        for decision in decisions[-5:]:
            text.append(f"• {line(decision.day)} {line(decision.meeting)}: ", style="bold")
            text.append(f"{line(decision.text)}\n")
        return text

    def action_move(self, step: int) -> None:
        if self.agenda:
            self.place = max(0, min(len(self.agenda) - 1, self.place + step))
            self.show()
            self.query_one("#meet-body", VerticalScroll).scroll_home(animate=False)

    def action_section(self, step: int) -> None:
        """To the first action of the next section (``]``), or of this one, else the
        previous one (``[``)."""
        if not self.agenda:
            return
        starts = [
            place
            for place, item in enumerate(self.agenda)
            if place == 0 or item.section != self.agenda[place - 1].section
        ]
        if step > 0:
            later = [place for place in starts if place > self.place]
            target = later[0] if later else self.place
        else:
            earlier = [place for place in starts if place < self.place]
            target = earlier[-1] if earlier else 0
        self.action_move(target - self.place)

    # --- decisions ------------------------------------------------------------------

    def action_decide(self) -> None:
        item = self.current
        if item is None:
            return
        if self.read_only:
            self.notify("Read-only: decisions cannot be recorded here.", severity="warning")
            return
        ref = item.action.ref
        question = f"Decision or action point for {line(ref)} ({line(self.meeting)}):"
        prompt = LinePrompt(question, self.unsaved.get(ref, ""), "e.g. Breakdown requested")

        def typed(text: str | None) -> None:
            if text is not None and text.strip():
                self.unsaved[ref] = text
                self.record(item.action, text)

        self.app.push_screen(prompt, typed)

    @work(thread=True, group="meeting-save", exit_on_error=False)
    def record(self, action: Action, text: str) -> None:
        """Append the decision and commit it (one save, one commit) off the UI thread; a
        file changed on disk meanwhile gets the decision appended to it as it is now."""
        try:
            decided = with_decision(action, self.meeting, text, self.today)
            result = self.store.save_action(
                decided,
                author=self.author,
                trailers={MEETING_TRAILER: self.meeting},
                reapply=lambda fresh: with_decision(fresh, self.meeting, text, self.today),
            )
        except (ValueError, FileChangedError, StoreError, GitError, OSError) as err:
            self.app.call_from_thread(self._not_recorded, action.ref, line(str(err)))
            return
        self.app.call_from_thread(self._recorded, decided, text, result)

    def _not_recorded(self, ref: str, reason: str) -> None:
        self.notify(
            f"{reason} (press a: what you typed is kept)",
            title="Decision not recorded",
            severity="error",
            timeout=12,
            markup=False,
        )

    def _recorded(self, action: Action, text: str, result: SaveResult) -> None:
        self.unsaved.pop(action.ref, None)
        self.agenda = [
            AgendaItem(action, item.section, item.travel) if item.action.ref == action.ref else item
            for item in self.agenda
        ]
        self.minutes.append(
            Minute(
                action.ref,
                line(action.title),
                line(action.officers),
                line(action.status),
                line(text.strip()),
                result.commit or "",
            )
        )
        if result.error:
            self.notify(
                f"{action.ref}: saved but NOT committed: {line(result.error)}",
                title="Not committed",
                severity="error",
                timeout=12,
                markup=False,
            )
        else:
            done = f"committed {(result.commit or '')[:8]}"
            self.notify(f"{action.ref}: decision {done}", title="Recorded", markup=False)
        self.show()

    # --- ending ---------------------------------------------------------------------

    def action_end(self) -> None:
        if self.read_only:  # nothing recorded, nothing to tag
            self.dismiss(None)
            return
        tag = snapshot_name(self.meeting, self.today)
        heading = Text(f"End {line(self.meeting)}? ", style="bold")
        heading.append(f"{len(self.minutes)} decision(s) recorded.")
        answers = [
            Answer(
                "y",
                MeetingEnd.CLOSE,
                "Close",
                f"tag the store as presented ({tag}) and write the minutes (md, docx)",
                "primary",
            ),
            Answer("l", MeetingEnd.LEAVE, "Leave", "no snapshot, no minutes", "error"),
        ]
        screen = MeetingEndScreen(heading, answers, "back to the meeting", dialog_id="meeting-end")
        self.app.push_screen(screen, self._ended)

    def _ended(self, choice: MeetingEnd | None) -> None:
        if choice is MeetingEnd.LEAVE:
            self.dismiss(None)
        elif choice is MeetingEnd.CLOSE:
            self.close_meeting()

    @work(thread=True, exclusive=True, group="meeting-save", exit_on_error=False)
    def close_meeting(self) -> None:
        """Snapshot the store as presented, then write the minutes beside each other."""
        notes = []
        tag = None
        repo = self.store.repo
        if repo is None:
            notes.append("no snapshot: the store is in no git repository")
        else:
            name = snapshot_name(self.meeting, self.today)
            try:
                message = (
                    f"{self.meeting}: {len(self.agenda)} actions presented, "
                    f"{len(self.minutes)} decision(s)"
                )
                tag = make_snapshot(
                    repo, repo.relative(self.store.root), name, message, self.author
                ).name
                notes.append(f"snapshot {tag}")
            except (ValueError, GitError) as err:
                notes.append(f"no snapshot: {line(str(err))}")
        minutes = Minutes(
            self.meeting,
            self.today.isoformat(),
            len(self.agenda),
            snapshot=tag,
            since=self.since,
            items=list(self.minutes),
        )
        try:
            folder = export_folder(self.store)
            md = minutes_path(folder, self.meeting, self.today, ".md")
            write_report(minutes_markdown(minutes).encode("utf-8"), md)
            docx = minutes_path(folder, self.meeting, self.today, ".docx")
            write_report(minutes_docx(minutes), docx)
            notes.append(f"minutes {md} and {docx.name}")
        except OSError as err:
            notes.append(f"minutes not written: {line(str(err))}")
        self.app.call_from_thread(self._meeting_closed, "; ".join(notes), tag is not None)

    def _meeting_closed(self, note: str, tagged: bool) -> None:
        self.app.notify(
            note,
            title="Meeting closed",
            severity="information" if tagged else "warning",
            timeout=15,
            markup=False,
        )
        self.dismiss(None)


def minutes_path(folder: Path, meeting: str, day: date, suffix: str) -> Path:
    """Where the minutes go: ``minutes-board-14-09.md`` in ``folder``, never over a file."""
    stem = snapshot_name(meeting, day).removeprefix("meeting-")
    return free_path(folder / f"minutes-{stem}{suffix}")


@dataclass(frozen=True)
class MeetingStart:
    """What a meeting is opened on: the store, the actions shown, and how to judge them."""

    store: Store
    actions: list[Action]
    as_of: date | None
    author: str | None

    def open(
        self,
        app: App,
        name: str | None,
        since: str | None,
        read_only: bool,
        done: Callable[[], None],
    ) -> None:
        """Push the meeting screen, asking the meeting's name first when none is given;
        ``done`` runs when the meeting ends (the main screen reloads)."""

        def start(named: str | None) -> None:
            if named and named.strip():
                meeting = MeetingScreen(
                    self.store,
                    self.actions,
                    name=named.strip(),
                    since=since,
                    as_of=self.as_of,
                    author=self.author,
                    read_only=read_only,
                )
                app.push_screen(meeting, lambda _: done())

        if name:
            start(name)
        else:
            default = f"Meeting {date.today().isoformat()}"
            prompt = LinePrompt(
                "Name the meeting (for its minutes):", default, enter="starts the meeting"
            )
            # Enter on a box emptied: the name offered, not a prompt gone and no meeting
            app.push_screen(
                prompt, lambda named: start(None if named is None else named.strip() or default)
            )
