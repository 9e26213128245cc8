"""Reading and rewriting the store's YAML files.

Two paths, chosen by measurement (ENGINEERING.md):

* **Reading** the whole store uses libyaml through PyYAML's ``CBaseLoader``: every
  scalar comes back as a string (no YAML 1.1 / 1.2 guessing of booleans, octals,
  floats or dates: ``id: 1.10`` stays ``"1.10"``), and the schema in
  :mod:`bvtui.model.schema` gives fields their types. Duplicate keys are refused with
  their line, which plain PyYAML would silently accept, and so are aliases
  (``*name``): no store file needs one, and a few hundred bytes of nested aliases
  (a "billion laughs") expand to more than any command can walk.
* **Writing** uses ruamel.yaml round-trip on the one file being saved, so comments,
  key order, quoting and the file's own indentation survive, and only the lines of
  the fields that changed move.

Both libraries are imported on first use, not with this module: a store loaded from
the parse cache needs neither, and ``bvtui list`` starts sooner for it.
"""

from __future__ import annotations

import io
import itertools
import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap


class YamlFileError(ValueError):
    """A file that cannot be read as YAML, with the line where reading stopped."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


_NULLS = frozenset({"~", "null", "Null", "NULL"})


@cache
def _strict_loader(aliases: bool = False) -> type:
    """libyaml's all-strings loader, refusing duplicate keys; plain ``null``/``~`` is None.

    Only an unquoted null is None: ``title: 'Null'`` is the text "Null". With
    ``aliases``, the loader for a text that may hold one: it refuses any node reached
    a second time, which is what an alias is once libyaml has composed the document.
    Built on first use, so that importing this module does not import PyYAML.
    """
    import yaml

    fast_loader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    refused = yaml.constructor.ConstructorError

    class StrictLoader(fast_loader):
        def construct_scalar(self, node: Any) -> Any:
            value = super().construct_scalar(node)
            return None if not node.style and value in _NULLS else value

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            if not isinstance(node, yaml.MappingNode):
                raise refused(None, None, "a mapping tag on something else", node.start_mark)
            mapping: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in mapping:  # an unhashable key raises TypeError: reported
                    raise refused(None, None, f"duplicate key {key!r}", key_node.start_mark)
                mapping[key] = self.construct_object(value_node, deep=deep)
            return mapping

    class NoAliasLoader(StrictLoader):
        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise refused(
                    None,
                    None,
                    "a value used again by an alias (*name): aliases are not allowed",
                    node.start_mark,
                )
            return super().construct_object(node, deep=deep)

    StrictLoader.add_constructor("tag:yaml.org,2002:map", StrictLoader.construct_mapping)
    return NoAliasLoader if aliases else StrictLoader


def read_mapping(text: str, path: str) -> dict[str, Any]:
    """Parse one store file into plain dicts, lists and strings.

    Raises:
        YamlFileError: the text is not YAML, has a duplicate key or an alias, or is not
            a mapping.
    """
    import yaml

    try:  # an alias is written ``*name``: a text without ``*`` has none to refuse
        data = yaml.load(text, Loader=_strict_loader("*" in text))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        reason = " ".join(str(err.problem or err.context or "invalid YAML").split())
        raise YamlFileError(path, line, reason) from None
    except (yaml.YAMLError, TypeError) as err:  # TypeError: a list or mapping used as a key
        raise YamlFileError(path, None, " ".join(str(err).split())) from None
    except RecursionError:  # libyaml allows 1,000 levels; building them takes more
        raise YamlFileError(path, None, "lists or mappings nested too deeply") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlFileError(path, 1, "the file must be a mapping of field: value")
    return data


# --- round-trip writing -------------------------------------------------------------

_SEQ_ITEM = re.compile(r"^(?P<dash> *)- ")
_KEY_ONLY = re.compile(r"^(?P<indent> *)[^\s#-][^:]*:\s*(#.*)?$")
# Line breaks in YAML 1.1 (libyaml, the reader) but not in 1.2 (ruamel, the writer):
# ruamel would write them raw and the reader would fold them, so they are escaped.
_BREAKS_1_1 = re.compile("[\x85\u2028\u2029]")


def _guess_indent(text: str) -> tuple[int, int, int]:
    """The (mapping, sequence, offset) indentation a hand-written file already uses."""
    mapping, sequence, offset = 2, 2, 0
    lines = text.splitlines()
    for before, line in itertools.pairwise(lines):
        parent = _KEY_ONLY.match(before)
        if not parent:
            continue
        base = len(parent["indent"])
        item = _SEQ_ITEM.match(line)
        if item:
            offset = max(len(item["dash"]) - base, 0)
            sequence = offset + 2
            break
    for before, line in itertools.pairwise(lines):
        parent = _KEY_ONLY.match(before)
        stripped = line.lstrip(" ")
        if parent and stripped and not stripped.startswith(("-", "#")):
            step = len(line) - len(stripped) - len(parent["indent"])
            if step > 0:
                mapping = step
                break
    return mapping, sequence, offset


def _yaml(text: str | None) -> YAML:
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    rt.width = 4096
    rt.preserve_quotes = True
    mapping, sequence, offset = _guess_indent(text) if text else (2, 2, 0)
    rt.indent(mapping=mapping, sequence=sequence, offset=offset)
    rt.explicit_start = bool(text and text.lstrip().startswith("---"))
    return rt


def _plain(value: Any) -> Any:
    """A round-trip node as plain Python, for comparing it with a new value."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    return str(value)


def styled(value: Any) -> Any:
    """A value in the store's canonical style, for ruamel to write.

    Text with line breaks is written as a literal block (``|``) so that comments stay
    readable and diff line by line, unless it holds characters a literal block cannot
    carry (control characters, trailing spaces, a leading space), which ruamel then
    writes double-quoted with escapes. Lists of names are written inline
    (``[A, B]``); mappings keep their insertion order.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, str):
        if _BREAKS_1_1.search(value):
            return DoubleQuotedScalarString(value)
        return LiteralScalarString(value) if _literal_ok(value) else value
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = styled(item)
        return out
    if isinstance(value, list):
        if value and all(isinstance(item, str) and "\n" not in item for item in value):
            seq = CommentedSeq(_flow_item(item) for item in value)
            seq.fa.set_flow_style()
            return seq
        return CommentedSeq(styled(item) for item in value)
    return value


# Names that read the same to every YAML parser inside ``[a, b]``; anything else
# (``?0``, ``a: b``, ``#x``, quotes, brackets...) is written double-quoted.
_FLOW_SAFE = re.compile(r"^[\w(][\w .()'/&+@-]*(?<! )$")


def _flow_item(text: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return (
        text
        if _FLOW_SAFE.match(text) and text.lower() not in _NULLS
        else (DoubleQuotedScalarString(text))
    )


@cache
def _control() -> re.Pattern[str]:
    """Characters a literal block cannot carry; compiled by the writer's first use (it
    is slow to compile, and reading never needs it)."""
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _literal_ok(text: str) -> bool:
    if "\n" not in text or _control().search(text) or "\r" in text or "\t" in text:
        return False
    if text[0] in " \n" or text.rstrip("\n") != text.rstrip("\n").rstrip():
        return False
    if any(line != line.rstrip() for line in text.split("\n")):
        return False
    import unicodedata  # only the writer needs it

    return all(unicodedata.category(ch) != "Zs" or ch == " " for ch in text)


def render_mapping(old_text: str | None, new: dict[str, Any], order: tuple[str, ...]) -> str:
    """The file text for ``new``, rewriting ``old_text`` with as small a change as possible.

    Keys whose value is unchanged keep their node (quotes, comments, style); changed
    keys get a new canonical node in place; new keys with a value are inserted at their
    place in ``order`` (empty ones are not added to an existing file); keys absent from
    ``new`` are removed. For a new file (``old_text`` None), keys are written in
    ``order`` with unknown keys after.

    Raises:
        YamlFileError: ``old_text`` is not a YAML mapping.
    """
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import MarkedYAMLError

    rt = _yaml(old_text)
    if old_text is None:
        doc = CommentedMap()
    else:
        try:
            doc = rt.load(old_text)
        except MarkedYAMLError as err:
            mark = err.problem_mark
            raise YamlFileError("", mark.line + 1 if mark else None, str(err.problem)) from None
        if doc is None:
            doc = CommentedMap()
    for key in [k for k in doc if k not in new]:
        del doc[key]
    for key, value in new.items():
        if key in doc:
            _merge_into(doc, key, value)
        elif old_text is None or value not in (None, "", [], {}):
            # an existing file only grows keys that say something
            doc.insert(_insert_at(doc, key, order), key, styled(value))
    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def _merge_into(doc: CommentedMap, key: str, value: Any) -> None:
    """Set ``doc[key] = value`` touching as little of the existing node as possible."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    old = doc[key]
    if _plain(old) == _plain(value):
        return
    if isinstance(old, CommentedMap) and isinstance(value, dict):
        for sub in [k for k in old if k not in value]:
            del old[sub]
        for sub, item in value.items():
            if sub in old:
                _merge_into(old, sub, item)
            else:
                old[sub] = styled(item)
        return
    if isinstance(old, CommentedSeq) and isinstance(value, list):
        plain_old = _plain(old)
        if plain_old == value[: len(plain_old)]:  # appended items: keep the old ones as they are
            old.extend(styled(item) for item in value[len(plain_old) :])
            return
    doc[key] = styled(value)


def _insert_at(doc: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    """Where a new key goes: after the last present key that precedes it in ``order``."""
    if key not in order:
        return len(doc)
    rank = order.index(key)
    position = 0
    for index, existing in enumerate(doc):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    return position
