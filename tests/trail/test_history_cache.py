"""An action's history decodes each blob once, and keeps the mappings it decoded in the
parse cache under their blob ids: shown again, it parses nothing; a damaged cache is
never believed."""

from __future__ import annotations

from pathlib import Path

from bvtui.git import Repo
from bvtui.store import ParseCache, cache_path
from bvtui.trail import Revision, action_history
from tests.conftest import git
from tests.fixture_trail import Trail, trail  # noqa: F401

PATH = "plans/elections-demo/1.3b.yaml"


def _repo(trail: Trail) -> Repo:  # noqa: F811
    repo = Repo.find(trail.store)
    assert repo is not None
    return repo


def _blob_cache(repo: Repo) -> Path:
    return cache_path(repo.git_dir, repo.top, "blobs")


def _new_blob(repo: Repo, revision: Revision) -> str:
    return git(repo.top, "rev-parse", f"{revision.commit.sha}:{revision.path}").strip()


def test_history_keeps_each_blobs_mapping_under_its_id(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    first = action_history(repo, PATH)
    cache = ParseCache.open(_blob_cache(repo))
    for revision in first:
        sha = _new_blob(repo, revision)
        assert cache.get(sha, sha) == revision.new
    assert action_history(repo, PATH) == first  # read back from the cache: the same


def test_history_shown_again_reads_the_mappings_from_the_cache(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    newest = action_history(repo, PATH)[0]
    sha = _new_blob(repo, newest)
    cache = ParseCache.open(_blob_cache(repo))
    cache.put(sha, sha, {**(newest.new or {}), "title": "Read from the cache"})
    cache.save()
    again = action_history(repo, PATH)[0]
    assert again.new is not None and again.new["title"] == "Read from the cache"


def test_a_damaged_blob_cache_is_never_believed(trail: Trail) -> None:  # noqa: F811
    repo = _repo(trail)
    first = action_history(repo, PATH)
    path = _blob_cache(repo)
    data = bytearray(path.read_bytes())
    for at in range(len(data) - 40, len(data)):  # the last values' bytes
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    assert action_history(repo, PATH) == first
    path.write_bytes(b"not a cache at all")
    assert action_history(repo, PATH) == first
