"""The git repository a store lives in: its state, and commits limited to given paths.

Commits go through the git CLI, not GitPython's index: the CLI honours hooks,
commit signing, index versions and ``.gitattributes``, refuses to commit without an
identity, and is 4-5x faster (ENGINEERING.md). Every failure becomes a
:class:`GitError` with git's reason in one plain line; nothing here ever touches the
work tree, so a failed commit leaves the user's edit on disk.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from bvtui.git.errors import GIT_MISSING, LOCK_HELD, SILENT_FAILURE, explain, way_out

if TYPE_CHECKING:  # subprocess is imported where git runs
    import subprocess

    from bvtui.git.commit_graph import GraphFilters

AUTHOR_PATTERN = re.compile(r"^\s*(?P<name>[^<>\n]+?)\s*<(?P<email>[^<>\s]*)>\s*$")

_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")

_ENV = {"LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"}


class GitError(RuntimeError):
    """A git step that failed, said in one plain line."""


def _spawn(start: Any, args: list[str], **kwargs: Any) -> Any:
    """``start(args, **kwargs)`` (``subprocess.run`` or ``Popen``) of a git command.

    Raises:
        GitError: git itself cannot be found.
    """
    try:
        return start(args, **kwargs)
    except FileNotFoundError as err:
        if err.filename != args[0]:
            raise
        raise GitError(GIT_MISSING) from None


def _git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, **_ENV}
    if extra:
        env.update(extra)
    return env


def check_author(author: str) -> tuple[str, str]:
    """``Name <email>`` split into name and email (``Name <>``: no e-mail, which git
    accepts; an update packet's officer may have none on record).

    Raises:
        ValueError: the text is not of that form.
    """
    match = AUTHOR_PATTERN.match(author)
    if not match:
        raise ValueError(f"author {author!r} is not of the form 'Name <email>'")
    return match["name"], match["email"]


class Repo(NamedTuple):
    """A git work tree and its git directory."""

    top: Path
    git_dir: Path

    @classmethod
    def find(cls, path: Path) -> Repo | None:
        """The repository ``path`` is inside, or None when it is in none.

        git itself decides, in one ``git rev-parse``: linked work trees, submodules,
        ``core.worktree``, ``GIT_DIR`` and friends, file-system boundaries and its
        ``safe.directory`` ownership rules are its own, never re-implemented here.
        """
        import subprocess

        probe = path if path.is_dir() else path.parent
        while not probe.exists():
            probe = probe.parent
        result = _spawn(
            subprocess.run,
            ["git", "rev-parse", "--show-toplevel", "--absolute-git-dir"],
            cwd=probe,
            capture_output=True,
            text=True,
            env=_git_env(),
        )
        if result.returncode != 0:
            return None
        top, git_dir = result.stdout.splitlines()[:2]
        return cls(Path(top), Path(git_dir))

    def run(
        self,
        *args: str,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
        text: bool = True,
    ) -> subprocess.CompletedProcess:
        """Run ``git args`` in the work tree; raise :class:`GitError` when it fails."""
        import subprocess

        result = _spawn(
            subprocess.run,
            ["git", *args],
            cwd=self.top,
            input=input,
            capture_output=True,
            text=text,
            env=_git_env(env),
        )
        if result.returncode != 0:
            err = result.stderr if text else result.stderr.decode("utf-8", "replace")
            out = result.stdout if text else result.stdout.decode("utf-8", "replace")
            raise GitError(explain(err + "\n" + out, self.git_dir))
        return result

    def try_run(self, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run ``git args`` in the work tree and return the result, whatever the exit code.

        For callers that read git's full output to explain a failure themselves
        (fetch and push errors in :mod:`bvtui.sharing.sync`).
        """
        import subprocess

        return _spawn(
            subprocess.run,
            ["git", *args],
            cwd=self.top,
            capture_output=True,
            text=True,
            env=_git_env(env),
        )

    def relative(self, path: Path) -> str:
        """``path`` relative to the work tree, with forward slashes, as git names it."""
        return path.resolve().relative_to(self.top.resolve()).as_posix()

    # --- state ------------------------------------------------------------------

    def stopped_operation(self) -> str | None:
        """The git operation stopped in this clone (``merge``, ``rebase``,
        ``cherry-pick``, ``revert``), or None. Its ``--abort`` resets the work tree."""
        g = self.git_dir
        if (g / "MERGE_HEAD").exists():
            return "merge"
        if (g / "rebase-merge").exists() or (g / "rebase-apply").exists():
            return "rebase"
        if (g / "CHERRY_PICK_HEAD").exists():
            return "cherry-pick"
        if (g / "REVERT_HEAD").exists():
            return "revert"
        return None

    def is_unmerged(self, path: Path) -> bool:
        """Whether ``path`` is in conflict in the index (a stopped merge or rebase)."""
        return bool(self.run("ls-files", "--unmerged", "--", self.relative(path)).stdout)

    def blocking_state(self) -> str | None:
        """Why a commit cannot be made now (merge, rebase, detached HEAD...), or None."""
        stopped = self.stopped_operation()
        if stopped:
            return f"a {stopped} is in progress: {way_out(stopped)}"
        g = self.git_dir
        try:
            head = (g / "HEAD").read_text().strip()
        except OSError:
            return None
        if not head.startswith("ref:"):
            return "HEAD is detached: check out a branch (git switch main) to save"
        return None

    def has_identity(self) -> bool:
        import subprocess

        result = _spawn(
            subprocess.run,
            ["git", "var", "GIT_COMMITTER_IDENT"],
            cwd=self.top,
            capture_output=True,
            env=_git_env(),
        )
        return result.returncode == 0

    def identity(self) -> tuple[str, str]:
        """``user.name`` and ``user.email`` as git's configuration gives them for this
        repository ("" for one not set)."""
        name, email = (
            self.try_run("config", "--get", key).stdout.strip()
            for key in ("user.name", "user.email")
        )
        return name, email

    def author_ident(self) -> str | None:
        """Git's author identity as ``Name <email>`` (None when none is configured)."""
        result = self.try_run("var", "GIT_AUTHOR_IDENT")
        if result.returncode != 0:
            return None
        ident = result.stdout.strip()
        return ident[: ident.rfind(">") + 1] or None

    # --- reading ------------------------------------------------------------------

    def head_blob(self, path: Path) -> bytes | None:
        """The bytes of ``path`` at HEAD, or None when HEAD has no such file (or no HEAD)."""
        with self.head_blob_soon(path) as pending:
            return pending.result()

    def head_blob_soon(self, path: Path) -> PendingBlob:
        """:meth:`head_blob` started now and read with ``.result()``: git runs while the
        caller works (a save renders and writes the file meanwhile)."""
        import subprocess

        return PendingBlob(
            _spawn(
                subprocess.Popen,
                ["git", "cat-file", "blob", f"HEAD:{self.relative(path)}"],
                cwd=self.top,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=_git_env(),
            )
        )

    def changed_files(self, under: Path) -> list[tuple[str, str]]:
        """Files below ``under`` that differ from HEAD: (status code, path from the top)."""
        with self.changed_files_soon(under) as pending:
            return pending.result()

    def changed_files_soon(self, under: Path) -> PendingChanges:
        """:meth:`changed_files` started now and read with ``.result()``: git runs while
        the caller works (the app reads the store meanwhile)."""
        import subprocess

        args = ["status", "--porcelain=v1", "-z", "--untracked-files=all"]
        return PendingChanges(
            _spawn(
                subprocess.Popen,
                ["git", *args, "--", self.relative(under)],
                cwd=self.top,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=_git_env(),
            ),
            self.git_dir,
        )

    @staticmethod
    def _status_entries(out: str) -> list[tuple[str, str]]:
        """``git status --porcelain=v1 -z``'s entries: (status code, path from the top)."""
        entries = out.split("\0")
        changed = []
        index = 0
        while index < len(entries):
            entry = entries[index]
            index += 1
            if not entry:
                continue
            code, name = entry[:2], entry[3:]
            if code[0] in "RC":  # a rename: the source path follows
                index += 1
            changed.append((code, name))
        return changed

    # --- writing ------------------------------------------------------------------

    def commit(self, paths: list[Path], message: str, author: str | None = None) -> str:
        """Commit exactly ``paths`` (nothing else staged is swept in); return the new sha.

        Raises:
            GitError: the repository is in a state that forbids it, git has no
                identity, the index is locked, a hook refused, or git failed.
        """
        blocked = self.blocking_state()
        if blocked:
            raise GitError(blocked)
        args = ["commit", "--quiet", "--no-edit", "--cleanup=verbatim", "-F", "-"]
        env: dict[str, str] = {}
        if author:
            name, email = check_author(author)
            args.append(f"--author={name} <{email}>")
            if not self.has_identity():  # a shared laptop: the named person commits too
                env = {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
        names = [self.relative(path) for path in paths]
        commit = [*args, "--only", "--", *names]
        try:  # tracked files need no `git add` (--only stages them)
            self._with_lock_retry(lambda: self._commit_step(commit, message, env))
        except GitError as err:
            if "did not match any file" not in str(err):
                raise
            new = [name for name, path in zip(names, paths, strict=True) if path.exists()]
            self._with_lock_retry(lambda: self.run("add", "--", *new) if new else None)
            self._with_lock_retry(lambda: self._commit_step(commit, message, env))
        return self.head_commit()

    def _commit_step(self, commit: list[str], message: str, env: dict[str, str]) -> None:
        """Run ``git commit``; when it fails without a word, name the hooks that may
        have refused it."""
        try:
            self.run(*commit, input=message, env=env)
        except GitError as err:
            if str(err) != SILENT_FAILURE:
                raise
            hooks = self.commit_hooks()
            if not hooks:
                raise
            raise GitError(
                f"git commit failed without a message: a hook ({', '.join(h.name for h in hooks)} "
                f"in {hooks[0].parent}) refused it silently; ask whoever installed it"
            ) from None

    def commit_hooks(self) -> list[Path]:
        """The hooks ``git commit`` runs before committing that are installed here."""
        where = self.run("rev-parse", "--git-path", "hooks").stdout.strip()
        folder = self.top / where
        return [
            folder / name
            for name in ("pre-commit", "prepare-commit-msg", "commit-msg")
            if os.access(folder / name, os.X_OK)
        ]

    def refresh_commit_graph(self) -> None:
        """Bring git's commit-graph, with changed-path Bloom filters, up to date, in the
        background (after a save).

        ``git log -- FILE`` (an action's history) then skips the commits that did not
        touch the file without reading their trees. The write is incremental (``--split``:
        a new layer for the new commits) when every layer has filters; when one lacks
        them (``git gc`` wrote the graph), the whole graph is rewritten once with filters
        (``--split=replace``), since new layers alone would leave the old commits
        unfiltered for ever. It runs detached, so a save never waits for it; a
        concurrent one fails harmlessly on git's lock.
        """
        from bvtui.git.commit_graph import graph_filters

        self._write_commit_graph(graph_filters(self.git_dir))

    def complete_commit_graph(self) -> None:
        """Start the background write of changed-path filters over the whole history
        when the commit-graph has none (a fresh clone) or lacks them in a layer (after
        ``git gc``); else nothing (before reading history: ``bvtui log``)."""
        from bvtui.git.commit_graph import GraphFilters, graph_filters

        filters = graph_filters(self.git_dir)
        if filters is not GraphFilters.ALL:
            self._write_commit_graph(filters)

    def _write_commit_graph(self, filters: GraphFilters) -> None:
        """Write the graph for ``filters`` (what it holds now), detached."""
        import subprocess

        from bvtui.git.commit_graph import GraphFilters

        split = "--split=replace" if filters is GraphFilters.PARTIAL else "--split"

        with contextlib.suppress(OSError, GitError):
            _spawn(
                subprocess.Popen,
                [
                    "git",
                    "commit-graph",
                    "write",
                    "--reachable",
                    "--changed-paths",
                    split,
                    "--no-progress",
                ],
                cwd=self.top,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=_git_env(),
                start_new_session=True,
            )

    def head_commit(self) -> str:
        """The sha HEAD points to, read from the ref's file when it is loose (no process),
        else from ``git rev-parse HEAD``."""
        try:
            head = (self.git_dir / "HEAD").read_text().strip()
            sha = head
            if head.startswith("ref: refs/"):
                ref = head[5:]
                common = self.git_dir
                if (self.git_dir / "commondir").exists():  # a linked work tree
                    common = self.git_dir / (self.git_dir / "commondir").read_text().strip()
                loose = common / ref
                sha = loose.read_text().strip() if loose.is_file() else ""
            if _SHA.match(sha):
                return sha
        except OSError:
            pass
        return self.run("rev-parse", "HEAD").stdout.strip()

    def _with_lock_retry(
        self, step: Callable[[], object], attempts: int = 10, delay: float = 0.1
    ) -> None:
        """Run ``step``, retrying briefly while another git process holds ``index.lock``."""
        for attempt in range(attempts):
            try:
                step()
                return
            except GitError as err:
                if not str(err).startswith(LOCK_HELD) or attempt == attempts - 1:
                    raise
                time.sleep(delay)
        return None


class PendingChanges:
    """``git status`` of a folder being run (:meth:`Repo.changed_files_soon`); a context
    manager that always reaps the process, whether or not the result was taken."""

    def __init__(self, process: subprocess.Popen[bytes], git_dir: Path) -> None:
        self._process = process
        self._git_dir = git_dir
        self._changed: list[tuple[str, str]] | None = None

    def result(self) -> list[tuple[str, str]]:
        """The files that differ from HEAD, as :meth:`Repo.changed_files` gives them.

        Raises:
            GitError: git failed (said in one line).
        """
        if self._changed is None:
            import locale

            out, err = self._process.communicate()
            encoding = locale.getpreferredencoding(False)  # as ``text=True`` decodes
            if self._process.returncode != 0:
                said = err.decode(encoding, "replace") + "\n" + out.decode(encoding, "replace")
                raise GitError(explain(said, self._git_dir))
            self._changed = Repo._status_entries(out.decode(encoding))
        return self._changed

    def __enter__(self) -> PendingChanges:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._changed is None:
            self._process.communicate()


class PendingBlob:
    """A file's bytes at HEAD being read by ``git cat-file``; a context manager that
    always reaps the process, whether or not the result was taken."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._out: bytes | None = None
        self._done = False

    def result(self) -> bytes | None:
        """The bytes, or None when HEAD has no such file (or there is no HEAD)."""
        if not self._done:
            out, _ = self._process.communicate()
            self._out = out if self._process.returncode == 0 else None
            self._done = True
        return self._out

    def __enter__(self) -> PendingBlob:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.result()


def init_repository(path: Path) -> Repo:
    """``git init`` at ``path`` (creating it) and return the repository."""
    import subprocess

    path.mkdir(parents=True, exist_ok=True)
    _spawn(
        subprocess.run,
        ["git", "init", "--quiet", "--initial-branch=main", str(path)],
        check=True,
        capture_output=True,
        env=_git_env(),
    )
    repo = Repo.find(path)
    assert repo is not None
    return repo
