"""The command palette on a large store: few hits scored and shown, found fast, kept fresh."""

from __future__ import annotations

from pathlib import Path

from helpers import SIZE, main_screen, make_app, settle
from textual.command import CommandList, CommandPalette

from bvtui.tui.commands import HIT_LIMIT, ActionCommands
from bvtui.tui.palette_index import SCORE_LIMIT, Candidate, CandidateIndex
from tests.synthetic import make_store


def index_of(*texts: str) -> CandidateIndex:
    return CandidateIndex(Candidate(text, "", n) for n, text in enumerate(texts))


def test_a_typed_substring_ranks_first_and_underlines_its_letters() -> None:
    index = index_of("Go to a/1.2 Review the grants", "Go to a/1.10 Develop grants framework")
    best = index.search("1.10 dev", 5)
    assert [m.candidate.argument for m in best] == [1]
    assert best[0].offsets == tuple(range(8, 16))


def test_letters_in_order_match_and_out_of_order_do_not() -> None:
    index = index_of("Officer: Louise Stamp", "Officer: Paul Smith", "Theme: Property")
    assert [m.candidate.text for m in index.search("lsp", 5)] == ["Officer: Louise Stamp"]
    assert index.search("pmst", 5) == []  # p, m, s, t in that order is in no candidate


def test_typed_brackets_and_regex_characters_are_letters() -> None:
    index = index_of("Go to a/1 [b] (x)*", "Go to a/2 plain")
    assert [m.candidate.argument for m in index.search("[b] (x)*", 5)] == [0]
    assert [m.candidate.argument for m in index.search("(*", 5)] == [0]


def test_only_the_limit_is_returned_and_only_so_many_are_scored() -> None:
    index = index_of(*(f"Go to p/{n} title" for n in range(SCORE_LIMIT * 3)))
    assert len(index.search("title", 7)) == 7
    # a candidate far down the list that holds the typed text itself still comes first
    index = index_of(*(f"t i t l e {n}" for n in range(SCORE_LIMIT * 3)), "the title")
    assert index.search("title", 1)[0].candidate.text == "the title"


def test_a_candidate_folded_longer_is_matched_without_underlines() -> None:
    index = index_of("İstanbul office")
    (match,) = index.search("office", 5)
    assert match.offsets == ()


async def test_palette_shows_a_bounded_list_on_a_large_store(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store", 400, 4)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.press("e")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, CommandPalette)
        hits = pilot.app.screen.query_one(CommandList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert sum(p.startswith("Go to ") for p in prompts) == HIT_LIMIT
        action = screen.listing.actions[-1]
        await pilot.press("backspace", *f"{action.ref} {action.title}")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.table.current is not None and screen.table.current.ref == action.ref


async def test_palette_index_is_built_once_per_load_and_again_after_an_edit(
    tmp_path: Path,
) -> None:
    store = make_store(tmp_path / "store", 50, 2)
    async with make_app(store).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        provider = ActionCommands(screen)
        first = provider.index(screen.listing)
        assert provider.index(screen.listing) is first
        assert ActionCommands(screen).index(screen.listing) is first  # the next palette
        action = screen.listing.actions[0]
        edited = type(action)(**{**vars(action), "status": "Renamed status"})
        assert screen.store is not None
        screen.store.replace_action(edited)
        again = provider.index(screen.listing)
        assert again is not first
        assert "Renamed status" in again.candidates[0].help
