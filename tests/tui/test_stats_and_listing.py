"""The dashboard's counting (bvtui.reporting.stats), the listing's filter, and the dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import AS_OF, SIZE, main_screen, make_app, screen_text, settle

from bvtui.model import Filter
from bvtui.reporting import NO_OFFICER, dashboard, rag_counts
from bvtui.store import Store
from bvtui.tui.listing import Listing
from bvtui.tui.screens.dashboard import DashboardScreen
from bvtui.tui.screens.main import PICKER_FIELDS
from bvtui.tui.screens.picker import PickerScreen
from tests.synthetic import make_store

STORE = Path(__file__).parent.parent / "data" / "store"


@pytest.fixture(scope="module")
def fixture_store() -> Store:
    return Store.open(STORE)


def test_counts_by_theme_and_rag(fixture_store: Store) -> None:
    figures = dashboard(fixture_store.actions, AS_OF)
    assert figures.total.counts == {"red": 2, "amber": 1, "green": 4, "blue": 2, "grey": 1}
    assert figures.total.total == 10 and figures.total.percent("green") == 40
    assert list(figures.by_theme) == ["Elections", "Communications", "Property"]
    elections = figures.by_theme["Elections"]
    assert elections.counts == {"red": 0, "amber": 1, "green": 3, "blue": 1, "grey": 0}
    assert elections.percent("green") == 60
    assert figures.by_theme["Property"].percent("red") == 67  # 2 of 3, rounded


def test_counts_per_officer_use_canonical_names(fixture_store: Store) -> None:
    figures = dashboard(fixture_store.actions, AS_OF)
    # "Andreas" is an alias of Andreas Christophorou in the elections plan
    assert "Andreas" not in figures.by_officer
    assert figures.by_officer["Andreas Christophorou"].total == 2
    assert next(iter(figures.by_officer)) == "Louise Stamp"  # busiest first
    assert figures.overdue_by_officer == {"Louise Stamp": 2, "Richard Chilcott": 2}
    assert [a.ref for a in figures.overdue] == [
        "elections-demo/1.4",
        "elections-demo/1.10",
        "property-demo/6.1",
        "property-demo/6.4",
    ]
    assert [c.action.ref for c in figures.status_checks] == [
        "elections-demo/1.4",
        "elections-demo/1.10",
    ]


def test_empty_and_unowned(fixture_store: Store) -> None:
    assert rag_counts([]).percent("red") == 0
    action = fixture_store.actions[0]
    orphan = type(action)(plan=action.plan, id="x", officers=[], theme="")
    figures = dashboard([orphan])
    assert NO_OFFICER in figures.by_officer and "(no theme)" in figures.by_theme


FILTERS = [
    Filter(),
    Filter(rags=frozenset({"red", "amber"})),
    Filter(search="  Polling  STATIONS "),
    Filter(search="stamp", overdue=True),
    Filter(officers=frozenset({"andreas"}), themes=frozenset({"comm"})),
    Filter(statuses=frozenset({"on target"}), plans=frozenset({"elections-demo"})),
]


@pytest.mark.parametrize("wanted", FILTERS, ids=lambda f: f.describe() or "none")
def test_listing_filters_exactly_as_the_core(fixture_store: Store, wanted: Filter) -> None:
    listing = Listing(fixture_store, AS_OF)
    wanted = Filter(**{**wanted.__dict__, "as_of": AS_OF})
    assert listing.apply(wanted) == wanted.apply(fixture_store.actions)


@pytest.mark.parametrize("wanted", FILTERS, ids=lambda f: f.describe() or "none")
def test_the_due_count_is_of_the_rows_shown_without_filtering_again(
    fixture_store: Store, wanted: Filter, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = Listing(fixture_store, AS_OF)
    shown = listing.set_filter(wanted)
    due = [a.ref for a in fixture_store.actions if a.excerpt().due_update]
    assert due  # the fixture has an action due an update
    selected: list[Filter] = []
    select = Filter.select

    def spy(self: Filter, excerpts: list) -> list[int]:
        selected.append(self)
        return select(self, excerpts)

    monkeypatch.setattr(Filter, "select", spy)
    assert listing.due_shown == len([a for a in shown if a.ref in due])
    assert selected == []  # a filter key filters once: the count reuses its rows


async def test_ten_thousand_actions_load_in_the_background_and_filter(
    tmp_path: Path,
) -> None:
    root = make_store(tmp_path / "plans", 10_000, 10, 7)
    async with make_app(root).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = main_screen(pilot)
        assert screen.table.loading  # the indicator shows while the worker reads
        assert screen.store is None
        await settle(pilot)
        assert not screen.table.loading and screen.listing.total == 10_000
        assert "10000 of 10000 actions" in screen_text(pilot)
        for keys in (["r"], ["exclamation_mark"], ["x"], ["slash", *"polling"]):
            await pilot.press(*keys)
        assert "polling" in screen_text(pilot)
        # the filter itself, as a key runs it (how fast: bench/, the app rows)
        for wanted in (Filter(search="polling stations"), Filter(rags=frozenset({"red"}))):
            kept = screen.listing.set_filter(wanted)
            screen.table.set_rows(kept)
            expected = Filter(**{**wanted.__dict__, "as_of": AS_OF}).apply(screen.listing.actions)
            assert list(kept) == expected


async def test_dashboard_key_shows_the_shown_actions(store_dir: Path) -> None:
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DashboardScreen)
        text = screen_text(pilot)
        assert "Overall status: 10 actions" in text
        assert "● Red" in text and "✔ Blue (complete)" in text
        assert "3 (60%)" in text  # Elections, green
        assert "! Overdue (4)" in text and "? Status check (2)" in text
        assert "Louise Stamp" in text
        await pilot.press("escape")
        assert pilot.app.screen is main_screen(pilot)
        await pilot.press("r", "d")
        await pilot.pause()
        text = screen_text(pilot)
        assert "Overall status: 2 actions of 10" in text and "filter: RAG: red" in text


def spelt_apart(store: Path) -> None:
    """The property plan writes "On target" where the elections plan writes "On Target";
    one of its actions has the theme "Property Services" (which "Property" also finds)
    and an officer "Richard Chilcott Jr" (which "Richard Chilcott" also finds)."""
    plan = store / "property-demo" / "plan.yaml"
    plan.write_text(plan.read_text().replace("On Target: green", "On target: green"))
    action = store / "property-demo" / "8.2.yaml"
    text = action.read_text().replace("status: Not Started", "status: On target")
    text = text.replace("theme: Property", "theme: Property Services")
    action.write_text(text.replace("[Richard Chilcott]", "[Richard Chilcott Jr]"))


def test_picker_values_that_select_the_same_actions_are_one(store_dir: Path) -> None:
    spelt_apart(store_dir)
    store = Store.open(store_dir)
    assert not store.problems
    listing = Listing(store, AS_OF)
    statuses = listing.values("status")
    assert [value for value, _ in statuses].count("On Target") == 1
    assert "On target" not in dict(statuses)
    kinds = PICKER_FIELDS.items()
    assert ("Property", 3) in listing.values("theme")  # Property Services is found too
    assert ("Richard Chilcott", 3) in listing.values("officer")
    for kind, field in kinds:
        for value, count in listing.values(kind):
            kept = listing.apply(Filter(as_of=AS_OF, **{field: frozenset({value})}))
            assert count == len(kept), (kind, value)


async def test_status_picker_lists_one_entry_per_status_word(store_dir: Path) -> None:
    spelt_apart(store_dir)
    async with make_app(store_dir).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, PickerScreen)
        options = picker.options
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [entry for entry in shown if "target" in entry.lower()] == ["On Target  (5)"]
        await pilot.press(*"on ta", "enter")
        await settle(pilot)
        assert len(main_screen(pilot).listing.shown) == 5
