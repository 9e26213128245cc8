"""The git command as a library: find the repository, run git, read its state, commit one
file, read history (``log``, ``cat-file --batch``), fetch and push (GitPython, with git's
progress handed to a callback: :mod:`bvtui.git.remote`), and say git's failures in one line.

Uses only ``bvtui.model``.
"""

from bvtui.git.commit_graph import GraphFilters, graph_filters
from bvtui.git.errors import GIT_MISSING, way_out
from bvtui.git.gitlog import (
    NULL_BLOB,
    Commit,
    FileChange,
    commit_of,
    commit_renames,
    diff_files,
    read_log,
    resolve_since,
    resolve_until,
)
from bvtui.git.remote import Progress, RemoteError, fetch, push
from bvtui.git.remote_errors import SAFE, explain_remote_failure
from bvtui.git.repo import GitError, PendingBlob, Repo, check_author, init_repository

__all__ = [
    "GIT_MISSING",
    "NULL_BLOB",
    "SAFE",
    "Commit",
    "FileChange",
    "GitError",
    "GraphFilters",
    "PendingBlob",
    "Progress",
    "RemoteError",
    "Repo",
    "check_author",
    "commit_of",
    "commit_renames",
    "diff_files",
    "explain_remote_failure",
    "fetch",
    "graph_filters",
    "init_repository",
    "push",
    "read_log",
    "resolve_since",
    "resolve_until",
    "way_out",
]
