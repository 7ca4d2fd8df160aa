"""Loading: reading files, the cattrs converter, checks across records, the JSON Schema.

- :mod:`~eucoop._loading.files`: files, folders and mappings to parsed JSON;
- :mod:`~eucoop._loading.converter`: parsed JSON to model values (and back), strictly;
- :mod:`~eucoop._loading.checks`: what types cannot say, read from the fields' metadata;
- :mod:`~eucoop._loading.names`: lookup keys that lookups could not tell apart;
- :mod:`~eucoop._loading.changes` and :mod:`~eucoop._loading.apply`: changes a file
  makes to the data below it, resolved, applied and checked;
- :mod:`~eucoop._loading.schema`: the JSON Schema of data files, from the same model
  (imported where it is asked for: the command line and the docs).
"""

from eucoop._loading.apply import apply_changes
from eucoop._loading.checks import iso_codes, validate
from eucoop._loading.converter import (
    SCHEMA_VERSION,
    Converted,
    Located,
    RawValue,
    convert,
    data_file,
    unstructure,
)
from eucoop._loading.files import PathArg, check_paths, packaged, read_all

__all__ = [
    "SCHEMA_VERSION",
    "Converted",
    "Located",
    "PathArg",
    "RawValue",
    "apply_changes",
    "check_paths",
    "convert",
    "data_file",
    "iso_codes",
    "packaged",
    "read_all",
    "unstructure",
    "validate",
]
