"""The parse cache's index is the store's excerpt index: a load filters on it and decodes
only the actions kept; what a plan says of its actions is never served stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import bvtui.store.store as store_module
from bvtui.model import ActionExcerpt, Filter, Plan
from bvtui.store import ParseCache, Store
from bvtui.store.cached import excerpt_from_cache
from tests.store.test_parse_cache import counting, decoding, no_racy_window, the_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("no_racy_window")


def test_the_cache_index_holds_each_action_s_excerpt(store_dir: Path) -> None:
    loaded = Store.open(store_dir)
    assert [str(e.ref) for e in loaded.excerpts] == [a.ref for a in loaded.actions]  # one each
    assert loaded.excerpts == [action.excerpt() for action in loaded.actions]
    cache = ParseCache.open(the_cache(store_dir))
    keys = [f"{e.ref.plan}/{e.ref.id}.yaml" for e in loaded.excerpts]
    stamps = [cache._index[key][0] for key in keys]
    plans = [loaded.plans[e.ref.plan] for e in loaded.excerpts]
    hints = cache.hints(keys, stamps)
    # the index holds each excerpt but for its search text, kept apart per plan folder
    texts = {f"{plan}/:search": cache._index[f"{plan}/:search"][0] for plan in loaded.plans}
    found = dict(zip(texts, cache.hints(list(texts), list(texts.values())), strict=True))
    assert all(hint is None for hint in found.values())
    searched = {}
    for key in texts:
        names, folded = cache.value(key)
        searched.update(
            {f"{key.split('/')[0]}/{name}": text for name, text in zip(names, folded, strict=True)}
        )
    searches = [searched[key] for key in keys]
    assert list(map(excerpt_from_cache, plans, hints, searches)) == loaded.excerpts
    again = Store.open(store_dir)  # from the cache: the same excerpts
    assert again.excerpts == loaded.excerpts


@pytest.mark.parametrize(
    "only",
    [
        Filter(search="polling"),
        Filter(overdue=True),
        Filter(officers=frozenset({"andreas"})),
        Filter(rags=frozenset({"red"})),
        Filter(themes=frozenset({"elec"}), statuses=frozenset({"on target"})),
        Filter(plans=frozenset({"elections-demo"}), officers=frozenset({"andreas"})),
        Filter(rags=frozenset({"amber", "red"}), overdue=True),
    ],
    ids=lambda only: only.describe(),
)
def test_a_filtered_load_never_decodes_nor_builds_what_it_refuses(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, only: Filter
) -> None:
    full = Store.open(store_dir)
    expected = [a.ref for a in full.actions if only.matches(a.excerpt())]
    assert expected and len(expected) < len(full.actions)
    decoded = decoding(monkeypatch)
    opened = counting(monkeypatch)
    built = building(monkeypatch)
    kept = Store.open(store_dir, only=only)
    assert [a.ref for a in kept.actions] == expected  # filtered, not "perhaps"
    assert [str(e.ref) for e in kept.excerpts] == [a.ref for a in kept.actions]
    assert opened[-1].misses == 0
    refs = {f"{ref}.yaml" for ref in expected}
    actions = {key for key in decoded if key.endswith(".yaml") and not key.endswith("/plan.yaml")}
    assert actions == refs
    # the index's entries are judged first, on the fields they hold (a search reads
    # every search text of the folders anyway, so its load builds each excerpt)
    readable = Filter() if only.search else replace(only, overdue=False)
    assert built == [a.ref for a in full.actions if readable.matches(a.excerpt())]


def building(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ref of every excerpt a load builds from the cache's index."""
    built: list[str] = []
    excerpts_of = store_module.excerpts_of

    def spy(plan: Plan) -> Callable[..., ActionExcerpt]:
        build = excerpts_of(plan)

        def counted(data: tuple, search: str) -> ActionExcerpt:
            excerpt = build(data, search)
            built.append(str(excerpt.ref))
            return excerpt

        return counted

    monkeypatch.setattr(store_module, "excerpts_of", spy)
    return built


def test_a_plan_change_gives_its_actions_new_excerpts(store_dir: Path) -> None:
    Store.open(store_dir)  # the cache is warm
    plan = store_dir / "elections-demo" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("as_of: 2017-09-29", "as_of: 2016-01-01")
    text = text.replace("  Andreas: Andreas Christophorou", "  Will Tuckley: The Chief Executive")
    plan.write_text(text.replace("On Target: green", "On Target: amber"), encoding="utf-8")
    loaded = Store.open(store_dir, only=Filter(plans=frozenset({"elections-demo"})))
    # a filtered load that does not search reads no search text
    assert loaded.excerpts == [action.excerpt()._replace(search="") for action in loaded.actions]
    assert Store.open(store_dir).excerpts == [a.excerpt() for a in Store.open(store_dir).actions]
    first = loaded.find("elections-demo/1.1").excerpt()
    assert first.rag == "amber" and "The Chief Executive" in first.officers
    assert not any(e.overdue() for e in loaded.excerpts)  # judged on 2016-01-01 now
    chief = Store.open(store_dir, only=Filter(officers=frozenset({"chief executive"})))
    assert "elections-demo/1.1" in [a.ref for a in chief.actions]
