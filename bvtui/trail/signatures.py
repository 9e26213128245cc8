"""A signed trail: every commit to the plans checked by git's own signature verification.

With ``gpg.format=ssh``, each officer signs commits with an SSH key (bvtui's saves go
through the git command, so ``commit.gpgsign`` applies to them), and the store keeps
who may sign in ``.bvtui/allowed_signers`` at the top of the repository (OpenSSH's
format: ``email namespaces="git" ssh-ed25519 AAAA...``). :func:`check_signatures`
asks git (``%G?``, ``%GS``, ``%GK``) about every commit that touched the store or that
file, verifying against the store's file, and :class:`SignatureCheck` says what each
one is: signed by an allowed signer, unsigned, signed by a key nobody allowed, or a
signature that does not match the commit (the commit was rewritten after signing).
The commits that change ``allowed_signers`` are checked like the rest, so a key slipped
in by an unsigned commit shows.

:func:`setup_signing` configures one clone to sign and adds its key to the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bvtui.git import GitError, Repo
from bvtui.model import one_line
from bvtui.store import write_atomically

ALLOWED_SIGNERS = ".bvtui/allowed_signers"
"""Who may sign, kept in the store's repository (relative to its top)."""

_VERDICTS = {
    "G": "signed",
    "U": "unknown signer: the key is not in allowed_signers",
    "N": "unsigned",
    "B": "bad signature: the commit does not match what was signed (rewritten?)",
    "X": "signed, but the signature has expired",
    "Y": "signed, but the key has expired",
    "R": "signed with a revoked key",
    "E": "signature cannot be checked (no allowed_signers file?)",
}

_FORMAT = "%x1e%H%x00%G?%x00%GS%x00%GK%x00%an%x00%aI%x00%s"


@dataclass(frozen=True)
class SignatureCheck:
    """What git says of one commit's signature."""

    commit: str
    code: str
    """git's ``%G?``: G good, U unknown signer, N none, B bad, X/Y expired, R revoked,
    E cannot be checked."""
    signer: str
    """The allowed signer the signature matched (``%GS``), "" when none did."""
    key: str
    """The signing key's fingerprint (``%GK``), "" when unsigned."""
    author: str
    date: str
    subject: str

    @property
    def ok(self) -> bool:
        """Signed by an allowed signer, and the commit is what was signed."""
        return self.code == "G"

    @property
    def verdict(self) -> str:
        """In words: ``signed by alice@example.org``, ``unsigned``..."""
        if self.ok:
            return f"signed by {one_line(self.signer)}"
        return _VERDICTS.get(self.code, f"signature status {self.code!r}")


@dataclass
class SignatureReport:
    """Every commit checked, and the allowed_signers file they were checked against."""

    checks: list[SignatureCheck]
    allowed_signers: Path | None
    """The store's file, None when there is none (then nothing can verify)."""

    @property
    def findings(self) -> list[SignatureCheck]:
        """The commits that are not signed by an allowed signer, newest first."""
        return [check for check in self.checks if not check.ok]


def allowed_signers_path(repo: Repo) -> Path:
    return repo.top / ALLOWED_SIGNERS


def check_signatures(repo: Repo, store_path: str, base: str | None = None) -> SignatureReport:
    """Verify every commit after ``base`` (None: all) that touched the store folder
    ``store_path`` or the allowed_signers file, against the store's own file.

    Raises:
        GitError: git failed (no commit yet, a bad revision...).
    """
    allowed = allowed_signers_path(repo)
    setting = f"gpg.ssh.allowedSignersFile={allowed if allowed.is_file() else '/dev/null'}"
    out = repo.run(
        "-c",
        setting,
        "log",
        f"--format={_FORMAT}",
        f"{base}..HEAD" if base else "HEAD",
        "--",
        store_path,
        ALLOWED_SIGNERS,
    ).stdout
    checks = []
    for record in out.split("\x1e"):
        fields = record.rstrip("\n").split("\0")
        if len(fields) != 7:
            continue
        sha, code, signer, key, author, when, subject = fields
        checks.append(SignatureCheck(sha, code, signer, key, author, when, subject))
    return SignatureReport(checks, allowed if allowed.is_file() else None)


def setup_signing(repo: Repo, key: Path) -> tuple[Path, bool]:
    """Make this clone sign every commit and tag with the SSH key ``key`` (its ``.pub``
    file or the private key beside it), and allow that key for the configured e-mail
    in the store's allowed_signers file.

    Returns the file and whether the key was added to it (False: it was there).

    Raises:
        ValueError: no such key, or git has no e-mail configured.
        GitError: git could not be configured.
    """
    public = key if key.suffix == ".pub" else key.with_name(key.name + ".pub")
    try:
        fields = public.read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        raise ValueError(f"{public}: no SSH public key there (ssh-keygen -t ed25519)") from None
    if len(fields) < 2 or not fields[0].startswith(("ssh-", "ecdsa-", "sk-")):
        raise ValueError(f"{public}: not an SSH public key (ssh-ed25519 AAAA...)")
    try:
        email = repo.run("config", "user.email").stdout.strip()
    except GitError:
        email = ""
    if not email or any(c.isspace() for c in email):
        raise ValueError(
            f"{repo.top}: git has no e-mail to sign as (git config user.email you@council.gov.uk)"
        )
    allowed = allowed_signers_path(repo)
    for name, value in (
        ("gpg.format", "ssh"),
        ("user.signingkey", str(public.resolve())),
        ("commit.gpgsign", "true"),
        ("tag.gpgsign", "true"),
        ("gpg.ssh.allowedSignersFile", str(allowed)),
    ):
        repo.run("config", name, value)
    entry = f'{email} namespaces="git" {fields[0]} {fields[1]}'
    old = allowed.read_text(encoding="utf-8") if allowed.is_file() else ""
    known = any(line.split()[-1:] == [fields[1]] for line in old.splitlines() if line.strip())
    if not known:
        text = old + ("" if not old or old.endswith("\n") else "\n") + entry + "\n"
        write_atomically(allowed, text)
    return allowed, not known
