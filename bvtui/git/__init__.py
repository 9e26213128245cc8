"""The git command as a library: find the repository, run git, read its state, commit one
file, read history (``log``, ``cat-file --batch``), fetch and push (GitPython, with git's
progress handed to a callback: :mod:`bvtui.git.remote`), and say git's failures in one line.

Uses only ``bvtui.model``.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.git.commit_graph import GraphFilters, graph_filters
    from bvtui.git.errors import GIT_MISSING, way_out
    from bvtui.git.gitlog import (
        NULL_BLOB,
        BlobBatch,
        Commit,
        FileChange,
        commit_of,
        commit_renames,
        diff_files,
        read_blobs,
        read_log,
        resolve_since,
        resolve_until,
    )
    from bvtui.git.remote import Progress, RemoteError, fetch, push
    from bvtui.git.remote_errors import SAFE, explain_remote_failure
    from bvtui.git.repo import (
        GitError,
        PendingBlob,
        PendingChanges,
        Repo,
        check_author,
        init_repository,
    )

_WHERE = {
    "bvtui.git.commit_graph": ("GraphFilters", "graph_filters"),
    "bvtui.git.errors": ("GIT_MISSING", "way_out"),
    "bvtui.git.gitlog": (
        "NULL_BLOB",
        "BlobBatch",
        "Commit",
        "FileChange",
        "commit_of",
        "commit_renames",
        "diff_files",
        "read_blobs",
        "read_log",
        "resolve_since",
        "resolve_until",
    ),
    "bvtui.git.remote": ("Progress", "RemoteError", "fetch", "push"),
    "bvtui.git.remote_errors": ("SAFE", "explain_remote_failure"),
    "bvtui.git.repo": (
        "GitError",
        "PendingBlob",
        "PendingChanges",
        "Repo",
        "check_author",
        "init_repository",
    ),
}

__all__ = [
    "GIT_MISSING",
    "NULL_BLOB",
    "SAFE",
    "BlobBatch",
    "Commit",
    "FileChange",
    "GitError",
    "GraphFilters",
    "PendingBlob",
    "PendingChanges",
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
    "read_blobs",
    "read_log",
    "resolve_since",
    "resolve_until",
    "way_out",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
