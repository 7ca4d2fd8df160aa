"""The query commands, one function each.

``summary``, ``list``, ``show``, ``search``, ``involving``, ``partners``,
``timeline``, ``as-of`` and ``provenance``: each takes the
:class:`~eucoop._cli.context.Context`, asks the registry, and prints either
JSON or the text :mod:`eucoop._display.text` renders; each returns the exit
status.
"""

from __future__ import annotations

from eucoop._cli.context import Context, Failure, conditions, err, out, out_json
from eucoop._display import text
from eucoop._display.common import from_your_data
from eucoop._display.sections import user_tags
from eucoop._exceptions import AmbiguousLookupError, UnknownEntityError
from eucoop._loading import unstructure
from eucoop._loading.items import shown
from eucoop._model import Change, ChangeOp, Entity, Organisation, Release
from eucoop._registry import Registry
from eucoop._resources import version
from eucoop._text import a

__all__ = [
    "as_of",
    "involving",
    "list_entities",
    "partners",
    "provenance",
    "search",
    "show",
    "summary",
    "timeline",
]


def layers_json(reg: Registry) -> list[dict[str, object]]:
    """The user's files, what each adds and changes, as ``summary --json`` gives them."""
    return [{"file": file, **counts} for file, counts in reg.user_files.items()]


def release_json(release: Release | None) -> dict[str, object]:
    """The packaged data's release, as ``summary --json`` gives it (``None`` each, without one)."""
    if release is None:
        none = {"first": None, "last": None}
        return {"version": None, "released": None, "retrieved": none, "facts_until": None}
    first, last = release.retrieved_first, release.retrieved_last
    return {
        "version": release.data_version,
        "released": str(release.released),
        "retrieved": {
            "first": None if first is None else str(first),
            "last": None if last is None else str(last),
        },
        "facts_until": None if release.facts_until is None else str(release.facts_until),
    }


def summary(ctx: Context) -> int:
    """What the dataset holds: counts, documents, the EU's partners, the timeline's span."""
    reg = ctx.reg
    if ctx.json:
        timeline = reg.timeline()
        out_json(
            {
                "entities": len(reg),
                **text.kind_counts(reg),
                "documents": len(reg.documents),
                "partners": {
                    k: [o.id for o in v] for k, v in text.by_standing(reg.partners()).items()
                },
                "data": {**release_json(reg.release), "layers": layers_json(reg)},
                "timeline": {
                    "entries": len(timeline),
                    "first": str(timeline[0].date) if timeline else None,
                    "last": str(timeline[-1].date) if timeline else None,
                },
            }
        )
        return 0
    out(
        [
            f"eucoop {version()}: the EU's cooperation with international organisations",
            "in migration and home affairs.",
            "",
            *text.registry_lines(reg),
            "",
            *text.wrap(
                "Try 'eucoop list organisations', 'eucoop show IOM', "
                "'eucoop search refugee' or 'eucoop --help'."
            ),
        ]
    )
    return 0


def list_entities(ctx: Context) -> int:
    """The entities of one kind, filtered."""
    args = ctx.args
    found = ctx.reg.filter(kind=args.kind, **conditions(args))
    if ctx.json:
        out_json([unstructure(e) for e in found])
    elif found:
        out(text.entity_rows(found))
    else:
        err(f"no {args.kind} match")
    return 0


def show(ctx: Context) -> int:
    """The card of each entity named, or of a document given by its id (:meth:`Registry.card`).

    The words are one name first (``show UN Network on Migration``); failing
    that, each word is a name of its own (``show iom oecd``), and each card
    follows the last after a blank line (with ``--json``, a list).
    """
    reg = ctx.reg
    names: list[str] = ctx.args.name
    try:
        cards = [reg.card(" ".join(names))]
    except (UnknownEntityError, AmbiguousLookupError):
        if len(names) == 1:
            raise
        cards = [reg.card(name) for name in names]
    if ctx.json:
        values = [unstructure(c.item) for c in cards]
        out_json(values[0] if len(cards) == 1 else values)
        return 0
    lines: list[str] = []
    for card in cards:
        lines += [""] if lines else []
        lines += text.card_lines(card)
    out(lines)
    return 0


def search(ctx: Context) -> int:
    """Full-text search, best match first."""
    words = " ".join(ctx.args.text)
    results = ctx.reg.search(words, kind=ctx.args.kind, limit=ctx.args.limit)
    if ctx.json:
        out_json(
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
    elif results:
        out(text.hit_lines(results.hits))
    else:
        err(f"nothing matches {words!r}: {results.reason}")
    return 0


def _organisation(reg: Registry, name: str) -> Organisation:
    org = reg.lookup(name)
    if not isinstance(org, Organisation):
        msg = f"{name!r} is {a(org.kind_name)} ({org.label}), not an organisation"
        raise Failure(msg)
    return org


def involving(ctx: Context) -> int:
    """What an organisation takes part in, itself or through its bodies, and in which role."""
    reg = ctx.reg
    org = _organisation(reg, " ".join(ctx.args.organisation))
    roles = reg.roles(org, include_bodies=ctx.args.include_bodies)
    pairs = [(e, p) for e, p in roles if ctx.args.role in (None, p.role)]
    if ctx.json:
        out_json(
            [
                {
                    "id": e.id,
                    "kind": e.kind_name,
                    "name": e.name,
                    "acronym": e.acronym,
                    "through": p.organisation,
                    **{k: v for k, v in unstructure(p).items() if k != "organisation"},
                }
                for e, p in pairs
            ]
        )
    elif pairs:
        out(text.role_lines(pairs, org.id))
    else:
        role = "" if ctx.args.role is None else f" as {ctx.args.role}"
        err(f"{org.acronym or org.name} takes part in nothing{role} here")
    return 0


def partners(ctx: Context) -> int:
    """The EU's partner organisations, closest first."""
    orgs = ctx.reg.partners(area=ctx.args.area, standing=ctx.args.standing)
    if ctx.json:
        out_json(
            [
                {"id": o.id, "name": o.name, "acronym": o.acronym, **unstructure(o.partnership)}
                for o in orgs
            ]
        )
    elif orgs:
        out(text.partner_lines(orgs))
    else:
        err("no partner matches")
    return 0


def timeline(ctx: Context) -> int:
    """Every dated fact, in order, between two dates; ``*`` after those from the user's data."""
    reg = ctx.reg
    entries = reg.timeline(ctx.args.start, ctx.args.end)
    if ctx.json:
        out_json(
            [
                {
                    "date": str(t.date),
                    "entity": t.entity,
                    "label": t.label,
                    "field": t.field,
                    "origin": t.origin or None,
                }
                for t in entries
            ]
        )
    elif entries:
        yours = {i for i, t in enumerate(entries) if from_your_data(reg, t.origin)}
        lines = text.timeline_lines(entries, yours)
        if yours:
            files = dict.fromkeys(entries[i].origin.split(": $", 1)[0] for i in sorted(yours))
            lines += ["", *text.wrap(f"* from your data: {', '.join(files)}", keep=files)]
        out(lines)
    else:
        err("no dated facts in that window")
    return 0


def as_of(ctx: Context) -> int:
    """What certainly existed or was in force on a date, and what the data cannot date."""
    args = ctx.args
    then = ctx.reg.as_of(
        args.date, include_uncertain=args.include_uncertain, include_unknown=args.include_unknown
    )
    if ctx.json:
        out_json(then.to_dict())
        return 0
    kinds = text.counted(text.kind_counts(then))
    lines = text.wrap(f"As of {args.date}: " + (", ".join(kinds) if kinds else "nothing") + ".")
    lines += text.entity_rows(list(then), kind=True, marked=then.unsure)
    if then.unsure:
        lines += ["", *text.wrap("* the data cannot tell whether it existed on that day")]
    notes = {
        "uncertain": ("dated too coarsely to tell", "--include-uncertain", ctx.reg.uncertain_on),
        "not known": (
            "no known start, nothing dated before",
            "--include-unknown",
            ctx.reg.unknown_on,
        ),
    }
    for key, (why, option, which) in notes.items():
        if then.left_out.get(key):
            ids = ", ".join(e.id for e in which(args.date))
            lines += [
                "",
                *text.wrap(f"Left out, {why} ({then.left_out[key]}; see {option}): {ids}"),
            ]
    out(lines)
    return 0


def _replaced(reg: Registry, entity: Entity, field: str | None, origins: set[str]) -> list[Change]:
    """The changes behind *field* of *entity* that replaced or retracted a value, in load order.

    Those that brought a citation of it (their origin is one of *origins*),
    and the retractions of it or of what it holds.
    """
    under = reg.changes(entity) if field is None else reg.changes(entity, field)
    return [
        c
        for c in reg.changes(entity)
        if c.before is not None and (c.origin in origins or c in under)
    ]


def _layer_of(reg: Registry, c: Change) -> str:
    """The layer of the value *c* replaced: the layer of its target's file."""
    file = reg.origin(c.target)
    return f"your data: {file}" if file in reg.user_files else "packaged"


def _replaced_json(reg: Registry, c: Change) -> dict[str, object]:
    return {
        "op": c.op.value,
        "field": c.field,
        "value": unstructure(c.before),
        "layer": "user" if reg.origin(c.target) in reg.user_files else "packaged",
        "sources": [unstructure(s) for s in c.before_sources],
        "reason": c.reason,
        "origin": c.origin,
    }


def provenance(ctx: Context) -> int:
    """The sources of an entity, or of one of its fields; what the user's changes replaced.

    A citation from the user's data is tagged with where it comes from; after
    the citations, each value a change replaced or retracted, with the
    citations it had and the change's reason.
    """
    reg = ctx.reg
    entity = reg.lookup(ctx.args.name)
    sources = reg.provenance(entity, ctx.args.field)
    replaced = _replaced(reg, entity, ctx.args.field, set(sources.origins))
    if ctx.json:
        cited = []
        for s, layer, origin in zip(sources, sources.layers, sources.origins, strict=True):
            doc = reg.document(s.document)
            found = {**unstructure(s), "title": doc.title, "url": doc.url}
            found.update(layer=layer, origin=origin or None)
            replaces = [_replaced_json(reg, c) for c in replaced if c.origin == origin]
            if replaces:
                found["replaces"] = replaces
            cited.append(found)
        out_json(cited)
        return 0
    what = entity.label if ctx.args.field is None else f"{ctx.args.field} of {entity.label}"
    lines = text.wrap(f"Sources for {what}:")
    tags = user_tags(sources, origin=True) if reg.release is not None else {}
    lines += text.sources_block(reg, [("", s) for s in sources], tags)
    for c in replaced:
        verb = "Retracts" if c.op is ChangeOp.RETRACT else "Replaces"
        value = f"{verb} {shown(c.before)} ({_layer_of(reg, c)})"
        before = [("", s) for s in c.before_sources]
        lines += ["", *text.wrap(value + (", which cited:" if before else "."))]
        lines += text.sources_block(reg, before)
        lines += text.wrap(f"Reason: {c.reason}")  # a change that replaces a value says why
    out(lines)
    return 0
