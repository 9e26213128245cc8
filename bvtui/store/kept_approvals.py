"""The approval given with a save whose commit failed, kept until that edit is committed.

A save under a plan's governance rules carries an approver and a reason into the
commit's trailers. When the commit cannot be made (a lock, a hook, a full disk), the
edit stays on disk for ``bvtui commit`` or the next save; its approval is kept beside
it in ``<git-dir>/bvtui/approvals/<plan>/<id>.json`` with the digest of the file it
was given for, so the later commit records it. It is trusted only while the file is
exactly that text, and forgotten once the file is committed.
"""

from __future__ import annotations

from pathlib import Path

from bvtui.model import Approval, Ref
from bvtui.store.safe_files import write_atomically


def approval_path(git_dir: Path, ref: str) -> Path:
    """Where the approval of an uncommitted edit of ``ref`` is kept."""
    wanted = Ref.parse(ref)
    return git_dir / "bvtui" / "approvals" / wanted.plan / f"{wanted.id}.json"


def keep_approval(git_dir: Path, ref: str, approval: Approval, digest: str) -> None:
    """Keep ``approval`` for the file of ``ref`` whose content has ``digest``."""
    import json  # only when a commit failed: a save that commits never needs it

    record = {"approver": approval.approver, "reason": approval.reason, "digest": digest}
    write_atomically(approval_path(git_dir, ref), json.dumps(record, ensure_ascii=False) + "\n")


def kept_approval(git_dir: Path, ref: str, digest: str) -> Approval | None:
    """The approval kept for ``ref``, when one is and it was given for the file as it
    is now (``digest``); None otherwise, a damaged record included."""
    import json

    try:
        record = json.loads(approval_path(git_dir, ref).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("digest") != digest:
        return None
    approver, reason = record.get("approver"), record.get("reason")
    if not isinstance(approver, str) or not isinstance(reason, str):
        return None
    return Approval(approver, reason)


def drop_approval(git_dir: Path, ref: str) -> None:
    """Forget the approval kept for ``ref`` (nothing when none is)."""
    approval_path(git_dir, ref).unlink(missing_ok=True)
