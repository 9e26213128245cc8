"""What keeps the command line fast: it imports only what a command uses, reads the
parse cache, and writes json with the standard library's encoder, one record a line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bvtui.cli.output import json_lines, json_text, write_actions
from bvtui.reporting import action_record
from bvtui.store import Store

PROBE = """
import sys
import bvtui.store.parse_cache as cache
cache.RACY_NS = 0  # the fixture files were written just now: cache them anyway
from bvtui.cli.main import main
main({argv!r})
heavy = ("textual", "ruamel", "openpyxl", "yaml", "tabulate", "importlib.metadata", "_hashlib",
         "docx", "fpdf", "PIL", "git")
loaded = sorted({{"importlib.metadata" if m.startswith("importlib.") else m.split(".")[0]
                 for m in sys.modules if m.startswith(heavy)}})
print("BVTUI", " ".join(sorted(m for m in sys.modules if m.startswith("bvtui."))), file=sys.stderr)
print("LOADED", " ".join(loaded), file=sys.stderr)
"""


def _probe(store_dir: Path, *argv: str) -> tuple[set[str], set[str]]:
    """The heavy libraries and bvtui's own modules a command imports."""
    probe = PROBE.format(argv=list(argv))
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=store_dir.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    own, heavy = result.stderr.strip().splitlines()[-2:]
    assert own.startswith("BVTUI") and heavy.startswith("LOADED")
    return set(heavy.split()[1:]), set(own.split()[1:])


def loaded_modules(store_dir: Path, *argv: str) -> set[str]:
    return _probe(store_dir, *argv)[0]


def test_log_of_one_action_loads_no_store_report_or_audit(store_dir: Path) -> None:
    # one file's history: git's log and blobs, the YAML reader; nothing that loads or
    # lists the store, builds reports or audits (bvtui/facade.py imports on first use),
    # nor the model's actions, rules and dates (the parser needs none of them)
    heavy, own = _probe(store_dir, "log", "elections-demo/1.3")
    assert heavy == {"yaml"}
    needed = {"bvtui.cli.log", "bvtui.trail.history", "bvtui.git.gitlog", "bvtui.store.yaml_io"}
    assert needed <= own
    unused = {
        "bvtui.store.store",  # (the probe itself imports the parse cache)
        "bvtui.store.saving",
        "bvtui.store.yaml_canonical",
        "bvtui.trail.audit",
        "bvtui.trail.changes",
        "bvtui.cli.commands",
        "bvtui.cli.output",
        "bvtui.git.remote",
        "bvtui.model.filters",
        "bvtui.model.edit",
        "bvtui.reporting.records",
        "bvtui.reporting.pack",
        "bvtui.reporting.output",
        "bvtui.model.model",
        "bvtui.model.schema",
        "bvtui.model.governance",
        "bvtui.model.dates",
    }
    assert not unused & own
    assert not any(module.startswith("bvtui.tui") for module in own)


def test_log_shown_again_imports_no_yaml_library(store_dir: Path) -> None:
    # the blobs' mappings come from the parse cache, kept under their blob ids
    _probe(store_dir, "log", "elections-demo/1.3")
    heavy, own = _probe(store_dir, "log", "elections-demo/1.3")
    assert heavy == set()
    assert "bvtui.trail.history" in own


def test_list_imports_no_yaml_library_once_cached_and_no_app(store_dir: Path) -> None:
    loaded_modules(store_dir, "list", "--format", "json")  # fills the cache
    assert loaded_modules(store_dir, "list", "--format", "json") == set()
    # tabulate 0.10 would add importlib.metadata (~15 ms): pinned below 0.10 for that
    assert loaded_modules(store_dir, "list", "--rag", "red") == {"tabulate"}


def test_set_imports_the_reader_ruamel_only_for_a_hand_written_file_and_not_the_app(
    store_dir: Path,
) -> None:
    # a file as bvtui writes it: rewritten without ruamel (bvtui.store.yaml_canonical);
    # the files' digests come from the public hashlib, which loads OpenSSL (_hashlib)
    written = {"yaml", "_hashlib"}
    assert loaded_modules(store_dir, "set", "elections-demo/1.9", "status=Delayed") == written
    assert loaded_modules(store_dir, "set", "elections-demo/1.9", "--update", "Booked.") == written
    # a file with a comment: ruamel's round trip keeps it
    loaded = loaded_modules(store_dir, "set", "elections-demo/1.3", "progress=30")
    assert loaded == {"ruamel", *written}


def test_set_of_one_action_imports_what_one_save_uses(store_dir: Path) -> None:
    # no filter, saved views, bulk edit, git log reader or json: a set of one action
    # reads its plan and its file, saves, and commits
    _heavy, own = _probe(store_dir, "set", "elections-demo/1.9", "status=Delayed")
    assert {"bvtui.store.saving", "bvtui.store.rendering"} <= own
    unused = {
        "bvtui.model.filters",
        "bvtui.store.views",
        "bvtui.store.bulk",
        "bvtui.git.gitlog",
        "bvtui.cli.bulk",
        "bvtui.cli.output",
    }
    assert not unused & own


def test_set_of_one_action_builds_no_dataclass(store_dir: Path) -> None:
    # the records a save handles (actions, plans, updates, refs, changes, the
    # repository, the result) are plain classes and named tuples: dataclasses and the
    # inspect module it imports cost every command that defines one (bench/README.md);
    # an edit copies its action with Record.copy, not with the copy module
    probe = PROBE.format(argv=["set", "elections-demo/1.9", "status=Delayed"])
    unused = "{'dataclasses', 'inspect', 'copy'}"
    probe += f"print('STDLIB', *sorted({unused} & set(sys.modules)), file=sys.stderr)"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=store_dir.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "committed" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "STDLIB"


def test_version_does_not_import_the_world(store_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bvtui", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("bvtui ")
    probe = (
        "import sys\nfrom bvtui.cli.main import main\ntry:\n    main(['--version'])\n"
        "except SystemExit:\n    pass\n"
        "print(' '.join(m for m in sys.modules if m.startswith(('bvtui.git', 'bvtui.store', "
        "'bvtui.trail', 'bvtui.cli.commands', 'yaml'))))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[2:] == []  # after the version line, "bvtui 0.1.0"


def test_json_text_is_one_record_a_line_and_reads_back(store_dir: Path) -> None:
    records = [action_record(action) for action in Store.open(store_dir).actions]
    text = json_text(records)
    assert json.loads(text) == records
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(records) + 2
    for line, record in zip(lines[1:-1], records, strict=True):
        assert line.removesuffix(",") == json.dumps(record, ensure_ascii=False)
    assert json_text([]) == "[]"


class CountedWrites(io.StringIO):
    """A text stream that counts the calls writing to it."""

    calls = 0

    def write(self, text: str) -> int:
        self.calls += 1
        return super().write(text)


def test_a_json_listing_is_written_in_pieces_as_its_records_are_built(store_dir: Path) -> None:
    actions = Store.open(store_dir).actions * 100
    out = CountedWrites()
    write_actions(actions, "json", out)
    assert out.getvalue() == json_text([action_record(action) for action in actions]) + "\n"
    assert len(actions) >= 1000 and out.calls <= len(actions) // 100  # not a call per line
    built: list[str] = []

    def records() -> Iterator[dict[str, object]]:
        for action in actions:
            built.append(action.ref)
            yield action_record(action)

    lines = json_lines(records())
    assert next(lines) == "[\n" and next(lines).startswith('{"ref": ')
    assert len(built) == 2  # one record encoded, the next looked at: none held ahead


def test_json_text_keeps_any_text_as_text() -> None:
    records = [{"title": 'é\n"\u2028\t[red]\x1b[31m', "n": None, "ok": True, "list": []}]
    assert json.loads(json_text(records)) == records
    assert "\x1b" not in json_text(records)  # escape codes stay escaped in the output


def test_json_text_writes_any_value_as_json_dumps_does() -> None:
    record = {"f": [1.5, 1e300, -0.0], "big": 10**30, "t": (1, "x"), "d": {"k": {"é": []}}}
    assert json_text([record]).splitlines()[1] == json.dumps(record, ensure_ascii=False)
    with pytest.raises(TypeError):
        json_text([{"when": object()}])


def test_the_word_and_pdf_libraries_load_only_for_their_formats(
    store_dir: Path, tmp_path: Path
) -> None:
    packs = {"docx", "fpdf", "PIL"}
    assert not packs & loaded_modules(store_dir, "list")
    assert not packs & loaded_modules(store_dir, "report", "--format", "html")
    pdf = loaded_modules(store_dir, "report", "--format", "pdf", "-o", str(tmp_path / "r.pdf"))
    assert {"fpdf", "PIL"} <= pdf and "docx" not in pdf
    word = loaded_modules(store_dir, "report", "--format", "docx", "-o", str(tmp_path / "r.docx"))
    assert {"docx", "PIL"} <= word and "fpdf" not in word


def test_reading_and_saving_never_import_gitpython(store_dir: Path) -> None:
    # GitPython (git, gitdb: ~100-150 ms) is for sync's fetch and push only
    for argv in (
        ["list"],
        ["list", "--format", "json"],
        ["show", "elections-demo/1.3"],
        ["set", "elections-demo/1.9", "status=Delayed"],
        ["log", "elections-demo/1.3"],
    ):
        loaded = loaded_modules(store_dir, *argv)
        assert not {"git", "gitdb"} & loaded, argv
