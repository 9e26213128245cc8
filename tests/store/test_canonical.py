"""The canonical writer (no ruamel) gives exactly the bytes ruamel's round trip gives:
for new files, for every seed action, for edits of canonical files, and for generated
values; anything it does not reproduce it leaves to ruamel (None)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from bvtui.model import STORED_FIELDS, Action, action_to_mapping, edited
from bvtui.store import Store, canonical_edit, canonical_text, reads_as_text, render_mapping
from tests.conftest import STORE_DATA

SEED_STORE = Path(__file__).resolve().parents[2] / "plans"

TEXTS = [
    "Delayed",
    "",
    "x: y",
    "it's",
    "'quoted'",
    '"double"',
    "2018",
    "1.10",
    "0o17",
    "true",
    "True",
    "yes",
    "null",
    "~",
    "2018-01-05",
    "- dash",
    "-dash",
    "# hash",
    "a #b",
    "a#b",
    "[x]",
    "a, b",
    "?0",
    ":x",
    "key:",
    "---",
    "  lead",
    "trail ",
    "ünïcode — dash 🎉",
    "O'Brien, Jr",
    "back\\slash",
    "tab\tinside",
    "nbsp\u00a0inside",
    "line\u2028sep",
    "one\ntwo",
    "one\n\ntwo: three\n- four",
    "ends with a break\n",
    "ends with two\n\n",
    "trailing space \nnext",
    "x" * 4100,
]


def actions(root: Path) -> list[Action]:
    store = Store.open(root)
    assert not store.problems
    return store.actions


def seed_actions() -> list[Action]:
    return actions(SEED_STORE) + actions(STORE_DATA)


def test_new_files_are_ruamels_text_for_every_seed_action() -> None:
    every = seed_actions()
    assert len(every) > 300
    for action in every:
        data = action_to_mapping(action)
        text = canonical_text(data, STORED_FIELDS)
        assert text == render_mapping(None, data, STORED_FIELDS), action.path


def test_most_seed_files_are_canonical_and_hand_written_ones_are_not() -> None:
    """Guards the fast path itself: were it never taken, the tests comparing its output
    with ruamel's would pass for nothing."""
    canonical = [
        a for a in seed_actions() if canonical_text(action_to_mapping(a), STORED_FIELDS) == _disk(a)
    ]
    assert len(canonical) > 250
    hand_written = Store.open(STORE_DATA).find("elections-demo/1.3")  # has a comment
    before = action_to_mapping(hand_written)
    assert canonical_edit(_disk(hand_written), before, before, STORED_FIELDS) is None


def _disk(action: Action) -> str:
    assert action.path
    return Path(action.path).read_text(encoding="utf-8")


def _edits(action: Action, text: str) -> list[Action]:
    statuses = list(action.plan.statuses) or ["Delayed"]
    today = date(2018, 1, 5)
    tries: list[tuple[dict[str, str], str | None]] = [
        ({"progress": "45"}, None),
        ({"progress": ""}, None),
        ({"status": statuses[-1]}, None),
        ({"status": ""}, None),
        ({}, text),
        ({"title": text}, None),
        ({"theme": text, "objective": text}, None),
        ({"deadline": text, "revised_deadline": "2019-01-01"}, "Line one\nLine two"),
        ({"officers": "A Person, O'Brien"}, None),
        ({"officers": ""}, None),
        ({"extra.Source": text}, None),
        ({"extra.Lead member": "Cllr X"}, None),
    ]
    out = []
    for values, update in tries:
        try:
            out.append(edited(action, values, update=update, today=today))
        except ValueError:
            continue
    return out


def _compare_edits(action: Action, texts: list[str], every: int = 1, offset: int = 0) -> int:
    """Each edit of ``action`` (one in ``every``), written both ways: the same bytes."""
    old = _disk(action)
    before = action_to_mapping(action)
    if canonical_text(before, STORED_FIELDS) != old:
        return 0
    compared = 0
    for index, text in enumerate(texts):
        for number, new in enumerate(_edits(action, text)):
            if (index + number + offset) % every:
                continue
            data = action_to_mapping(new)
            fast = canonical_edit(old, before, data, STORED_FIELDS)
            if fast is not None:
                assert fast == render_mapping(old, data, STORED_FIELDS), (action.path, data)
                compared += 1
    return compared


def test_edits_of_every_canonical_seed_file_are_ruamels_text() -> None:
    compared = sum(
        _compare_edits(action, [TEXTS[i % len(TEXTS)]], every=3, offset=i)
        for i, action in enumerate(seed_actions())
    )
    assert compared > 700


def test_edits_with_awkward_text_are_ruamels_text() -> None:
    store = Store.open(STORE_DATA)
    assert _compare_edits(store.find("elections-demo/1.9"), TEXTS) > 200
    assert _compare_edits(store.find("property-demo/6.1"), TEXTS) > 200


@pytest.mark.parametrize(
    ("old", "new", "written"),
    [
        # ruamel keeps a changed text's old quotes (CommentedMap.__setitem__)
        ("deadline: 'Jul-16 (aim: May 16)'", "Delayed", "deadline: 'Delayed'"),
        ("deadline: 'x: y'", "it's", "deadline: 'it''s'"),
        ("deadline: \"'q'\"", "plain", 'deadline: "plain"'),
        ("deadline: plain", "x: y", "deadline: 'x: y'"),
        ("deadline:", "'q'", "deadline: \"'q'\""),
    ],
)
def test_a_changed_text_keeps_its_old_quotes_as_ruamel_does(
    old: str, new: str, written: str
) -> None:
    before = {"id": "1", "deadline": _read_value(old)}
    text = canonical_text(before, STORED_FIELDS)
    assert text == f"id: '1'\n{old}\n"
    data = {"id": "1", "deadline": new}
    fast = canonical_edit(text, before, data, STORED_FIELDS)
    assert fast == render_mapping(text, data, STORED_FIELDS) == f"id: '1'\n{written}\n"


def _read_value(line: str) -> Any:
    value = line.partition(":")[2].strip()
    if not value:
        return None
    if value[0] == "'":
        return value[1:-1].replace("''", "'")
    if value[0] == '"':
        return value[1:-1]  # no escapes in these cases
    return value


def test_names_added_to_an_empty_list_become_a_block_list_as_with_ruamel() -> None:
    before = {"id": "1", "officers": []}
    text = canonical_text(before, STORED_FIELDS)
    assert text is not None
    data = {"id": "1", "officers": ["A B", "x, y"]}
    fast = canonical_edit(text, before, data, STORED_FIELDS)
    assert (
        fast == render_mapping(text, data, STORED_FIELDS) == "id: '1'\nofficers:\n- A B\n- x, y\n"
    )
    # not the canonical (inline) form any more: the next save is ruamel's
    assert canonical_edit(fast, data, {"id": "1", "officers": ["A B"]}, STORED_FIELDS) is None


@pytest.mark.parametrize(
    "extra", [{"B": "y", "A": "x"}, {"B": "z", "A": "x"}, {"C": "'c'", "A": "x"}, {}]
)
def test_a_mapping_keeps_its_old_order_as_with_ruamel(extra: dict[str, str]) -> None:
    before = {"id": "1", "extra": {"A": "x", "B": "y"}}
    text = canonical_text(before, STORED_FIELDS)
    assert text is not None
    data = {"id": "1", "extra": extra}
    fast = canonical_edit(text, before, data, STORED_FIELDS)
    assert fast is not None and fast == render_mapping(text, data, STORED_FIELDS)


def test_an_indentation_ruamel_would_guess_otherwise_is_left_to_ruamel() -> None:
    before = {
        "id": "1",
        "objective": "Notes:\n  - item",
        "updates": [{"period": "Q1", "text": "t"}],
    }
    text = canonical_text(before, STORED_FIELDS)
    assert text is not None and text == render_mapping(None, before, STORED_FIELDS)
    assert canonical_edit(text, before, {**before, "id": "2"}, STORED_FIELDS) is None


_resolver_text = st.text(
    st.sampled_from(list("0123456789_.+-eEoxb:TtZ aAfinNlurs~=<!&*")), min_size=1
)


@settings(max_examples=3000, deadline=None)
@given(plain=st.one_of(_resolver_text, st.sampled_from(TEXTS[:-1]).filter(bool)))
def test_what_reads_back_as_text_is_what_ruamels_resolver_says(plain: str) -> None:
    tag = VersionedResolver(version=(1, 2)).resolve(ScalarNode, plain, (True, False))
    assert reads_as_text(plain) == (tag == "tag:yaml.org,2002:str"), plain


# --- generated values -----------------------------------------------------------------

_chars = st.sampled_from(list("abcXYZ019 :#-'\",[]{}&*!|>%@`?._/()+=<\\\n\té\u00a0\u2028\x85"))
_words = st.sampled_from(["", "On Target", "x", "true", "null", "1.5", "2018-01-05", "---", " #"])
text_values = st.one_of(
    st.sampled_from(TEXTS[:-1]),
    st.builds(lambda a, b: a + b, _words, st.text(_chars, max_size=12)),
)
scalars = st.one_of(
    st.none(),
    st.integers(0, 100),
    st.dates(date(2000, 1, 1), date(2030, 1, 1)),
    text_values,
)
names = st.lists(text_values, max_size=3)
update = st.dictionaries(
    st.sampled_from(["period", "date", "author", "text", "note"]), scalars, min_size=1, max_size=4
)
extra = st.dictionaries(st.sampled_from(["Source", "Lead member", "x", "1"]), scalars, max_size=3)
mappings = st.fixed_dictionaries(
    {"id": st.sampled_from(["1.2", "A1", "x"])},
    optional={
        "title": text_values,
        "theme": scalars,
        "objective": text_values,
        "officers": names,
        "deadline": scalars,
        "status": scalars,
        "progress": scalars,
        "updates": st.lists(update, max_size=2),
        "extra": extra,
        "other key": st.one_of(scalars, names),
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mappings)
def test_generated_new_files_are_ruamels_text(data: dict[str, Any]) -> None:
    text = canonical_text(data, STORED_FIELDS)
    if text is not None:
        assert text == render_mapping(None, data, STORED_FIELDS)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=mappings, after=mappings, keep=st.sets(st.sampled_from(list(STORED_FIELDS))))
def test_generated_edits_are_ruamels_text(
    before: dict[str, Any], after: dict[str, Any], keep: set[str]
) -> None:
    data = {**after, **{k: v for k, v in before.items() if k in keep}}
    if isinstance(before.get("officers"), list) and "officers" not in keep:
        data["officers"] = before["officers"] + after.get("officers", [])  # an append
    old = canonical_text(before, STORED_FIELDS)
    if old is None:
        return
    fast = canonical_edit(old, before, data, STORED_FIELDS)
    if fast is not None:
        assert fast == render_mapping(old, data, STORED_FIELDS)


# --- the save ------------------------------------------------------------------------

PROBE = """
import sys
from bvtui.cli.main import main
code = main({argv!r})
print("LOADED", " ".join(sorted({{m.split(".")[0] for m in sys.modules}} & {{"ruamel", "yaml"}})))
sys.exit(code)
"""


def _set(store_dir: Path, *argv: str) -> set[str]:
    probe = PROBE.format(argv=["set", "--store", str(store_dir), *argv])
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split("LOADED")[1].split())


def test_a_save_of_a_canonical_file_writes_ruamels_bytes_without_ruamel(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "1.9.yaml"
    old = path.read_text(encoding="utf-8")
    action = Store.open(store_dir).find("elections-demo/1.9")
    assert canonical_text(action_to_mapping(action), STORED_FIELDS) == old
    for argv, values, update in [
        (["progress=35"], {"progress": "35"}, None),
        (["status=Delayed"], {"status": "Delayed"}, None),
        (["--update", "Venue booked.\nSecond line"], {}, "Venue booked.\nSecond line"),
    ]:
        action = Store.open(store_dir).find("elections-demo/1.9")
        expected = render_mapping(
            path.read_text(encoding="utf-8"),
            action_to_mapping(edited(action, values, update=update)),
            STORED_FIELDS,
        )
        assert "ruamel" not in _set(store_dir, "elections-demo/1.9", *argv)
        if update is None:
            assert path.read_text(encoding="utf-8") == expected
        else:  # the update is dated today by the command
            written = path.read_text(encoding="utf-8")
            assert written.split("  date: ")[0] == expected.split("  date: ")[0]
            assert written.endswith("  text: |-\n    Venue booked.\n    Second line\n")
