"""``bvtui audit --signatures``: the trail checked by git's own SSH signature
verification against the store's ``.bvtui/allowed_signers``, with real keys made by
``ssh-keygen`` in the test: signed, unsigned, unknown signer, and rewritten commits."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from bvtui.cli.main import main
from tests.conftest import git


def ssh_key(folder: Path, name: str) -> Path:
    """A new ed25519 key pair without a passphrase; the private key's path."""
    key = folder / name
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True
    )
    return key


def audit(capsys, store: Path, *args: str) -> tuple[int, str]:
    code = main(["audit", "--signatures", "--store", str(store), *args])
    out, err = capsys.readouterr()
    return code, out + err


def hand_commit(top: Path, message: str, *config: str) -> None:
    """A hand edit committed with plain git (``config``: ``-c`` settings for it)."""
    path = top / "plans" / "elections-demo" / "1.10.yaml"
    path.write_text(f"{path.read_text()}# {message}\n")
    git(top, *config, "commit", "--quiet", "-am", message)


@pytest.fixture
def signed(capsys, store_dir: Path, tmp_path: Path) -> tuple[Path, str, Path]:
    """The fixture store after Alice set up signing and saved one edit: the store, the
    fixture commit (unsigned, before signing was set up) and the keys' folder."""
    keys = tmp_path / "keys"
    keys.mkdir()
    alice = ssh_key(keys, "alice")
    fixture = git(store_dir.parent, "rev-parse", "HEAD").strip()
    assert main(["setup-signing", "--store", str(store_dir), "--key", f"{alice}.pub"]) == 0
    assert main(["set", "--store", str(store_dir), "1.3", "progress=40"]) == 0
    capsys.readouterr()
    return store_dir, fixture, keys


def test_setup_signing_commits_the_allowed_key_and_signs_saves(capsys, signed) -> None:
    store, fixture, keys = signed
    top = store.parent
    allowed = (top / ".bvtui" / "allowed_signers").read_text()
    key = (keys / "alice.pub").read_text().split()[1]
    assert allowed == f'officer@example.org namespaces="git" ssh-ed25519 {key}\n'
    assert git(top, "log", "--format=%G?", f"{fixture}..HEAD").split() == ["G", "G"]
    code, out = audit(capsys, store, "--since", fixture)
    assert code == 0, out
    assert "2 commits checked, every one signed by an allowed signer" in out
    code, out = audit(capsys, store, "--since", "HEAD~1")
    assert code == 0, out
    assert "audit: 1 commit checked, every one signed by an allowed signer" in out


def test_the_whole_history_lists_the_unsigned_fixture_commit(capsys, signed) -> None:
    store, fixture, _keys = signed
    code, out = audit(capsys, store)
    assert code == 1
    [row] = [line for line in out.splitlines() if fixture[:10] in line]
    assert "unsigned" in row and "fixture plans" in row


def test_unsigned_and_unknown_signer_are_listed(capsys, signed) -> None:
    store, fixture, keys = signed
    top = store.parent
    hand_commit(top, "hand edit, not signed", "-c", "commit.gpgsign=false")
    mallory = ssh_key(keys, "mallory")
    hand_commit(top, "signed by a key nobody allowed", "-c", f"user.signingkey={mallory}")
    code, out = audit(capsys, store, "--since", fixture, "--format", "json")
    assert code == 1
    found = {item["subject"]: item for item in json.loads(out)["findings"]}
    assert set(found) == {"hand edit, not signed", "signed by a key nobody allowed"}
    assert found["hand edit, not signed"]["verdict"] == "unsigned"
    unknown = found["signed by a key nobody allowed"]
    assert unknown["verdict"].startswith("unknown signer")
    assert unknown["key"].startswith("SHA256:")  # whose key it was, to ask about


def test_a_commit_amended_by_someone_else_loses_its_signature(capsys, signed) -> None:
    store, fixture, _keys = signed
    top = store.parent
    git(
        top,
        "-c",
        "commit.gpgsign=false",
        "commit",
        "--quiet",
        "--amend",
        "--author=Someone Else <else@example.org>",
        "-m",
        "1.3: progress 20 -> 40 (amended)",
    )
    code, out = audit(capsys, store, "--since", fixture)
    assert code == 1
    [row] = [line for line in out.splitlines() if "amended" in line]
    assert "Someone Else" in row and "unsigned" in row


def test_a_rewritten_commit_keeping_the_old_signature_is_a_bad_signature(capsys, signed) -> None:
    """The signed commit's object rewritten (its message changed) with the signature
    copied over as it was: git's verification fails, and the audit says so."""
    store, fixture, _keys = signed
    top = store.parent
    original = git(top, "cat-file", "commit", "HEAD")
    assert "gpgsig -----BEGIN SSH SIGNATURE-----" in original
    forged = original.replace("progress 20 -> 40", "progress 20 -> 4")
    assert forged != original
    sha = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=top,
        input=forged,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    git(top, "update-ref", "HEAD", sha)
    code, out = audit(capsys, store, "--since", fixture)
    assert code == 1
    [row] = [line for line in out.splitlines() if sha[:10] in line]
    assert "bad signature" in row


def test_without_an_allowed_signers_file_nothing_verifies(capsys, signed) -> None:
    store, fixture, _keys = signed
    (store.parent / ".bvtui" / "allowed_signers").unlink()
    code, out = audit(capsys, store, "--since", fixture)
    assert code == 1
    assert ".bvtui/allowed_signers: no signature can be verified" in out
