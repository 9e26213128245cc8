"""What a store load holds, and finding in it: the actions in the store's order, each
with its excerpt (``excerpts[i]`` is that of ``actions[i]``), built on demand where the
load left them encoded (:mod:`bvtui.store.on_demand`); an action found by its ref on
the excerpts, so that no action is built to be compared."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bvtui.model import Action, ActionExcerpt, Ref
from bvtui.store.on_demand import ActionsOnDemand
from bvtui.store.values import Problem, StoreError, parse_ref


class Finding:
    """The loaded side of :class:`~bvtui.store.store.Store`, which inherits it."""

    if TYPE_CHECKING:  # what Store gives
        root: Path
        excerpts: list[ActionExcerpt]
        problems: list[Problem]
        _loaded: ActionsOnDemand

    @property
    def actions(self) -> list[Action]:
        """The actions loaded, in the store's order (plan, then id); those an
        ``on_demand`` load left encoded are built now (:meth:`action_at` builds one)."""
        return self._loaded.all()

    def action_at(self, index: int) -> Action:
        """``actions[index]``, building only that one if an ``on_demand`` load left it
        encoded (:mod:`bvtui.store.on_demand`)."""
        return self._loaded.at(index)

    def text_at(self, index: int, field: str) -> str:
        """``actions[index].<field>`` for a text field (``title``...), without building
        the action if an ``on_demand`` load left it encoded (nor keeping what is read)."""
        return self._loaded.text_of(index, field)

    @property
    def not_built(self) -> int:
        """How many actions an ``on_demand`` load has not built yet."""
        return self._loaded.encoded

    def replace_action(self, action: Action) -> None:
        """Put ``action`` (saved, or read again) in place of the loaded action of its
        ref, with its excerpt: the one place an edit changes what the store holds
        (found by the excerpts: no action is built to be compared)."""
        plan, id_ = action.plan.slug, action.id
        for index, excerpt in enumerate(self.excerpts):
            if excerpt.ref.id == id_ and excerpt.ref.plan == plan:
                self._loaded.put(index, action)
                self.excerpts[index] = action.excerpt()
                return

    # --- finding -----------------------------------------------------------------

    def find(self, ref: str) -> Action:
        """The action named ``plan/id``, or by its bare id where that is unique.

        Raises:
            StoreError: no such action, or a bare id found in several plans.
        """
        wanted = parse_ref(ref)
        refs = [excerpt.ref for excerpt in self.excerpts]  # no action built to be compared
        if wanted.plan:
            found = [i for i, r in enumerate(refs) if r.id == wanted.id and r.plan == wanted.plan]
        else:
            found = [i for i, r in enumerate(refs) if r.id == wanted.id]
        matches = [self.action_at(index) for index in found]
        if not wanted.plan and len(matches) > 1:
            named = ", ".join(a.ref for a in matches)
            raise StoreError(f"{ref}: found in several plans ({named}); say which: plan/id")
        if not matches:
            broken = self._problem_of(wanted)
            if broken is not None:
                raise StoreError(f"{ref}: the file does not load: {broken}")
            raise StoreError(f"{ref}: no such action in {self.root}")
        return matches[0]

    def _problem_of(self, ref: Ref) -> Problem | None:
        """The problem of the file ``ref`` names, when it is there but does not load."""
        for problem in self.problems:
            path = Path(problem.path)
            if path.name == f"{ref.id}.yaml" and (not ref.plan or path.parent.name == ref.plan):
                return problem
        return None
