# %% [markdown]
# # What was in force on 1 January 2019? What happened in 2018?
#
# `as_of` gives a registry of what existed, was in force or had begun on a day.
# Facts known only to the month or the year may or may not have happened by then:
# they are left out unless you ask for them with `include_uncertain=True`.

# %%
import datetime as dt
from collections import Counter

import eucoop

reg = eucoop.load()

# %% The agreements in force (or at least adopted) on 1 January 2019
then = reg.as_of(dt.date(2019, 1, 1))
for agreement in then.agreements:
    print(agreement.adopted or "undated", agreement.label)

# %% Was the EU an observer in GRECO yet? It joined in July 2019.
print("1 January 2019:", then.get("greco").participants)
print("1 Aug 2019:", reg.as_of("2019-08-01").get("greco").participants)
print(
    "15 July 2019 is uncertain:",
    reg.as_of("2019-07-15", include_uncertain=True).get("greco").participants,
)

# %% What happened in 2018
for entry in reg.timeline("2018", "2018"):
    print(entry)

# %% The whole timeline, as a count per decade
print(sorted(Counter(f"{t.date.year // 10 * 10}s" for t in reg.timeline()).items()))
