"""Shared fixtures: real git repositories in temporary folders holding real store files.

Every test runs with git's global and system configuration replaced by a file of its
own, so the machine's identity, hooks or signing settings never leak in, and a test
can take the identity away to see a commit refused.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
STORE_DATA = DATA / "store"
SEEDS = DATA / "seeds"  # the public council documents, checked in (see its README)

IDENTITY = "Test Officer <officer@example.org>"


def git(cwd: Path, *args: str, check: bool = True) -> str:
    """Run git in ``cwd`` and return its stdout."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the ``bvtui`` command line in-process: its exit code, stdout and stderr."""
    from bvtui.cli.main import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A global git config of the test's own, with a known identity and no surprises."""
    home = tmp_path_factory.mktemp("home")
    config = home / ".gitconfig"
    config.write_text(
        "[user]\n\tname = Test Officer\n\temail = officer@example.org\n"
        "\tuseConfigOnly = true\n[init]\n\tdefaultBranch = main\n"
        "[commit]\n\tgpgsign = false\n"
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in (
        "BVTUI_STORE",
        "BVTUI_AUTHOR",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "XDG_CONFIG_HOME",  # the app's settings: under the test's own HOME
    ):
        monkeypatch.delenv(name, raising=False)
    return config


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., Path]:
    """Make a git repository whose ``plans/`` holds copies of fixture plans, committed.

    Returns the store folder (``<repo>/plans``).
    """

    def make(*plans: str, name: str = "repo") -> Path:
        top = tmp_path / name
        store = top / "plans"
        store.mkdir(parents=True)
        git(top, "init", "--quiet")
        for plan in plans or ("elections-demo", "property-demo"):
            shutil.copytree(STORE_DATA / plan, store / plan)
        git(top, "add", "-A")
        git(top, "commit", "--quiet", "-m", "fixture plans")
        return store

    return make


@pytest.fixture
def store_dir(make_repo: Callable[..., Path]) -> Path:
    """The default fixture store: two small real plans in a fresh repository."""
    return make_repo()
