"""Fetch and push through GitPython, with git's progress handed to a callback.

Commits, log and cat-file stay on the git CLI (:mod:`bvtui.git.repo`); remote
operations are where GitPython earns its place (ENGINEERING.md): its
``RemoteProgress`` parses the stages and counts git prints on stderr (counting,
compressing, writing, receiving, resolving), so a progress bar needs no parser of
ours. ``import git`` is slow, so it happens inside these functions, never on
the path of ``list``, ``show``, ``set`` or ``log``. Each call opens its own
``git.Repo`` (GitPython is not thread-safe; the app syncs in a worker thread) and
closes it, so no ``git cat-file`` process outlives the call.

Failures are :class:`RemoteError`, said in the one line
:func:`bvtui.git.remote_errors.explain_remote_failure` makes of everything git
printed; a push the remote rejects (GitPython reports it in ``PushInfo`` flags, not
by raising) is said the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bvtui.git.remote_errors import explain_remote_failure
from bvtui.git.repo import _ENV

if TYPE_CHECKING:
    import git

Progress = Callable[[str, int, int | None], None]
"""Called with (stage, count, total) as git reports it; total is None while unknown."""

# GitPython logs the error lines of a failed push as warnings; without a handler they
# would reach stderr through logging's last resort (and garble the app's screen). The
# one line below is what the user sees instead. A handler the program configures on the
# root logger still receives them.
logging.getLogger("git.remote").addHandler(logging.NullHandler())


class RemoteError(RuntimeError):
    """A fetch or push that failed, said in one plain line (local work untouched)."""


def _stages() -> dict[int, str]:
    from git import RemoteProgress as P

    return {
        P.COUNTING: "counting objects",
        P.COMPRESSING: "compressing objects",
        P.WRITING: "writing objects",
        P.RECEIVING: "receiving objects",
        P.RESOLVING: "resolving deltas",
        P.FINDING_SOURCES: "finding sources",
        P.CHECKING_OUT: "checking out files",
    }


def _progress(callback: Progress | None) -> Any:
    """A ``git.RemoteProgress`` that forwards each update to ``callback`` and keeps
    every line git printed that was not progress (for the one-line explanation)."""
    from git import RemoteProgress

    stages = _stages()

    class Forward(RemoteProgress):
        def __init__(self) -> None:
            super().__init__()
            self.said: list[str] = []

        def line_dropped(self, line: str) -> None:
            self.said.append(line)

        def update(
            self,
            op_code: int,
            cur_count: str | float,
            max_count: str | float | None = None,
            message: str = "",
        ) -> None:
            stage = stages.get(op_code & RemoteProgress.OP_MASK)
            if callback is None or stage is None:
                return
            count = int(float(cur_count or 0))
            total = int(float(max_count)) if max_count else None
            callback(stage, count, total)

        def output(self, *extra: str) -> str:
            return "\n".join([*self.said, *self.error_lines, *extra])

    return Forward()


def _open(top: Path) -> git.Repo:
    import git

    repo = git.Repo(top)
    repo.git.update_environment(**_ENV)
    return repo


def fetch(
    top: Path, remote: str, url: str, prune: bool = True, progress: Progress | None = None
) -> None:
    """``git fetch [--prune] remote`` with its configured refspecs, in the work tree ``top``.

    Raises:
        RemoteError: the fetch failed (unreachable, refused...), in one line.
    """
    import git

    forward = _progress(progress)
    repo = _open(top)
    try:
        handle = repo.remote(remote)
        refspec = None if _has_fetch_refspec(handle) else f"+refs/heads/*:refs/remotes/{remote}/*"
        handle.fetch(refspec, progress=forward, prune=prune)
    except git.GitCommandError as err:
        raise RemoteError(
            explain_remote_failure(forward.output() or _text(err.stderr), remote, url, "fetch")
        ) from None
    finally:
        repo.close()


def _has_fetch_refspec(handle: git.Remote) -> bool:
    reader = handle.config_reader
    try:
        return reader.get_value("fetch", default="") != ""
    finally:
        reader.release()


_FAILED = "REJECTED", "REMOTE_REJECTED", "REMOTE_FAILURE", "ERROR"


def push(
    top: Path,
    remote: str,
    url: str,
    refspec: str,
    set_upstream: bool = True,
    progress: Progress | None = None,
) -> None:
    """``git push [-u] remote refspec`` in the work tree ``top``.

    Raises:
        RemoteError: the push failed or the remote rejected it (moved on, a hook,
            a protected branch), in one line.
    """
    import git

    forward = _progress(progress)
    repo = _open(top)
    try:
        infos = repo.remote(remote).push(refspec, progress=forward, set_upstream=set_upstream)
    except git.GitCommandError as err:
        raise RemoteError(
            explain_remote_failure(forward.output() or _text(err.stderr), remote, url, "push")
        ) from None
    finally:
        repo.close()
    failed = sum(getattr(git.PushInfo, name) for name in _FAILED)
    refused = [
        f" ! {info.remote_ref_string} {info.summary.strip()}"
        for info in infos
        if info.flags & failed
    ]
    if refused or infos.error is not None:
        said = forward.output(*refused, _text(getattr(infos.error, "stderr", "")))
        raise RemoteError(explain_remote_failure(said, remote, url, "push"))


def _text(value: str | bytes | None) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value or ""
