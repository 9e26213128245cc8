"""Whether git's commit-graph holds changed-path filters for the whole history.

``git log -- FILE`` (an action's history) skips the commits that did not touch the
file without reading their trees when every commit it walks has a changed-path Bloom
filter in the commit-graph. git keeps that graph as one file,
``objects/info/commit-graph`` (what ``git gc`` writes, without filters), or as a chain
of layers listed in ``objects/info/commit-graphs/commit-graph-chain``; it reads the
single file when there is one, the chain otherwise. A layer written with
``--changed-paths`` holds the ``BIDX`` and ``BDAT`` chunks; an incremental
(``--split``) write only gives filters to the commits of its new layer.

Only each file's table of contents is read (a few dozen bytes); anything unreadable
or unexpected counts as "no filters", which at worst rewrites the graph once more.
"""

from __future__ import annotations

import enum
from pathlib import Path

_SIGNATURE = b"CGPH"
_FILTER_CHUNKS = {b"BIDX", b"BDAT"}


class GraphFilters(enum.Enum):
    """What the commit-graph in use holds."""

    NONE = "no commit-graph"
    PARTIAL = "a layer without changed-path filters"
    ALL = "changed-path filters in every layer"


def objects_dir(git_dir: Path) -> Path:
    """The object store of the repository whose git folder is ``git_dir`` (a linked
    work tree's is its main repository's)."""
    common = git_dir / "commondir"
    if common.is_file():
        return (git_dir / common.read_text().strip()) / "objects"
    return git_dir / "objects"


def graph_files(objects: Path) -> list[Path]:
    """The commit-graph files git reads for ``objects``, base layer first."""
    single = objects / "info" / "commit-graph"
    if single.is_file():
        return [single]
    chain = objects / "info" / "commit-graphs" / "commit-graph-chain"
    try:
        hashes = chain.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return []
    return [chain.parent / f"graph-{sha}.graph" for sha in hashes]


def has_filter_chunks(path: Path) -> bool:
    """Whether the commit-graph file ``path`` holds changed-path filters."""
    try:
        with open(path, "rb") as graph:
            head = graph.read(8)
            if len(head) < 8 or head[:4] != _SIGNATURE:
                return False
            count = head[6]
            contents = graph.read(12 * count)
    except OSError:
        return False
    chunks = {contents[i : i + 4] for i in range(0, len(contents) - 11, 12)}
    return _FILTER_CHUNKS.issubset(chunks)


def graph_filters(git_dir: Path) -> GraphFilters:
    """Whether the commit-graph of the repository at ``git_dir`` has filters throughout."""
    files = graph_files(objects_dir(git_dir))
    if not files:
        return GraphFilters.NONE
    return GraphFilters.ALL if all(map(has_filter_chunks, files)) else GraphFilters.PARTIAL
