"""git's fetch and push failures said in one plain line each.

Officers meet four failures in practice: there is no remote, the remote refused
them (authentication, permissions), it cannot be reached (offline, a share not
mounted, a wrong address), or it moved on while they were syncing. Every message
ends by saying the local work is safe, because it is: sync commits pending edits
before it talks to the remote, and never rewrites anything when a step fails.
"""

from __future__ import annotations

import re

SAFE = "your work is safe in this copy"

_AUTH = (
    "permission denied",
    "authentication failed",
    "could not read username",
    "could not read password",
    "terminal prompts disabled",
    "access denied",
    "invalid credentials",
    "the requested url returned error: 401",
    "the requested url returned error: 403",
    "host key verification failed",
)
_OFFLINE = (
    "could not resolve host",
    "could not resolve hostname",
    "name or service not known",
    "temporary failure in name resolution",
    "network is unreachable",
    "no route to host",
    "connection timed out",
    "operation timed out",
    "connection refused",
    "failed to connect",
    "does not appear to be a git repository",
    "unable to access",
    "connection closed",
)
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs")


_REMOTE_REFUSAL = re.compile(r"\[remote rejected\][^(\n]*\((?P<reason>[^)\n]+)\)")
"""A push the remote itself refused (a hook, a protected branch)..."""
_RACED = ("cannot lock ref", "failed to update ref", "but expected")
"""... unless it is the branch moving on there meanwhile."""


def _remote_lines(output: str) -> list[str]:
    """What the remote said (``remote:`` lines), without git's prefixes."""
    said = []
    for line in output.splitlines():
        text = line.strip()
        if not text.startswith("remote:"):
            continue
        while text.startswith("remote:"):
            text = text.removeprefix("remote:").strip()
        if text:
            said.append(text)
    return said


def _first_error(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[0] if lines else "git failed"


def explain_remote_failure(output: str, remote: str, url: str, verb: str) -> str:
    """One line for a failed ``git fetch`` / ``git push`` to ``remote`` (at ``url``)."""
    low = output.lower()
    refused = _REMOTE_REFUSAL.search(output)
    if verb == "push" and refused and not any(mark in low for mark in _RACED):
        said = " / ".join(_remote_lines(output))
        return (
            f"{remote} refused the push ({refused['reason']}"
            + (f": {said}" if said else "")
            + f"): ask whoever looks after {remote} ({url}); {SAFE}"
        )
    if verb == "push" and any(mark in low for mark in _REJECTED) and "denied" not in low:
        return (
            f"{remote} moved on while you were syncing (push rejected): run bvtui sync again; "
            f"{SAFE}"
        )
    if any(mark in low for mark in _AUTH):
        return (
            f"{remote} refused access ({url}): authentication failed or no permission; "
            f"check your SSH key, token or share permissions; {SAFE}"
        )
    if any(mark in low for mark in _OFFLINE):
        return (
            f"cannot reach {remote} ({url}): offline, the share is not mounted, or the "
            f"address is wrong; {SAFE}, sync again when connected"
        )
    if "could not read from remote repository" in low:
        return (
            f"could not read from {remote} ({url}): access refused or it cannot be reached; {SAFE}"
        )
    return f"git {verb} to {remote} failed: {_first_error(output)}; {SAFE}"
