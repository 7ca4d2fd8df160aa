"""Display: how values look to people, as HTML in notebooks and as text at a prompt or terminal.

- :mod:`~eucoop._display.common`: what the text and the HTML share: which
  fields a card shows, in which order, in which words;
- :mod:`~eucoop._display.html`: HTML cards (entities, documents,
  partnerships, the registry); :mod:`~eucoop._display.tables`: HTML tables of
  query results. Importing them registers their renderers with
  :func:`eucoop._render.html`, which the values' ``_repr_html_`` call;
- :mod:`~eucoop._display.text`: text cards and lists wrapped to 80 columns,
  for the command line;
- :mod:`~eucoop._display.values`: short HTML of the small values (money,
  dates, enum values, participants, citations, sessions);
- :mod:`~eucoop._display.sections`: what goes in an entity's card, part by
  part, for the text and the HTML alike;
- :mod:`~eucoop._display.diffs`: a diff's ``+``, ``-`` and ``old -> new``
  lines, its table and its ``repr``;
- :mod:`~eucoop._display.reprs`: the short ``repr`` of query results (their
  first lines of the command line's text), registered with
  :func:`eucoop._render.summary`;
- :mod:`~eucoop._display.changes`: changes in words, their ``repr`` and tables.
"""

from eucoop._display import changes, diffs, html, reprs, tables, values

__all__ = ["changes", "diffs", "html", "reprs", "tables", "values"]
