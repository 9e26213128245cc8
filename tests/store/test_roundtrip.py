"""Round-trip fidelity: a no-op save is byte-identical, one changed field changes only
its lines, comments and key order survive, and any text survives save and load."""

import difflib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bvtui.model import STORED_FIELDS, action_to_mapping, edited
from bvtui.store import Store, read_mapping, render_mapping
from tests.conftest import STORE_DATA

HAND_WRITTEN = """\
---
# Hand-written by the plan officer; keep this comment.
id: "2.1"          # quoted with double quotes
title: Meeting Government Officials to discuss pilot voter identification scheme proposal, a long title that must never be folded over several lines by the writer
status: On Target
officers:
  - Will Tuckley   # the CEO
  - Louise Stamp
my_own_key: kept as it is
progress: 20
deadline: Feb-17
updates:
  - period: 2017-18 Q1
    text: >-
      Folded text written
      by hand stays folded.
extra:
  Source: AGS
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_every_fixture_file_saves_byte_identical(store_dir: Path) -> None:
    store = Store.open(store_dir)
    for action in store.actions:
        text = Path(action.path).read_text()
        assert render_mapping(text, action_to_mapping(action), STORED_FIELDS) == text, action.path


def test_hand_written_file_no_op_is_byte_identical_and_one_change_moves_one_line(
    store_dir: Path,
) -> None:
    path = store_dir / "elections-demo" / "2.1.yaml"
    path.write_text(HAND_WRITTEN)
    store = Store.open(store_dir)
    action = store.find("elections-demo/2.1")
    assert render_mapping(HAND_WRITTEN, action_to_mapping(action), STORED_FIELDS) == HAND_WRITTEN
    store.save_action(edited(action, {"progress": "45"}))
    after = path.read_text()
    assert changed_lines(HAND_WRITTEN, after) == ["-progress: 20", "+progress: 45"]


def test_adding_an_update_only_appends_lines(store_dir: Path) -> None:
    path = store_dir / "elections-demo" / "2.1.yaml"
    path.write_text(HAND_WRITTEN)
    store = Store.open(store_dir)
    store.save_action(edited(store.find("elections-demo/2.1"), {}, update="Line one\nLine two"))
    diff = changed_lines(HAND_WRITTEN, path.read_text())
    assert all(line.startswith("+") for line in diff)
    assert "+    text: |-" in diff and "+      Line two" in diff


def test_a_new_file_is_written_in_the_canonical_form() -> None:
    text = (STORE_DATA / "elections-demo" / "1.9.yaml").read_text()
    data = read_mapping(text, "1.9.yaml")
    data["progress"] = int(data["progress"])
    data["revised_deadline"] = None
    assert render_mapping(None, data, STORED_FIELDS) == text


# --- any text in any field survives save and load -----------------------------------

# Everything a person can type or paste, surrogates excluded (not encodable as UTF-8).
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
tricky_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "[red]not markup[/red]",
            "key: value # not a comment",
            "  leading spaces",
            "trailing spaces   ",
            "line one\nline two\n\n  indented third\n",
            "'single' and \"double\" quotes",
            "- looks like a list",
            "yes",
            "null",
            "~",
            "1.10",
            "0755",
            "2017-09-29",
            "\x1b[31mred\x1b[0m",
            "tab\tinside",
            "\u2028line separator\u0085next line",
            "\ufeffbom",
            "emoji 🎉 and ünïcödé",
            "---",
            "...",
            "&anchor *alias !tag %directive @at `tick`",
        ]
    ),
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=tricky_text.filter(lambda t: t.strip()),
    deadline=tricky_text,
    objective=tricky_text,
    officer=tricky_text.filter(
        lambda t: t.strip() and "," not in t and ";" not in t and "/" not in t
    ),
    update=tricky_text.filter(lambda t: t.strip("\n").strip()),
    extra=tricky_text,
)
def test_any_text_in_any_field_survives_save_and_load(
    make_repo, title, deadline, objective, officer, update, extra
) -> None:
    store_dir = _store(make_repo)
    original = (STORE_DATA / "elections-demo" / "1.3.yaml").read_text()
    (store_dir / "elections-demo" / "1.3.yaml").write_text(original)  # each example from scratch
    store = Store.open(store_dir)
    action = store.find("elections-demo/1.3")
    new = edited(
        action,
        {
            "title": title,
            "deadline": deadline,
            "objective": objective,
            "officers": officer,
            "extra.Note": extra,
        },
        update=update,
    )
    store.save_action(new)
    again = Store.open(store_dir).find("elections-demo/1.3")
    assert again.title == new.title
    assert again.deadline == new.deadline
    assert again.objective == new.objective
    assert again.officers == [" ".join(officer.split())]
    assert again.updates[-1].text == new.updates[-1].text
    assert again.extra.get("Note", "") == (extra if extra else "")
    # and saving what was loaded changes nothing
    text = Path(again.path).read_text()
    assert render_mapping(text, action_to_mapping(again), STORED_FIELDS) == text


_STORES: dict[int, Path] = {}


def _store(make_repo) -> Path:
    """One repository for all hypothesis examples of a test run (git init is slow)."""
    key = id(make_repo)
    if key not in _STORES:
        _STORES[key] = make_repo()
    return _STORES[key]


def test_names_that_look_like_yaml_syntax_survive_in_the_inline_list(store_dir: Path) -> None:
    """Regression: ``[?0]`` is a mapping to libyaml, so such names are quoted."""
    names = ["?0", "a: b", "#hash", "[x]", "null", "-dash", "O'Brien", "A & B", "Émilie Dupré"]
    store = Store.open(store_dir)
    action = store.find("elections-demo/1.3")
    store.save_action(edited(action, {"officers": "; ".join(names)}))
    assert Store.open(store_dir).find("elections-demo/1.3").officers == names
