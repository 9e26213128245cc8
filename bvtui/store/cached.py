"""How plans, actions, their excerpts and search texts, and a folder's order are kept
in the parse cache: as plain data, rebuilt without validating again (they were, when
cached), and what a damaged entry raises."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from bvtui.model import (
    PLAN_FILE,
    Action,
    ActionExcerpt,
    Evidence,
    Plan,
    Ref,
    Update,
    natural_key,
    parse_governance,
)
from bvtui.store.parse_cache import MISS, ParseCache

if TYPE_CHECKING:  # a filter is given by the loads that filter: a save never imports it
    from bvtui.model import Filter

DAMAGED = (TypeError, KeyError, IndexError, AttributeError, ValueError)
"""What building from a damaged cache entry raises: the file is parsed instead."""


def plan_to_cache(plan: Plan) -> dict[str, Any]:
    """A validated plan as plain data for the parse cache (``as_of`` as ISO text)."""
    data = dict(vars(plan))
    data["as_of"] = plan.as_of.isoformat() if plan.as_of else None
    data["governance"] = plan.governance.to_mapping()
    return data


def plan_from_cache(slug: str, data: dict[str, Any]) -> Plan:
    as_of = data["as_of"]
    return Plan(
        **{
            **data,
            "slug": slug,
            "as_of": date.fromisoformat(as_of) if as_of else None,
            "governance": parse_governance(data["governance"]),
        }
    )


def action_to_cache(action: Action) -> tuple[Any, ...]:
    """A validated action as plain data: its fields' values in field order (plan and
    path left empty), each update's the same way.

    Tuples, not dicts: a load decodes each cached action on its own, and the field
    names a dict would repeat in every entry are interned strings, each looked up in
    the interpreter's table as it is decoded (~40% of the decoding)."""
    values = [*map(vars(action).get, ACTION_FIELDS)]
    values[_PLAN], values[_PATH] = None, None
    values[_UPDATES] = [tuple(map(vars(update).get, UPDATE_FIELDS)) for update in action.updates]
    values[_EVIDENCE] = [(item.file, item.blob, item.added) for item in action.evidence]
    return tuple(values)


def excerpt_to_cache(excerpt: ActionExcerpt) -> tuple[Any, ...]:
    """An action's excerpt as plain data, kept in the cache's index beside the action:
    its fields in order, without what the plan being loaded gives (its slug and
    ``as_of``) and without its search text (kept apart, :func:`search_texts_to_cache`);
    dates as ordinals; the names None when they are the canonical ones.

    The index is decoded whole by every load, so each entry holds no more than it must.
    """
    due, names, officers = excerpt.due, excerpt.names, excerpt.officers
    # equal officers and days as one object each: the index is marshalled in one
    # call, which writes an object met again as a reference, decoded as one object
    shared = _SHARED.setdefault
    return (
        excerpt.ref.id,
        excerpt.status,
        excerpt.rag,
        excerpt.theme,
        excerpt.objective,
        shared(officers, officers),
        None if names == officers else shared(names, names),
        None if due is None else shared(due.toordinal(), due.toordinal()),
        excerpt.closed,
        excerpt.due_update,
    )


def excerpt_from_cache(plan: Plan, data: tuple[Any, ...], search: str = "") -> ActionExcerpt:
    """The excerpt :func:`excerpt_to_cache` kept of an action of ``plan``, with its
    ``search`` text (raises one of :data:`DAMAGED` when ``data`` is of another shape)."""
    return excerpts_of(plan)(data, search)


def excerpts_of(plan: Plan) -> Callable[[tuple[Any, ...], str], ActionExcerpt]:
    """:func:`excerpt_from_cache` for the actions of ``plan``: a load calls it once per
    action of the store, with what the plan gives them bound once."""
    slug, as_of, days = plan.slug, plan.as_of, _DAYS
    new, excerpt, ref = new_excerpt, ActionExcerpt, Ref

    def from_cache(data: tuple[Any, ...], search: str) -> ActionExcerpt:
        id_, status, rag, theme, objective, officers, names, due, closed, due_update = data
        if type(officers) is not tuple or type(id_) is not str:
            raise TypeError("a cached excerpt of another shape")
        if names is None:
            names = officers
        elif type(names) is not tuple:
            raise TypeError("a cached excerpt of another shape")
        if due is not None:
            due = days.get(due) or _day(due)
        # the named tuple's own __new__ is a Python function: a call more
        return new(
            excerpt,
            (
                ref(slug, id_),
                status,
                rag,
                theme,
                objective,
                officers,
                names,
                due,
                closed,
                as_of,
                search,
                due_update,
            ),
        )

    return from_cache


def cached_excerpt_fields(plan: Plan) -> dict[str, Callable[[tuple[Any, ...]], Any]]:
    """How to read the excerpt fields a filter judges most off an entry
    :func:`excerpt_to_cache` made for an action of ``plan``, without building the
    excerpt (see :meth:`~bvtui.model.filters.Filter.judge_fields`): a load judges the
    store's index with them first. A damaged entry raises one of :data:`DAMAGED`."""
    slug = plan.slug
    return {
        "plan": lambda _entry: slug,
        "status": itemgetter(1),
        "rag": itemgetter(2),
        "theme": itemgetter(3),
        "names": _cached_names,
        "due_update": itemgetter(9),
    }


def passed_first(
    only: Filter,
    plan: Plan,
    names: list[str],
    stamps: list[Hashable | None],
    hints: list[Any],
) -> tuple[list[str], list[Hashable | None], list[Any], Callable[[ActionExcerpt], bool] | None]:
    """The files of ``plan``'s folder (with their stamps and hints) whose cached entry
    ``only`` passes on the fields it holds (:func:`cached_excerpt_fields`), and those
    with none (:data:`MISS`: to parse), with what the excerpt of an entry it passed is
    still judged on (:meth:`~bvtui.model.filters.Filter.judge_rest`; None: nothing).
    When an entry is damaged, all of them, each still judged on its whole excerpt
    (which finds the damage)."""
    fields = cached_excerpt_fields(plan)
    first = only.judge_fields(fields)
    try:
        kept = [index for index, hint in enumerate(hints) if hint is MISS or first(hint)]
    except DAMAGED:
        return names, stamps, hints, only.judge()
    rest = only.judge_rest(fields)
    if len(kept) == len(hints):
        return names, stamps, hints, rest
    picked = [names[i] for i in kept], [stamps[i] for i in kept], [hints[i] for i in kept]
    return (*picked, rest)


def _cached_names(entry: tuple[Any, ...]) -> Any:
    names = entry[6]
    return entry[5] if names is None else names


def search_texts_to_cache(texts: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The search texts of a plan folder's actions (by file name) as one cached value:
    a search decodes a folder's texts at once, and a load that does not search never."""
    return tuple(texts), tuple(texts.values())


def search_texts_from_cache(data: Any) -> dict[str, str]:
    """The texts :func:`search_texts_to_cache` kept (raises one of :data:`DAMAGED` when
    ``data`` is of another shape)."""
    names, texts = data
    if not (type(names) is type(texts) is tuple and len(names) == len(texts)):
        raise ValueError("cached search texts of another shape")
    found = dict(zip(names, texts))  # noqa: B905 (lengths checked)
    if not all(type(text) is str for text in texts):
        raise ValueError("cached search texts of another shape")
    return found


def _day(ordinal: int) -> date:
    """The date of ``ordinal``, made once per day (a store has a few hundred)."""
    day = _DAYS.get(ordinal)
    if day is None:
        day = _DAYS[ordinal] = date.fromordinal(ordinal)
    return day


_DAYS: dict[int, date] = {}
_SHARED: dict[Any, Any] = {}
"""Officers' tuples and days' ordinals as :func:`excerpt_to_cache` shares them (a
store has a few thousand of each)."""


def action_from_cache(plan: Plan, path: str, values: Any) -> Action:
    """An action rebuilt from the cache without validating again: it was, when cached.

    The cached values are in the order of the classes' ``FIELDS``, which is the order
    their ``__init__`` takes: each record is made by its own ``__init__``, whose
    attributes the interpreter keeps inline, with no dictionary per object.
    """
    # ``values`` is what the cache gave: None (a damaged value) raises TypeError here.
    if len(values) != len(ACTION_FIELDS):
        raise ValueError("a cached action of another shape")
    action = Action(*values)
    updates = []
    for update_values in values[_UPDATES]:  # the cached list: None raises TypeError
        if len(update_values) != len(UPDATE_FIELDS):
            raise ValueError("a cached update of another shape")
        updates.append(Update(*update_values))
    action.plan = plan
    action.path = path
    action.updates = updates
    action.evidence = [Evidence(*item) for item in values[_EVIDENCE]]
    return action


def names_in_order(
    folder: str, listed: list[str], cache: ParseCache
) -> tuple[list[str], dict[str, int] | None, bool]:
    """A folder's action files (its YAML files ``listed`` but the plan's) in natural
    order; each one's rank by the natural order of its id (the name without ``.yaml``,
    which the id must equal), None when that is the same order (as it nearly always
    is); and whether two of them have names equal but for case (*twins*).

    All three are cached under the listing itself, as places in it: a folder listed
    the same, in the same order (as an unchanged folder is), is not sorted again, and a
    cached order can only name files of the listing, each once."""
    key, fingerprint = f"{folder}/", tuple(listed)
    count = len(listed) - (PLAN_FILE in listed)
    cached = cache.get(key, fingerprint)
    if cached is not None:
        try:
            by_name, by_id, twins = cached
            if type(twins) is not bool:
                raise TypeError(key)
            names = _placed(listed, by_name, count)
            if by_id is None:
                return names, None, twins
            return names, {n: rank for rank, n in enumerate(_placed(listed, by_id, count))}, twins
        except DAMAGED:  # a damaged entry: sorted again
            cache.drop(key)
    place = {name: index for index, name in enumerate(listed)}
    names = sorted((name for name in listed if name != PLAN_FILE), key=natural_key)
    by_id = sorted(names, key=id_key)  # stable: ties keep the file-name order
    twins = len({name.lower() for name in names}) < len(names)
    same = by_id == names
    order = [place[name] for name in names], None if same else [place[n] for n in by_id]
    cache.put(key, fingerprint, (*order, twins))
    return names, None if same else {name: rank for rank, name in enumerate(by_id)}, twins


def _placed(listed: list[str], places: Any, count: int) -> list[str]:
    """The files of ``listed`` at ``places``, when those are ``count`` distinct places
    of action files (raises one of :data:`DAMAGED` otherwise)."""
    names = [listed[place] for place in places]
    if len(names) != count or len(set(places)) != count or (count and min(places) < 0):
        raise ValueError("a cached order of another shape")
    if PLAN_FILE in names:
        raise ValueError("a cached order naming the plan's file")
    return names


def what_actions_depend_on(plan: Plan) -> tuple[Any, ...]:
    """What of ``plan`` its actions were validated and excerpted with, as plain data
    (the plan's ``as_of`` is not cached in an excerpt: a load takes the plan's own)."""
    return (tuple(plan.statuses.items()), tuple(plan.officer_aliases.items()), plan.period)


def id_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """The sort key of the id in file ``name`` (``<id>.yaml``)."""
    return natural_key(name.removesuffix(".yaml"))


new_excerpt = tuple.__new__
ACTION_FIELDS = Action.FIELDS
UPDATE_FIELDS = Update.FIELDS
_PLAN, _PATH, _UPDATES, _EVIDENCE = map(
    ACTION_FIELDS.index, ("plan", "path", "updates", "evidence")
)
