# %% [markdown]
# # Bringing the data up to date with a change file
#
# The packaged data stops where its sources stop, around 2020. A file of your own can add,
# correct or retract single values of packaged entities, each change citing its own source.
# Here one change adds the Global Forum on Migration and Development's 14th Summit (Geneva,
# 23 to 25 January 2024), citing the French foreign ministry's page on it.

# %%
import json
import shutil
import tempfile
from pathlib import Path

import eucoop

update = {
    "schema_version": 2,
    "documents": [
        {
            "id": "france-diplomatie-gfmd-14th-summit",
            "title": "14th Summit of the Global Forum on Migration and Development (GFMD), "
            "chaired by France",
            "publisher": "Ministry for Europe and Foreign Affairs (France)",
            "publisher_kind": "official",
            "url": "https://www.diplomatie.gouv.fr/en/french-foreign-policy/"
            "development-assistance/14th-summit-of-the-global-forum-on-migration-and-"
            "development-gfmd-chaired-by/",
            "accessed": "2026-12-06",
        }
    ],
    "changes": [
        {
            "op": "add",
            "target": "gfmd",
            "field": "sessions",
            "value": {"start": "2024-01-23", "end": "2024-01-25", "place": "Geneva"},
            "note": "The 14th Summit, closing the chairmanship France took on 1 July 2022.",
            "sources": [{"document": "france-diplomatie-gfmd-14th-summit"}],
        }
    ],
}
folder = Path(tempfile.mkdtemp(prefix="eucoop-example-"))
path = folder / "gfmd-2024.json"
path.write_text(json.dumps(update, indent=2), encoding="utf-8")

# %% The packaged data and yours, loaded together
reg = eucoop.load(path)
reg["gfmd"].sessions

# %% The forum's full card: the new session, and where it comes from
reg.card("gfmd")

# %% Provenance tells your citations from the packaged ones
reg.provenance("gfmd", "sessions")

# %% The ledger: every change your files made
reg.changes()

# %% What your file changes, against the packaged data alone
eucoop.load().diff(reg)

# %% Every query sees the session: the timeline, and the forum as of a day of the summit
reg.timeline("2024", "2024")

# %%
reg.as_of("2024-01-24")["gfmd"].sessions

# %% The packaged registry is untouched
len(eucoop.load()["gfmd"].sessions)

# %% Tidy up
shutil.rmtree(folder)
