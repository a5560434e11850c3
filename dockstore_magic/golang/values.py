"""Go values as Python data, for fmt, encoding/json and text/template (``golang`` package):
``dict`` is a Go map, ``list`` a slice, ``None`` nil; these add what plain JSON-shaped data
cannot say.

* :class:`GoStruct` — a struct value of a named type (``volume.Volume``): fields in
  declaration order, printed ``{v1 v2}``, unknown fields an error in templates.
* :class:`GoMap` — a map with a fixed element type (``map[string]string``), possibly nil.
* :class:`GoNil` — a typed nil pointer, slice or map.
* :data:`MISSING` — the invalid ``reflect.Value`` of a missing map key (``<no value>``).
* :func:`go_type_name` — the type as Go's error messages name it.
"""
from __future__ import annotations

from typing import Any, Iterable

__all__ = ["MISSING", "GoStruct", "GoNil", "GoMap", "go_type_name"]


class _Missing:
    """Go's invalid reflect.Value (a missing map key): prints as ``<no value>``."""
    _inst = None

    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        return False


MISSING = _Missing()


class GoStruct(dict):
    """A dict standing for a Go struct value of type ``type_name`` (see module doc).
    ``omitempty`` names the fields whose JSON tag has ``omitempty``: they are printed by
    ``{{.}}`` but left out of ``{{json .}}`` when empty (None, "", 0, false, empty map/list).
    ``embedded`` gives the number of fields of each embedded struct, in order, from the
    first field: their fields are promoted (read and encoded as the struct's own) but
    ``{{.}}`` prints each one in its own braces, as fmt prints a struct field."""

    def __init__(self, type_name: str = "struct", *args, omitempty: Iterable[str] = (),
                 embedded: Iterable[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.type_name = type_name
        self.omitempty = frozenset(omitempty)
        self.embedded = tuple(embedded)

    def __repr__(self):
        return f"GoStruct({self.type_name!r}, {dict.__repr__(self)})"


class GoNil:
    """A typed nil (``GoNil("*volume.UsageData")``, ``GoNil("[]string")``): encodes as JSON
    ``null`` and is false; a nil pointer prints ``<nil>`` and a field access on it fails with
    Go's ``nil pointer evaluating *volume.UsageData.Size``; a nil slice prints ``[]`` and a
    nil map ``map[]`` (as Go prints them)."""

    def __init__(self, type_name: str):
        self.type_name = type_name

    def __bool__(self):
        return False

    def __eq__(self, other):
        return other is None or isinstance(other, GoNil)

    def __hash__(self):
        return 0

    def __repr__(self):
        return f"GoNil({self.type_name!r})"


class GoMap(dict):
    """A dict standing for a Go map whose values have a fixed type (``elem_type``, e.g.
    "string" for ``map[string]string`` such as Labels): ``{{json}}`` sorts its keys and
    ``index`` of a missing key yields the element type's zero value. ``nil=True`` is a nil
    map: it prints as ``map[]`` but encodes as JSON ``null``."""

    def __init__(self, *args, elem_type: str = "string", nil: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.elem_type = elem_type
        self.nil = nil


# ---- Go type names (for error messages)

def go_type_name(v: Any) -> str:
    if isinstance(v, GoNil):
        return v.type_name
    if isinstance(v, GoStruct):
        return v.type_name
    if isinstance(v, GoMap):
        return f"map[string]{v.elem_type}"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, (list, tuple)):
        if v and all(isinstance(e, str) for e in v):
            return "[]string"
        return "[]interface {}"
    if v is None:
        return "interface {}"
    if callable(v):
        return "func"
    return type(v).__name__
