"""The ``eucoop`` command line (also ``python -m eucoop``).

Subcommands answer the questions the Python API answers: ``summary`` (the
default), ``list``, ``show``, ``search``, ``involving``, ``partners``,
``timeline``, ``as-of``, ``provenance``, ``validate`` and ``export``. The
global options ``--data FILE``, ``--no-default`` and ``--json`` are accepted
before and after the subcommand.

Exit status: 0 on success (an empty result included), 1 for an unknown or
ambiguous name, a bad data file or a file that cannot be read or written,
2 for a usage error or a bad value (a date, a policy area...). Errors are one
line each on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from eucoop import _export
from eucoop._exceptions import AmbiguousLookupError, DataError, UnknownEntityError
from eucoop._load import load
from eucoop._loading import json_schema, unstructure
from eucoop._model import (
    KINDS,
    Agreement,
    Dialogue,
    Document,
    Entity,
    Organisation,
    PartialDate,
    Participant,
    PolicyArea,
    Programme,
    Role,
    Source,
    Standing,
)
from eucoop._registry import Registry
from eucoop._resources import version

__all__ = ["main"]

#: Text output is wrapped to this many columns.
WIDTH = 80
#: The label column of ``show`` cards.
LABEL = 18

E = TypeVar("E", bound=Enum)

_FORMATS = ("json", "csv", "sqlite")
_SUFFIX_FORMATS = {
    ".json": "json",
    ".zip": "csv",
    ".csv": "csv",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
}


class _Failure(Exception):
    """A one-line error that exits with status 1."""


# -- argument parsing ------------------------------------------------------------


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help wrapped to WIDTH columns whatever the terminal, epilogs kept as written."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=WIDTH)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _date_arg(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        why = str(exc)
        if repr(text) in why:
            raise argparse.ArgumentTypeError(why) from None
        msg = f"invalid date {text!r}: {why}"
        raise argparse.ArgumentTypeError(msg) from None


def _norm(text: str) -> str:
    return "_".join(text.lower().replace("-", " ").split())


def _enum_arg(cls: type[E], what: str) -> Callable[[str], E]:
    values = {m.value: m for m in cls}

    def convert(text: str) -> E:
        key = _norm(text)
        if key in values:
            return values[key]
        close = difflib.get_close_matches(key, list(values), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        msg = f"{text!r} is not a {what}{hint}"
        raise argparse.ArgumentTypeError(msg)

    convert.__name__ = what
    return convert


_KIND_NAMES = {k.collection: k.collection for k in KINDS} | {
    k.__name__.lower(): k.collection for k in KINDS
}
_KIND_NAMES |= {"org": "organisations", "orgs": "organisations"}


def _kind_arg(text: str) -> str:
    key = text.lower()
    if key in _KIND_NAMES:
        return _KIND_NAMES[key]
    found = {v for k, v in _KIND_NAMES.items() if len(key) >= 3 and k.startswith(key)}
    if len(found) == 1:
        return found.pop()
    msg = f"unknown kind {text!r}; expected organisations, agreements, dialogues or programmes"
    raise argparse.ArgumentTypeError(msg)


def _country_arg(text: str) -> str:
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        msg = f"{text!r} is not an ISO 3166-1 alpha-2 country code (two letters, like 'LY')"
        raise argparse.ArgumentTypeError(msg)
    return text.upper()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a positive whole number, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


_AREA = _enum_arg(PolicyArea, "policy area")
_ROLE = _enum_arg(Role, "role")
_STANDING = _enum_arg(Standing, "standing")


def _add_globals(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The options accepted both before and after the subcommand.

    After the subcommand they default to SUPPRESS, so that a subcommand that
    does not repeat them leaves what was given before it alone.
    """
    quiet: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    group = parser.add_argument_group("global options")
    group.add_argument(
        "--data",
        action="append",
        metavar="FILE",
        dest="data" if top else "data_after",
        default=[] if top else argparse.SUPPRESS,
        help="a data file or folder to load on top of the packaged data (repeatable)",
    )
    group.add_argument(
        "--no-default",
        action="store_true",
        help="leave out the packaged data: use only the --data files",
        **quiet,
    )
    group.add_argument("--json", action="store_true", help="print machine-readable JSON", **quiet)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--area", type=_AREA, metavar="AREA", help="a policy area, e.g. migration, drugs"
    )
    parser.add_argument("--country", type=_country_arg, help="an ISO country code, e.g. LY")
    parser.add_argument("--region", help="a programme's region, e.g. 'North Africa'")
    parser.add_argument("--participant", metavar="ORG", help="an organisation taking part")
    parser.add_argument("--role", type=_ROLE, help="its role: party, member, funder...")
    parser.add_argument(
        "--active-on", type=_date_arg, metavar="DATE", help="going on that day (YYYY[-MM[-DD]])"
    )


def _parser() -> _Parser:
    roles = ", ".join(r.value for r in Role)
    areas = ", ".join(a.value for a in PolicyArea)
    epilog = (
        f"Policy areas: {areas}.\n\nRoles: {roles}.\n\nStandings: "
        + ", ".join(s.value for s in Standing)
        + ".\n\nExit status: 0 ok (an empty result too), 1 unknown name, bad data file"
        " or unwritable file, 2 bad usage or value."
    )
    wrapped = "\n\n".join(textwrap.fill(p, WIDTH - 2) for p in epilog.split("\n\n"))
    parser = _Parser(
        prog="eucoop",
        description=textwrap.fill(
            "The EU's cooperation with international organisations in migration "
            "and home affairs: ask the dataset from the shell.",
            WIDTH,
        ),
        epilog=wrapped,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"eucoop {version()}")
    _add_globals(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, formatter_class=_Formatter)
        _add_globals(p, top=False)
        return p

    command("summary", "what the dataset holds (the default)")

    p = command("list", "list the entities of one kind")
    p.add_argument(
        "kind",
        type=_kind_arg,
        metavar="KIND",
        help="organisations, agreements, dialogues or programmes (singular too)",
    )
    _filters(p)

    p = command("show", "everything about one entity, with its sources")
    p.add_argument("name", nargs="+", metavar="NAME", help="an id, name, acronym or alias")

    p = command("search", "full-text search, best match first")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--kind", type=_kind_arg, help="only this kind")
    p.add_argument("--limit", type=_positive_int, metavar="N", help="at most N results")

    p = command("involving", "what an organisation takes part in, and in which role")
    p.add_argument("organisation", nargs="+", metavar="ORG")
    p.add_argument("--role", type=_ROLE, help="only this role")

    p = command("partners", "the EU's partner organisations, closest first")
    p.add_argument("--area", type=_AREA, metavar="AREA", help="a policy area")
    p.add_argument("--standing", type=_STANDING, help="principal, key, close or regular")

    p = command("timeline", "every dated fact, in order")
    p.add_argument("--from", dest="start", type=_date_arg, metavar="DATE", help="from this date")
    p.add_argument("--to", dest="end", type=_date_arg, metavar="DATE", help="up to this date")

    p = command("as-of", "what existed or was in force on a date")
    p.add_argument("date", type=_date_arg, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument(
        "--include-uncertain",
        action="store_true",
        help="also keep what is dated too coarsely to tell",
    )

    p = command("provenance", "where a fact comes from: the sources of an entity or field")
    p.add_argument("name", metavar="NAME")
    p.add_argument("field", nargs="?", metavar="FIELD", help="e.g. budget, partnership.standing")

    p = command("validate", "check data files against the packaged data")
    p.add_argument("files", nargs="+", metavar="FILE")

    p = command("schema", "print the JSON Schema of data files (for editors and CI)")
    p.add_argument("-o", "--output", metavar="PATH", help="write it to a file instead")

    p = command("export", "write the dataset as JSON, CSV or SQLite")
    p.add_argument(
        "--format",
        choices=_FORMATS,
        help="json, csv (a folder, or a .zip) or sqlite; by default from the file name",
    )
    p.add_argument("-o", "--output", required=True, metavar="PATH", help="where to write")
    return parser


# -- text helpers ------------------------------------------------------------------


def _wrap(text: str, first: str = "", rest: str | None = None) -> list[str]:
    """*text* wrapped to WIDTH after the prefix *first*; later lines indented like it."""
    rest = " " * len(first) if rest is None else rest
    lines = textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return lines or [first.rstrip()]


def _field(label: str, text: str) -> list[str]:
    return _wrap(text, f"  {label:<{LABEL - 2}}")


def _words(value: object) -> str:
    return str(value).replace("_", " ")


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _name(reg: Registry, ident: str) -> str:
    return reg[ident].label if ident in reg else ident


def _span(since: PartialDate | None, until: PartialDate | None) -> str:
    if since and until:
        return f"{since} to {until}"
    if since:
        return f"since {since}"
    if until:
        return f"until {until}"
    return ""


def _out(lines: Iterable[str]) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def _out_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _err(message: str) -> None:
    sys.stderr.write(f"eucoop: {' '.join(message.split())}\n")


def _kinds(counts: dict[str, int]) -> list[str]:
    return [_plural(n, coll[:-1]) for coll, n in counts.items() if n]


# -- the commands -------------------------------------------------------------------


class _Context:
    """What every command needs: the options and the registry, loaded on first use."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.json: bool = args.json
        self.no_default: bool = args.no_default
        self.data: list[str] = [*args.data, *getattr(args, "data_after", [])]
        self._reg: Registry | None = None

    def load(self, *extra: str) -> Registry:
        """The packaged data (unless --no-default), the --data files and *extra*."""
        paths = [*self.data, *extra]
        if not paths and not self.no_default:
            return load()
        return load(*paths, include_default=not self.no_default)

    @property
    def reg(self) -> Registry:
        """The registry the command works on."""
        if self._reg is None:
            self._reg = self.load()
        return self._reg


def _counts(reg: Registry) -> dict[str, int]:
    return {k.collection: len(getattr(reg, k.collection)) for k in KINDS}


def _cmd_summary(ctx: _Context) -> int:
    reg = ctx.reg
    counts = _counts(reg)
    by_standing: dict[str, list[Organisation]] = {}
    for org in reg.partners():
        p = org.partnership
        key = "unranked" if p is None or p.standing is None else str(p.standing)
        by_standing.setdefault(key, []).append(org)
    timeline = reg.timeline()
    if ctx.json:
        _out_json(
            {
                "entities": len(reg),
                **counts,
                "documents": len(reg.documents),
                "partners": {k: [o.id for o in v] for k, v in by_standing.items()},
                "timeline": {
                    "entries": len(timeline),
                    "first": str(timeline[0].date) if timeline else None,
                    "last": str(timeline[-1].date) if timeline else None,
                },
            }
        )
        return 0
    lines = [
        f"eucoop {version()}: the EU's cooperation with international organisations",
        "in migration and home affairs.",
        "",
    ]
    kinds = _kinds(counts)
    lines += _field("Entities", f"{len(reg)}: {', '.join(kinds)}" if kinds else "none")
    lines += _field("Documents", f"{len(reg.documents)} cited")
    if by_standing:
        for i, (standing, orgs) in enumerate(by_standing.items()):
            text = f"{standing}: " + ", ".join(o.acronym or o.name for o in orgs)
            lines += _field("EU partners" if i == 0 else "", text)
    else:
        lines += _field("EU partners", "none")
    if timeline:
        span = f"{timeline[0].date} to {timeline[-1].date} ({_plural(len(timeline), 'dated fact')})"
    else:
        span = "no dated facts"
    lines += _field("Timeline", span)
    lines += [
        "",
        *_wrap(
            "Try 'eucoop list organisations', 'eucoop show IOM', "
            "'eucoop search refugee' or 'eucoop --help'."
        ),
    ]
    _out(lines)
    return 0


def _rows(entities: Sequence[Entity], *, kind: bool = False) -> list[str]:
    """One line per entity: (kind,) id and label, wrapped."""
    width = min(max((len(e.id) for e in entities), default=0), 30)
    lines: list[str] = []
    for e in entities:
        head = f"{e.kind_name:<13}" if kind else ""
        if len(e.id) > width:
            lines.append(head + e.id)
            lines += _wrap(e.label, " " * (len(head) + width + 2))
        else:
            lines += _wrap(e.label, f"{head}{e.id:<{width}}  ")
    return lines


def _cmd_list(ctx: _Context) -> int:
    a = ctx.args
    found = ctx.reg.filter(
        kind=a.kind,
        policy_area=a.area,
        country=a.country,
        region=a.region,
        participant=a.participant,
        role=a.role,
        active_on=a.active_on,
    )
    if ctx.json:
        _out_json([unstructure(e) for e in found])
    elif found:
        _out(_rows(found))
    else:
        _err(f"no {a.kind} match")
    return 0


def _kind_line(e: Entity) -> str:
    what = e.kind_name.capitalize()
    sub = getattr(e, "kind", None)
    if sub is not None and str(sub) != "other":
        what += f" ({_words(sub)})"
    return f"{what}; id: {e.id}"


def _key_fields(reg: Registry, e: Entity) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if e.aliases:
        out.append(("Also called", "; ".join(e.aliases)))
    if e.policy_areas:
        out.append(("Policy areas", ", ".join(sorted(_words(a) for a in e.policy_areas))))
    if isinstance(e, Organisation):
        if e.founded:
            out.append(("Founded", str(e.founded)))
        where = ", ".join(x for x in (e.headquarters, e.country) if x)
        if where:
            out.append(("Headquarters", where))
        if e.website:
            out.append(("Website", e.website))
        if e.member_count is not None:
            out.append(("Members", str(e.member_count)))
        if e.parent:
            out.append(("Part of", _name(reg, e.parent)))
        children = reg.children(e)
        if children:
            out.append(("Bodies", "; ".join(c.label for c in children)))
    elif isinstance(e, Agreement):
        if e.legally_binding is not None:
            out.append(("Legally binding", "yes" if e.legally_binding else "no"))
        if e.adopted:
            out.append(("Adopted", str(e.adopted)))
        if e.in_force:
            out.append(("In force", str(e.in_force)))
        if e.adopted_by:
            out.append(("Adopted by", _name(reg, e.adopted_by)))
    elif isinstance(e, Dialogue):
        if e.frequency:
            out.append(("Meets", _words(e.frequency)))
        if e.venues:
            out.append(("Venues", "; ".join(e.venues)))
        if e.sessions:
            out.append(("Sessions", str(len(e.sessions))))
    elif isinstance(e, Programme):  # pragma: no branch - the four kinds
        if e.launched:
            out.append(("Launched", str(e.launched)))
        if e.ended:
            out.append(("Ended", str(e.ended)))
        if e.budget:
            out.append(("Budget", str(e.budget)))
        if e.countries or e.country_count is not None:
            named = ", ".join(e.countries)
            count = "" if e.country_count is None else f"{e.country_count} in all"
            text = f"{named} ({count})" if named and count else named or count
            out.append(("Countries", text))
        if e.regions:
            out.append(("Regions", "; ".join(e.regions)))
    return out


def _participant_line(p: Participant, what: str) -> list[str]:
    extra = [x for x in (_span(p.since, p.until), p.note) if x]
    text = what + (f" ({'; '.join(extra)})" if extra else "")
    return _wrap(text, f"  {_words(p.role):<{LABEL - 2}}")


def _cite(s: Source) -> str:
    text = "whole document" if s.paragraph is None else f"paragraph {s.paragraph}"
    if s.fields:
        text += f" ({', '.join(s.fields)})"
    return text


def _sources(reg: Registry, cited: Sequence[tuple[str, Source]]) -> list[str]:
    """Citations grouped by document, with each document's title, publisher and URL."""
    by_doc: dict[str, dict[str, list[str]]] = {}
    for scope, s in cited:
        by_doc.setdefault(s.document, {}).setdefault(scope, []).append(_cite(s))
    docs = {d.id: d for d in reg.documents}
    lines: list[str] = []
    for ident, cites in by_doc.items():
        doc = docs.get(ident)
        pad = " " * LABEL
        head = f"  {ident:<{LABEL - 3}} "
        if len(head) > LABEL:
            lines.append(head.rstrip())
            head = pad
        if doc is not None:
            lines += _wrap(doc.title, head)
            lines += _wrap(doc.publisher, pad)
            if doc.url:
                lines.append(pad + doc.url)
            head = pad
        for scope, texts in cites.items():
            lines += _wrap(scope + "; ".join(texts), head)
            head = pad
    return lines


def _entity_card(reg: Registry, e: Entity) -> list[str]:
    lines = [*_wrap(e.label), *_wrap(_kind_line(e))]
    if e.description:
        lines += ["", *_wrap(e.description, "  ")]
    fields = _key_fields(reg, e)
    if fields:
        lines.append("")
        for label, text in fields:
            lines += _field(label, text)
    if isinstance(e, Programme) and e.activities:
        lines += ["", "Activities"]
        for act in e.activities:
            lines += _wrap(act, "  - ", "    ")
    if isinstance(e, Organisation) and e.partnership is not None:
        p = e.partnership
        lines += ["", "EU partnership"]
        if p.standing:
            lines += _field("Standing", str(p.standing))
        if p.areas:
            lines += _field("Areas", ", ".join(sorted(_words(a) for a in p.areas)))
        if p.since:
            lines += _field("Since", str(p.since))
        if p.formalised_by:
            lines += _field("Formalised by", "; ".join(_name(reg, a) for a in p.formalised_by))
        if p.summary:
            lines += _wrap(p.summary, "  ")
    if isinstance(e, Dialogue) and e.sessions:
        lines += ["", "Sessions"]
        for s in e.sessions:
            text = ", ".join(
                x for x in (_span(s.start, s.end).removeprefix("since "), s.place, s.note) if x
            )
            lines += _wrap(text, "  ", "    ")
    if e.participants:
        lines += ["", "Participants"]
        for part in e.participants:
            lines += _participant_line(part, _name(reg, part.organisation))
    roles = reg.roles(e) if isinstance(e, Organisation) else ()
    if roles:
        lines += ["", "Takes part in"]
        for other, part in roles:
            lines += _participant_line(part, f"{other.label} [{other.kind_name}]")
    cited = [("", s) for s in e.sources]
    if isinstance(e, Organisation) and e.partnership is not None:
        cited += [("partnership: ", s) for s in e.partnership.sources]
    lines += ["", "Sources", *_sources(reg, cited)]
    return lines


def _document_card(reg: Registry, doc: Document) -> list[str]:
    lines = [*_wrap(doc.title), f"Document; id: {doc.id}", ""]
    lines += _field("Publisher", doc.publisher)
    if doc.url:
        lines += _field("URL", doc.url)
    for label, value in (
        ("Paragraphs", doc.paragraphs),
        ("Language", doc.language),
        ("Accessed", doc.accessed),
    ):
        if value is not None:
            lines += _field(label, str(value))
    if doc.note:
        lines += _field("Note", doc.note)
    citing = [e.label for e in reg if any(s.document == doc.id for s in e.sources)]
    lines += _field("Cited by", "; ".join(citing) if citing else "nothing")
    return lines


def _cmd_show(ctx: _Context) -> int:
    reg = ctx.reg
    name = " ".join(ctx.args.name)
    entity: Entity | Document
    try:
        entity = reg.lookup(name)
    except UnknownEntityError:
        if name not in {d.id for d in reg.documents}:
            raise
        entity = reg.document(name)
    if ctx.json:
        _out_json(unstructure(entity))
    elif isinstance(entity, Document):
        _out(_document_card(reg, entity))
    else:
        _out(_entity_card(reg, entity))
    return 0


def _cmd_search(ctx: _Context) -> int:
    a = ctx.args
    results = ctx.reg.search(" ".join(a.text), kind=a.kind, limit=a.limit)
    if ctx.json:
        _out_json(
            [
                {
                    "id": h.entity.id,
                    "kind": h.entity.kind_name,
                    "name": h.entity.name,
                    "acronym": h.entity.acronym,
                    "score": h.score,
                    "fields": list(h.fields),
                }
                for h in results.hits
            ]
        )
        return 0
    if not results:
        _err(f"nothing matches {' '.join(a.text)!r}")
        return 0
    lines: list[str] = []
    for h in results.hits:
        lines += _wrap(f"{h.entity.label} [{h.entity.id}]", f"{h.score:6.1f}  ", " " * 8)
        lines += _wrap("matched " + ", ".join(h.fields), " " * 8)
    _out(lines)
    return 0


def _organisation(reg: Registry, name: str) -> Organisation:
    org = reg.lookup(name)
    if not isinstance(org, Organisation):
        article = "an" if org.kind_name[0] in "aeiou" else "a"
        msg = f"{name!r} is {article} {org.kind_name} ({org.label}), not an organisation"
        raise _Failure(msg)
    return org


def _cmd_involving(ctx: _Context) -> int:
    reg = ctx.reg
    org = _organisation(reg, " ".join(ctx.args.organisation))
    pairs = [(e, p) for e, p in reg.roles(org) if ctx.args.role in (None, p.role)]
    if ctx.json:
        _out_json(
            [
                {
                    "id": e.id,
                    "kind": e.kind_name,
                    "name": e.name,
                    "acronym": e.acronym,
                    **{k: v for k, v in unstructure(p).items() if k != "organisation"},
                }
                for e, p in pairs
            ]
        )
    elif pairs:
        lines: list[str] = []
        for e, p in pairs:
            extra = [x for x in (_span(p.since, p.until), p.note) if x]
            text = e.label + (f" ({'; '.join(extra)})" if extra else "")
            lines += _wrap(text, f"{_words(p.role):<12} {e.kind_name:<13}")
        _out(lines)
    else:
        role = "" if ctx.args.role is None else f" as {ctx.args.role}"
        _err(f"{org.acronym or org.name} takes part in nothing{role} here")
    return 0


def _cmd_partners(ctx: _Context) -> int:
    orgs = ctx.reg.partners(area=ctx.args.area, standing=ctx.args.standing)
    if ctx.json:
        out = []
        for o in orgs:
            p = unstructure(o.partnership)
            out.append({"id": o.id, "name": o.name, "acronym": o.acronym, **p})
        _out_json(out)
    elif orgs:
        lines: list[str] = []
        for o in orgs:
            p = o.partnership
            assert p is not None  # noqa: S101 - partners() has partnerships
            lines += _wrap(o.label, f"{_words(p.standing or 'unranked'):<10}")
            details = [", ".join(sorted(_words(a) for a in p.areas))]
            details.append(f"since {p.since}" if p.since else "")
            text = "; ".join(d for d in details if d)
            if text:
                lines += _wrap(text, " " * 12)
        _out(lines)
    else:
        _err("no partner matches")
    return 0


def _cmd_timeline(ctx: _Context) -> int:
    entries = ctx.reg.timeline(ctx.args.start, ctx.args.end)
    if ctx.json:
        _out_json(
            [
                {"date": str(t.date), "entity": t.entity, "label": t.label, "field": t.field}
                for t in entries
            ]
        )
    elif entries:
        lines: list[str] = []
        for t in entries:
            lines += _wrap(t.label, f"{t.date!s:<10}  ")
        _out(lines)
    else:
        _err("no dated facts in that window")
    return 0


def _cmd_as_of(ctx: _Context) -> int:
    a = ctx.args
    then = ctx.reg.as_of(a.date, include_uncertain=a.include_uncertain)
    if ctx.json:
        _out_json(then.to_dict())
        return 0
    kinds = _kinds(_counts(then))
    lines = _wrap(f"As of {a.date}: " + (", ".join(kinds) if kinds else "nothing") + ".")
    lines += _rows(list(then), kind=True)
    if not a.include_uncertain:
        unsure = ctx.reg.uncertain_on(a.date)
        if unsure:
            text = (
                f"Dated too coarsely to tell ({len(unsure)}; see --include-uncertain): "
                + ", ".join(e.id for e in unsure)
            )
            lines += ["", *_wrap(text)]
    _out(lines)
    return 0


def _cmd_provenance(ctx: _Context) -> int:
    reg = ctx.reg
    entity = reg.lookup(ctx.args.name)
    sources = reg.provenance(entity, ctx.args.field)
    if ctx.json:
        out = []
        for s in sources:
            doc = reg.document(s.document)
            out.append({**unstructure(s), "title": doc.title, "url": doc.url})
        _out_json(out)
        return 0
    what = entity.label if ctx.args.field is None else f"{ctx.args.field} of {entity.label}"
    lines = _wrap(f"Sources for {what}:")
    lines += _sources(reg, [("", s) for s in sources])
    _out(lines)
    return 0


def _cmd_validate(ctx: _Context) -> int:
    files = ctx.args.files
    checked = {Path(f).resolve() for f in files}
    ctx.data = [d for d in ctx.data if Path(d).resolve() not in checked]
    base = ctx.load()
    try:
        full = ctx.load(*files)
    except DataError as exc:
        if ctx.json:
            _out_json(
                {
                    "ok": False,
                    "problems": [
                        {"file": p.file, "location": p.location, "message": p.message}
                        for p in exc.problems
                    ],
                }
            )
            return 1
        raise
    old = {e.id for e in base} | {d.id for d in base.documents}
    added = {
        coll: sum(1 for v in getattr(full, coll) if v.id not in old)
        for coll in (*(k.collection for k in KINDS), "documents")
    }
    if ctx.json:
        _out_json({"ok": True, "files": files, "adds": added, "entities": len(full)})
        return 0
    what = files[0] if len(files) == 1 else f"{len(files)} files"
    verb = "adds" if len(files) == 1 else "add"
    parts = [_plural(n, coll[:-1]) for coll, n in added.items() if n]
    total = f"{_plural(len(full), 'entity')} and {_plural(len(full.documents), 'document')}"
    _out(_wrap(f"ok: {what} {verb} {_and(parts) or 'nothing new'} ({total} in all)"))
    return 0


def _cmd_schema(ctx: _Context) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if ctx.args.output:
        Path(ctx.args.output).write_text(text, encoding="utf-8")
        _out([f"wrote the data-file schema to {ctx.args.output}"])
    else:
        sys.stdout.write(text)
    return 0


def _cmd_export(ctx: _Context) -> int:
    out = Path(ctx.args.output)
    fmt = ctx.args.format or _SUFFIX_FORMATS.get(out.suffix.lower())
    if fmt is None:
        msg = (
            f"cannot tell the format from {str(out)!r}: give --format json, csv or sqlite "
            "(or a name ending in .json, .zip, .db or .sqlite)"
        )
        raise ValueError(msg)
    reg = ctx.reg
    writer = {"json": _export.write_json, "csv": _export.write_csv, "sqlite": _export.write_sqlite}
    writer[fmt](reg, out)
    if ctx.json:
        _out_json(
            {"path": str(out), "format": fmt, "entities": len(reg), "documents": len(reg.documents)}
        )
    else:
        total = f"{_plural(len(reg), 'entity')} and {_plural(len(reg.documents), 'document')}"
        _out(_wrap(f"wrote {total} to {out} ({fmt})"))
    return 0


_COMMANDS: dict[str, Callable[[_Context], int]] = {
    "summary": _cmd_summary,
    "list": _cmd_list,
    "show": _cmd_show,
    "search": _cmd_search,
    "involving": _cmd_involving,
    "partners": _cmd_partners,
    "timeline": _cmd_timeline,
    "as-of": _cmd_as_of,
    "provenance": _cmd_provenance,
    "validate": _cmd_validate,
    "schema": _cmd_schema,
    "export": _cmd_export,
}


# -- the entry point -------------------------------------------------------------------


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _os_message(exc: OSError) -> str:
    if exc.strerror and exc.filename:
        return f"{exc.strerror}: {exc.filename}"
    return str(exc)


def main(argv: list[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    command = _COMMANDS[args.command or "summary"]
    try:
        return command(_Context(args))
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except KeyboardInterrupt:
        return 130
    except DataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    except (UnknownEntityError, AmbiguousLookupError, _Failure) as exc:
        _err(str(exc))
        return 1
    except OSError as exc:
        _err(_os_message(exc))
        return 1
    except ValueError as exc:
        _err(str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - never a traceback; say what went wrong
        _err(f"unexpected error ({type(exc).__name__}: {exc}); please report it")
        return 1
