"""YAML files in a git work tree: reading them (libyaml), writing them (the canonical
layout; ruamel round trip for hand-written files), the parse cache, the one save path
(``Store.save_action``) and the one atomic writer (``write_atomically``).

Uses ``bvtui.git`` and ``bvtui.model``.
"""

from bvtui.model import PLAN_FILE
from bvtui.store.disk_edit import edited_on_disk
from bvtui.store.parse_cache import ParseCache, cache_path, is_racy, stat_fingerprint
from bvtui.store.regular_file import MAX_FILE_BYTES, RefusedFile, read_regular_file
from bvtui.store.safe_files import write_atomically
from bvtui.store.sources import read_blobs
from bvtui.store.store import Keep, Store, parse_ref
from bvtui.store.unapplied import (
    UnappliedEdit,
    UnappliedEditError,
    drop_unapplied,
    keep_unapplied,
    read_unapplied,
    unapplied_path,
)
from bvtui.store.values import (
    AUTHOR_ENV,
    FileChangedError,
    Problem,
    SaveResult,
    StoreError,
    digest,
    locate_store,
)
from bvtui.store.views import (
    COLUMNS,
    VIEWS_FILE,
    View,
    ViewError,
    check_view_name,
    read_views,
    save_view,
)
from bvtui.store.yaml_canonical import canonical_edit, canonical_text, reads_as_text
from bvtui.store.yaml_io import YamlFileError, read_mapping, render_mapping

__all__ = [
    "AUTHOR_ENV",
    "COLUMNS",
    "MAX_FILE_BYTES",
    "PLAN_FILE",
    "VIEWS_FILE",
    "FileChangedError",
    "Keep",
    "ParseCache",
    "Problem",
    "RefusedFile",
    "SaveResult",
    "Store",
    "StoreError",
    "UnappliedEdit",
    "UnappliedEditError",
    "View",
    "ViewError",
    "YamlFileError",
    "cache_path",
    "canonical_edit",
    "canonical_text",
    "check_view_name",
    "digest",
    "drop_unapplied",
    "edited_on_disk",
    "is_racy",
    "keep_unapplied",
    "locate_store",
    "parse_ref",
    "read_blobs",
    "read_mapping",
    "read_regular_file",
    "read_unapplied",
    "read_views",
    "reads_as_text",
    "render_mapping",
    "save_view",
    "stat_fingerprint",
    "unapplied_path",
    "write_atomically",
]
