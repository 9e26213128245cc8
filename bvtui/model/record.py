"""What the model's mutable records share: their attributes are their fields.

An :class:`~bvtui.model.model.Action`, a :class:`~bvtui.model.model.Plan`, an
:class:`~bvtui.model.model.Update` and a save's result are records: each class's
``__init__`` sets its fields, in the order its ``FIELDS`` names them, and nothing else.
Two records are equal when they are of one class and hold equal values, a record shows
them, and :meth:`Record.copy` makes another holding the same. (Not dataclasses:
``dataclasses`` imports ``inspect`` and compiles each class's methods when its module is
imported, which every short command pays for.)
"""

from __future__ import annotations

from typing import Self


class Record:
    """A mutable record: equal to another of its class holding equal fields (so never
    hashable), shown as ``Name(field=value, ...)``."""

    FIELDS: tuple[str, ...] = ()
    """The fields, in the order ``__init__`` takes and sets them."""

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return vars(self) == vars(other)

    def copy(self) -> Self:
        """A new record of the same class holding the same values (a shallow copy: a
        list or a mapping it holds is shared until replaced)."""
        new = object.__new__(type(self))
        new.__dict__.update(vars(self))
        return new

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__name__}({fields})"
