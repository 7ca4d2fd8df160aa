"""Directives that read the model itself, so the data-model guide cannot go stale.

``eucoop-enum NAME``
    A table of every value of the enum ``eucoop.NAME``, with its Python name.

``eucoop-fields NAME``
    A table of every attrs field of ``eucoop.NAME``: name, type, default and
    meaning. The meanings are the directive's content, one ``field: text``
    line each (MyST inline markup allowed). A field without a meaning, or a
    meaning for a field that does not exist, is a build warning (an error
    under ``-W``). The ``:own:`` flag leaves out the fields shared by every
    entity.

``eucoop-export-tables``, ``eucoop-export-types``, ``eucoop-columns NAME``
    The exports' reference, from the table specs the writers use: every table
    with what a row is, its key and where it is written; how each type of
    value is written in CSV, SQLite and pandas; and the columns of one table
    (pandas dtype, SQLite type, key, references), with optional meanings as
    ``column: text`` lines. A table of the SQLite export that no
    ``eucoop-columns`` describes is a build warning.

It also resolves cross-references written against the private modules
(``eucoop._model.values.PartialDate``, as type hints name them) to the public
names documented in the API reference (``eucoop.PartialDate``), and keeps
napoleon from reading a property's first line as a type.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
from decimal import Decimal
from typing import Any, TypeVar

import attrs

import eucoop
from eucoop import _export
from eucoop._queries import tables as export_tables

#: Private modules whose ideas a guide page explains: module -> label of that section.
PRIVATE_MODULE_PAGES = {"eucoop._queries.time": "partial-dates"}


def split_private(target: str) -> tuple[Any, str, str] | None:
    """``(module, name, rest)`` for a name qualified by a private module, else None.

    The module is the longest importable prefix, however deep the rooms go:
    ``eucoop._model.values.PartialDate.parse`` gives the module
    ``eucoop._model.values``, ``"PartialDate"`` and ``".parse"``.
    """
    parts = target.split(".")
    if len(parts) < 3 or parts[0] != "eucoop" or not parts[1].startswith("_"):
        return None
    for i in range(len(parts) - 1, 1, -1):
        try:
            module = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        return module, parts[i], "".join(f".{p}" for p in parts[i + 1 :])
    return None


def enum_rows(name: str) -> list[tuple[str, str]]:
    """``(value, Python name)`` for every member of the enum ``eucoop.<name>``."""
    cls = getattr(eucoop, name)
    if not (isinstance(cls, type) and issubclass(cls, enum.Enum)):
        msg = f"eucoop.{name} is not an enum"
        raise TypeError(msg)
    return [(str(m.value), f"{name}.{m.name}") for m in cls]


def _literal(value: object) -> str:
    if isinstance(value, enum.Enum):
        return repr(value.value)
    return repr(value)


def _default(cls: type, field: attrs.Attribute[Any]) -> str | None:
    """The field's default as a literal, or None when the field is required.

    The constructor's signature decides, since a class may write its own
    ``__init__`` (:class:`~eucoop.PartialDate` does).
    """
    try:
        param = inspect.signature(cls).parameters.get(field.name)
    except (TypeError, ValueError):
        param = None
    if param is not None:
        if param.default is inspect.Parameter.empty:
            return None
        if param.default is not attrs.NOTHING:
            return _literal(param.default)
    d = field.default
    if d is attrs.NOTHING:
        return None
    factory = getattr(d, "factory", None)
    if factory is not None:  # attrs.Factory
        return f"{factory.__name__}()"
    return _literal(d)


def type_name(t: object) -> str:
    """A field's type as the source writes it: ``PartialDate | None``, ``tuple[str, ...]``."""
    if isinstance(t, str):
        return t
    if isinstance(t, type):
        return "None" if t is type(None) else t.__qualname__
    text = repr(t).replace("NoneType", "None")
    return re.sub(r"\b[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*\.(?=[A-Z])", "", text)


def field_rows(name: str, own: bool = False) -> list[tuple[str, str, str | None]]:
    """``(field, type, default)`` for every attrs field of ``eucoop.<name>``."""
    cls = getattr(eucoop, name)
    rows = []
    for f in attrs.fields(cls):
        if own and f.inherited:
            continue
        rows.append((f.name, type_name(f.type), _default(cls, f)))
    return rows


#: How each type of cell is written, by the Python type of its values.
CSV_FORMS = {
    str: "the text",
    int: "digits (`26`)",
    bool: "`true` or `false`",
    float: "digits with a point",
    Decimal: "the exact decimal (`440000000`, `1.5`)",
}


def export_types() -> list[tuple[str, str, str, str]]:
    """``(Python type, CSV, SQLite, pandas)`` for every type a table's cell has."""
    return [
        (t.__name__, CSV_FORMS[t], _export.SQL_TYPES[t], export_tables.DTYPES[t])
        for t in (str, int, bool, Decimal)
    ]


def export_table_rows() -> list[tuple[str, str, str, str]]:
    """``(table, one row is, key, written to)`` for every table of every export."""
    rows = []
    for t in _export.sqlite_tables().values():
        everywhere = t.name in export_tables.table_names()
        where = "to_dataframe, CSV, SQLite" if everywhere else "SQLite"
        rows.append((t.name, t.row_is, ", ".join(t.key), where))
    return rows


def column_rows(name: str) -> list[tuple[str, str, str, str]]:
    """``(column, pandas dtype, SQLite type, notes)`` for every column of one table."""
    table = _export.sqlite_tables()[name]
    everywhere = name in export_tables.table_names()
    rows = []
    for c in table.columns:
        notes = []
        if c.name in table.key:
            notes.append("key" if len(table.key) == 1 else f"key ({table.key.index(c.name) + 1})")
        if c.refers_to:
            notes.append(f"id in {c.refers_to}")
        if c.required and c.name not in table.key:
            notes.append("always set")
        if c.choices:
            notes.append("one of " + ", ".join(c.choices))
        dtype = export_tables.DTYPES[c.type] if everywhere else "-"
        if everywhere and table.key == ("id",) and c.name == "id":
            dtype = "index"
        rows.append((c.name, dtype, _export.SQL_TYPES[c.type], "; ".join(notes)))
    return rows


def add_export_directives(app, table, literal):  # type: ignore[no-untyped-def]
    """Register the exports' directives; *table* and *literal* make the table nodes."""
    from docutils import nodes
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective

    logger = logging.getLogger(__name__)

    def literal_or_text(text: str) -> nodes.paragraph:
        return literal(text) if text and text not in ("-", "index") else nodes.paragraph(text=text)

    class ExportTablesDirective(SphinxDirective):
        def run(self) -> list[nodes.Node]:
            cells: list[list[nodes.Node]] = [
                [literal(n), nodes.paragraph(text=r), literal(k), nodes.paragraph(text=w)]
                for n, r, k, w in export_table_rows()
            ]
            return [table(["Table", "One row is", "Key", "In"], cells, [3, 6, 4, 4])]

    class ExportTypesDirective(SphinxDirective):
        def run(self) -> list[nodes.Node]:
            cells: list[list[nodes.Node]] = []
            for py, csv_form, sql, dtype in export_types():
                form, _msgs = self.state.inline_text(csv_form, self.lineno)
                cells.append(
                    [literal(py), nodes.paragraph("", "", *form), literal(sql), literal(dtype)]
                )
            headers = ["Values", "CSV", "SQLite", "pandas"]
            return [table(headers, cells, [2, 5, 2, 2])]

    class ColumnsDirective(SphinxDirective):
        required_arguments = 1
        has_content = True

        def run(self) -> list[nodes.Node]:
            name = self.arguments[0]
            try:
                rows = column_rows(name)
            except KeyError:
                raise self.error(f"eucoop-columns: no export table {name!r}") from None
            documented = getattr(self.env, "eucoop_columns", {})
            documented.setdefault(self.env.docname, set()).add(name)
            self.env.eucoop_columns = documented
            meanings: dict[str, tuple[str, int]] = {}
            for offset, line in enumerate(self.content):
                if line.strip():
                    column, sep, text = line.partition(":")
                    if not sep:
                        raise self.error(f"expected 'column: meaning', got {line!r}")
                    meanings[column.strip()] = (text.strip(), self.content_offset + offset + 1)
            known = [r[0] for r in rows]
            for extra in sorted(set(meanings) - set(known)):
                logger.warning(
                    "eucoop-columns %s: %r is not one of its columns",
                    name,
                    extra,
                    location=self.get_location(),
                )
            headers = ["Column", "pandas", "SQLite", "Key, references"]
            widths = [3, 2, 2, 4]
            if meanings:
                headers.append("Meaning")
                widths.append(6)
            cells: list[list[nodes.Node]] = []
            messages: list[nodes.Node] = []
            for column, dtype, sql, notes in rows:
                row = [literal(column), literal_or_text(dtype), literal(sql)]
                row.append(nodes.paragraph(text=notes))
                if meanings:
                    meaning = nodes.paragraph()
                    if column in meanings:
                        text, lineno = meanings[column]
                        inline, msgs = self.state.inline_text(text, lineno)
                        meaning += inline
                        messages += msgs
                    else:
                        logger.warning(
                            "eucoop-columns %s: column %r has no meaning written",
                            name,
                            column,
                            location=self.get_location(),
                        )
                    row.append(meaning)
                cells.append(row)
            return [table(headers, cells, widths), *messages]

    def purge_columns(_app, env, docname):  # type: ignore[no-untyped-def]
        getattr(env, "eucoop_columns", {}).pop(docname, None)

    def merge_columns(_app, env, _docnames, other):  # type: ignore[no-untyped-def]
        documented = getattr(env, "eucoop_columns", {})
        documented.update(getattr(other, "eucoop_columns", {}))
        env.eucoop_columns = documented

    def check_columns(_app, env):  # type: ignore[no-untyped-def]
        documented = set().union(*getattr(env, "eucoop_columns", {}).values())
        for name in _export.sqlite_tables():
            if name not in documented:
                logger.warning("export table %r has no eucoop-columns in the docs", name)

    app.add_directive("eucoop-export-tables", ExportTablesDirective)
    app.add_directive("eucoop-export-types", ExportTypesDirective)
    app.add_directive("eucoop-columns", ColumnsDirective)
    app.connect("env-purge-doc", purge_columns)
    app.connect("env-merge-info", merge_columns)
    app.connect("env-check-consistency", check_columns)


def setup(app):  # type: ignore[no-untyped-def]
    """Register the directives and the cross-reference fallback."""
    from docutils import nodes
    from docutils.parsers.rst import directives
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective

    logger = logging.getLogger(__name__)

    def table(headers: list[str], rows: list[list[nodes.Node]], widths: list[int]) -> nodes.table:
        tab = nodes.table(classes=["eucoop-model-table"])
        group = nodes.tgroup(cols=len(headers))
        tab += group
        for w in widths:
            group += nodes.colspec(colwidth=w)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for h in headers:
            row += nodes.entry("", nodes.paragraph(text=h))
        head += row
        body = nodes.tbody()
        group += body
        for cells in rows:
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry()
                entry += cell
                row += entry
            body += row
        return tab

    def literal(text: str) -> nodes.paragraph:
        para = nodes.paragraph()
        para += nodes.literal(text, text)
        return para

    class EnumDirective(SphinxDirective):
        required_arguments = 1

        def run(self) -> list[nodes.Node]:
            name = self.arguments[0]
            try:
                rows = enum_rows(name)
            except (AttributeError, TypeError) as exc:
                raise self.error(str(exc)) from None
            cells: list[list[nodes.Node]] = [[literal(v), literal(p)] for v, p in rows]
            return [table(["Value (in data files and queries)", "Python"], cells, [1, 1])]

    class FieldsDirective(SphinxDirective):
        required_arguments = 1
        has_content = True
        option_spec = {"own": directives.flag}  # noqa: RUF012 - docutils API

        def run(self) -> list[nodes.Node]:
            name = self.arguments[0]
            try:
                rows = field_rows(name, own="own" in self.options)
            except (AttributeError, attrs.exceptions.NotAnAttrsClassError) as exc:
                raise self.error(f"eucoop.{name}: {exc}") from None
            meanings: dict[str, tuple[str, int]] = {}
            for offset, line in enumerate(self.content):
                if not line.strip():
                    continue
                field, sep, text = line.partition(":")
                if not sep:
                    raise self.error(f"expected 'field: meaning', got {line!r}")
                meanings[field.strip()] = (text.strip(), self.content_offset + offset + 1)
            known = {r[0] for r in rows}
            for extra in sorted(set(meanings) - known):
                logger.warning(
                    "eucoop-fields %s: %r is not one of its fields",
                    name,
                    extra,
                    location=self.get_location(),
                )
            cells: list[list[nodes.Node]] = []
            messages: list[nodes.Node] = []
            for field, ftype, default in rows:
                meaning = nodes.paragraph()
                if field in meanings:
                    text, lineno = meanings[field]
                    inline, msgs = self.state.inline_text(text, lineno)
                    meaning += inline
                    messages += msgs
                else:
                    logger.warning(
                        "eucoop-fields %s: field %r has no meaning written",
                        name,
                        field,
                        location=self.get_location(),
                    )
                default_cell = (
                    literal(default) if default is not None else nodes.paragraph(text="required")
                )
                cells.append([literal(field), literal(ftype), default_cell, meaning])
            return [table(["Field", "Type", "Default", "Meaning"], cells, [3, 4, 2, 8]), *messages]

    def resolve_private(app, env, node, contnode):  # type: ignore[no-untyped-def]
        """``eucoop._model.values.PartialDate`` -> ``eucoop.PartialDate``, when that is public.

        A type variable (``eucoop._registry.E``) becomes plain text; a private
        module that a guide page explains links to that page's section.
        """
        if node.get("refdomain") != "py":
            return None
        target = node.get("reftarget", "")
        if node.get("reftype") == "mod" and target in PRIVATE_MODULE_PAGES:
            std = env.get_domain("std")
            return std.resolve_xref(
                env,
                node["refdoc"],
                app.builder,
                "ref",
                PRIVATE_MODULE_PAGES[target],
                node,
                contnode,
            )
        found = split_private(target)
        if found is None:
            return None
        module, name, rest = found
        if not rest and isinstance(getattr(module, name, None), TypeVar):
            return contnode
        if name not in eucoop.__all__:
            return None
        target = f"eucoop.{name}{rest}"
        domain = env.get_domain("py")
        return domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], target, node, contnode
        )

    def keep_property_text(_app, what, _name, _obj, _options, lines):  # type: ignore[no-untyped-def]
        """Stop napoleon reading ``"Text: more"`` in a property docstring as ``type: text``.

        napoleon takes a property's first line as ``type: description``. An
        empty reST comment as the first line has no colon, so napoleon keeps
        the docstring as written, and the comment renders as nothing.
        """
        if what in ("property", "attribute", "data") and lines and ":" in lines[0]:
            lines[:0] = ["..", ""]

    add_export_directives(app, table, literal)
    app.add_directive("eucoop-enum", EnumDirective)
    app.connect("autodoc-process-docstring", keep_property_text, priority=400)
    app.add_directive("eucoop-fields", FieldsDirective)
    app.connect("missing-reference", resolve_private)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
