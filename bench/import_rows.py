"""Import rows of the bench: a 1,000-row council workbook imported, then imported again.

    python bench/import_rows.py [--rows 1000] [--repeat 5]    # these rows alone
    python bench/run.py                                       # every row, these included

"import" runs ``bvtui import`` on a fresh store each time (``bvtui init`` before it,
not timed); "re-import" imports the same file into the store it was imported into,
where nothing changes and nothing is committed. The floor beside the first is the
raw git work of the same result: ``git add`` + ``git commit`` of the files the import
wrote; beside the second, ``git status`` of the store.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import bvtui_command
from bench.table import Row, table
from bench.timing import median_time, run_quiet

IMPORT_TARGET_S = 2.0
REIMPORT_TARGET_S = 1.0
_STATUSES = ("On track", "Delayed", "Complete", "Overdue", "G", "Behind schedule")


def council_workbook(path: Path, rows: int) -> None:
    """A delivery plan as councils keep one: themes, leads, dates, RAG, quarter columns."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Theme", "Action", "Lead Officer", "Deadline", "Status", "% Complete",
                  "Q1 update", "Q2 update"])  # fmt: skip
    for n in range(rows):
        sheet.append(
            [f"A{n + 1}", f"Theme {n % 8}", f"Action {n}: improve the service, report to cabinet",
             f"Officer {n % 30} Name", "Q4 2025/26", _STATUSES[n % len(_STATUSES)], n % 101,
             "Started with partners.", "Continued; report due next quarter."]
        )  # fmt: skip
    book.save(path)


def _store(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for args in (["init", "-q"], ["config", "user.email", "b@x"], ["config", "user.name", "b"]):
        subprocess.run(["git", *args], cwd=folder, check=True)
    return folder / "plans"


def rows_import(bvtui: str, folder: Path, rows: int, repeat: int) -> list[Row]:
    folder.mkdir(parents=True, exist_ok=True)  # the workbook is written before any store
    source = folder / "plan.xlsx"
    council_workbook(source, rows)

    def fresh(i: int) -> Path:
        store = _store(folder / f"store-{i}")
        run_quiet([bvtui, "init", str(store)])
        return store

    stores = {i: fresh(i) for i in range(-1, repeat)}
    argv = [bvtui, "import", str(source), "--plan", "delivery"]
    ours = median_time(lambda i: run_quiet([*argv, "--store", str(stores[i])]), repeat)

    def raw_commit(i: int) -> None:
        top = stores[i].parent
        subprocess.run(["git", "reset", "-q", "HEAD~1"], cwd=top, check=True)
        subprocess.run(["git", "add", "-A"], cwd=top, check=True)
        subprocess.run(["git", "commit", "-q", "-m", "raw"], cwd=top, check=True)

    floor = median_time(raw_commit, repeat)
    again = median_time(lambda _i: run_quiet([*argv, "--store", str(stores[0])]), repeat)
    status = median_time(
        lambda _i: run_quiet(["git", "status", "--porcelain"], cwd=stores[0]), repeat
    )
    what = f"import: {rows}-row xlsx"
    return [
        Row(what, ours, floor, "git add + commit of its files", f"<= {IMPORT_TARGET_S} s",
            ours <= IMPORT_TARGET_S),
        Row(f"re-import, unchanged: {rows}-row xlsx", again, status, "git status",
            f"<= {REIMPORT_TARGET_S} s", again <= REIMPORT_TARGET_S),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bvtui-bench-import-") as tmp:
        rows = rows_import(bvtui_command(), Path(tmp), args.rows, args.repeat)
    print(f"times: median of {args.repeat} runs after 1 warm-up; wall clock, subprocesses\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
