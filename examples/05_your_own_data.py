# %% [markdown]
# # Adding your own data
#
# Your files use the same format as the packaged data and may refer to its ids. They are
# validated together with it: a mistake gives one `DataError` listing every problem.

# %%
import json
import shutil
import tempfile
from pathlib import Path

import eucoop

mine = {
    "schema_version": 1,
    "documents": [
        {"id": "my-notes", "title": "My research notes", "publisher": "Me", "paragraphs": 3}
    ],
    "programmes": [
        {
            "id": "my-pilot",
            "name": "Pilot programme on labour mobility",
            "launched": "2021-03",
            "budget": {"amount": "1250000", "currency": "EUR"},
            "participants": [{"organisation": "iom", "role": "implementer"}],
            "policy_areas": ["labour_migration"],
            "sources": [{"document": "my-notes", "paragraph": 2}],
        }
    ],
}

# %% Your file, loaded together with the packaged data
folder = Path(tempfile.mkdtemp(prefix="eucoop-example-"))
path = folder / "mine.json"
path.write_text(json.dumps(mine), encoding="utf-8")
reg = eucoop.load(path)
print(reg["my-pilot"].budget, [e.id for e in reg.involving("iom", role="implementer")])

# %% A broken file: every problem at once, with its JSON location
mine["programmes"][0]["budget"]["currency"] = "euro"
mine["programmes"][0]["participants"][0]["organisation"] = "iomm"
path.write_text(json.dumps(mine), encoding="utf-8")
try:
    eucoop.load(path)
except eucoop.DataError as exc:
    for problem in exc.problems:
        print(problem.location, "->", problem.message)

# %% Tidy up
shutil.rmtree(folder)
