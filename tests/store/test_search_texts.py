"""Each plan folder's search texts are one value in the parse cache, apart from the
excerpt index: read by a search alone, never served stale, never believed damaged."""

from __future__ import annotations

import marshal
from pathlib import Path
from zlib import crc32

import pytest

from bvtui.model import Filter
from bvtui.store import ParseCache, Store, parse_cache
from tests.store.test_parse_cache import decoding, no_racy_window, the_cache  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("no_racy_window")

SEARCH = Filter(search="polling")
TEXTS = "elections-demo/:search"


def found(store_dir: Path, only: Filter) -> list[str]:
    """The refs a fresh parse of every file says ``only`` keeps."""
    parsed = Store.open(store_dir)
    return [a.ref for a in parsed.actions if only.matches(a.excerpt())]


def cached_texts(store_dir: Path) -> dict[str, str]:
    """The search texts the cache holds for the elections plan, by file name."""
    cache = ParseCache.open(the_cache(store_dir))
    entry = cache._index[TEXTS]
    [hint] = cache.hints([TEXTS], [entry[0]])
    assert hint is None
    names, texts = cache.value(TEXTS)
    return dict(zip(names, texts, strict=True))


def test_a_search_reads_each_folder_s_texts_once_and_a_filter_never(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = found(store_dir, SEARCH)  # the cache is warm: texts written for every folder
    assert expected and len(expected) < len(Store.open(store_dir).actions)
    decoded = decoding(monkeypatch)
    searched = Store.open(store_dir, only=SEARCH)
    assert [a.ref for a in searched.actions] == expected
    assert [e.search for e in searched.excerpts] == [a.search_text() for a in searched.actions]
    texts = sorted(key for key in decoded if key.endswith("/:search"))
    assert texts == ["elections-demo/:search", "property-demo/:search"]
    decoded.clear()
    red = Store.open(store_dir, only=Filter(rags=frozenset({"red"})))
    assert red.actions and not [key for key in decoded if key.endswith("/:search")]
    # the load that did not search kept the texts for the next one
    assert TEXTS in ParseCache.open(the_cache(store_dir))._index


def test_a_changed_action_is_searched_by_its_new_text(store_dir: Path) -> None:
    Store.open(store_dir)  # the texts are cached
    path = store_dir / "elections-demo" / "1.3.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title: Zebra crossings and ", 1), encoding="utf-8")
    Store.open(store_dir, only=Filter(rags=frozenset({"red"})))  # parses it, does not search
    zebra = Store.open(store_dir, only=Filter(search="zebra crossings"))
    assert [a.ref for a in zebra.actions] == ["elections-demo/1.3"]
    assert "zebra crossings" in cached_texts(store_dir)["1.3.yaml"]


@pytest.mark.parametrize("damage", ["a flipped byte", "another shape", "a text not text"])
def test_a_damaged_search_text_value_is_rebuilt_never_believed(
    store_dir: Path, damage: str
) -> None:
    expected = found(store_dir, SEARCH)
    good = cached_texts(store_dir)
    path = the_cache(store_dir)
    cache = ParseCache.open(path)
    index, body = dict(cache._index), bytes(cache._body)
    fingerprint, start, end, hint, crc = index[TEXTS]
    if damage == "a flipped byte":  # the checksum no longer matches
        part = bytearray(body[start:end])
        part[len(part) // 2] ^= 0x20
        value = bytes(part)
    else:  # right checksums over the wrong thing
        names = tuple(good)
        texts = ("polling",) * len(names) if damage == "another shape" else (1,) * len(names)
        shape = (names, texts, "more") if damage == "another shape" else (names, texts)
        value = marshal.dumps(shape)
        crc = crc32(value)
    index[TEXTS] = (fingerprint, len(body), len(body) + len(value), hint, crc)
    parse_cache._write(path, index, [body, value])
    searched = Store.open(store_dir, only=SEARCH)
    assert [a.ref for a in searched.actions] == expected
    assert cached_texts(store_dir) == good  # rebuilt from the actions
    assert [a.ref for a in Store.open(store_dir, only=SEARCH).actions] == expected
