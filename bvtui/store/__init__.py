"""YAML files in a git work tree: reading them (libyaml), writing them (the canonical
layout; ruamel round trip for hand-written files), the parse cache, the one save path
(``Store.save_action``) and the one atomic writer (``write_atomically``).

Uses ``bvtui.git`` and ``bvtui.model``.
"""

from typing import TYPE_CHECKING

from bvtui.facade import exports

if TYPE_CHECKING:
    from bvtui.model import PLAN_FILE
    from bvtui.store.bulk import BulkEdit, save_bulk
    from bvtui.store.disk_edit import edited_on_disk
    from bvtui.store.evidence import MAX_EVIDENCE_BYTES, attach_evidence, evidence_path
    from bvtui.store.me import Me, whoami
    from bvtui.store.parse_cache import ParseCache, cache_path, is_racy, stat_fingerprint
    from bvtui.store.regular_file import (
        MAX_FILE_BYTES,
        RefusedFile,
        map_regular_file,
        read_regular_file,
    )
    from bvtui.store.rendering import render_action
    from bvtui.store.safe_files import write_atomically
    from bvtui.store.store import Store
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
        BULK_LIMIT,
        ApprovalNeeded,
        FileChangedError,
        Problem,
        SaveResult,
        StoreError,
        digest,
        locate_store,
        parse_ref,
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

_WHERE = {
    "bvtui.model": ("PLAN_FILE",),
    "bvtui.store.bulk": (
        "BulkEdit",
        "save_bulk",
    ),
    "bvtui.store.disk_edit": ("edited_on_disk",),
    "bvtui.store.evidence": (
        "MAX_EVIDENCE_BYTES",
        "attach_evidence",
        "evidence_path",
    ),
    "bvtui.store.me": (
        "Me",
        "whoami",
    ),
    "bvtui.store.parse_cache": (
        "ParseCache",
        "cache_path",
        "is_racy",
        "stat_fingerprint",
    ),
    "bvtui.store.regular_file": (
        "MAX_FILE_BYTES",
        "RefusedFile",
        "map_regular_file",
        "read_regular_file",
    ),
    "bvtui.store.rendering": ("render_action",),
    "bvtui.store.safe_files": ("write_atomically",),
    "bvtui.store.store": ("Store",),
    "bvtui.store.unapplied": (
        "UnappliedEdit",
        "UnappliedEditError",
        "drop_unapplied",
        "keep_unapplied",
        "read_unapplied",
        "unapplied_path",
    ),
    "bvtui.store.values": (
        "AUTHOR_ENV",
        "BULK_LIMIT",
        "ApprovalNeeded",
        "FileChangedError",
        "Problem",
        "SaveResult",
        "StoreError",
        "digest",
        "locate_store",
        "parse_ref",
    ),
    "bvtui.store.views": (
        "COLUMNS",
        "VIEWS_FILE",
        "View",
        "ViewError",
        "check_view_name",
        "read_views",
        "save_view",
    ),
    "bvtui.store.yaml_canonical": (
        "canonical_edit",
        "canonical_text",
        "reads_as_text",
    ),
    "bvtui.store.yaml_io": (
        "YamlFileError",
        "read_mapping",
        "render_mapping",
    ),
}

__all__ = [
    "AUTHOR_ENV",
    "BULK_LIMIT",
    "COLUMNS",
    "MAX_EVIDENCE_BYTES",
    "MAX_FILE_BYTES",
    "PLAN_FILE",
    "VIEWS_FILE",
    "ApprovalNeeded",
    "BulkEdit",
    "FileChangedError",
    "Me",
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
    "attach_evidence",
    "cache_path",
    "canonical_edit",
    "canonical_text",
    "check_view_name",
    "digest",
    "drop_unapplied",
    "edited_on_disk",
    "evidence_path",
    "is_racy",
    "keep_unapplied",
    "locate_store",
    "map_regular_file",
    "parse_ref",
    "read_mapping",
    "read_regular_file",
    "read_unapplied",
    "read_views",
    "reads_as_text",
    "render_action",
    "render_mapping",
    "save_bulk",
    "save_view",
    "stat_fingerprint",
    "unapplied_path",
    "whoami",
    "write_atomically",
]

if not TYPE_CHECKING:  # names imported when first used (bvtui.facade)
    __getattr__ = exports(__name__, _WHERE)
