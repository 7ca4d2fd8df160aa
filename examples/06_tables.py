# %% [markdown]
# # Tables and graphs
#
# `to_records` needs nothing extra; `to_dataframe` needs pandas (`pip install 'eucoop[pandas]'`)
# and `to_networkx` needs networkx (`pip install 'eucoop[networkx]'`).

# %%
import eucoop

reg = eucoop.load()
rows = reg.to_records("programmes")
print(rows[0].keys())

# %%
try:
    frame = reg.to_dataframe("organisations")
    print(frame[["acronym", "kind", "founded", "headquarters"]].head(10))
except ModuleNotFoundError as exc:
    print(exc)

# %% Who takes part in the most things?
try:
    graph = reg.to_networkx()
    busiest = sorted(graph.out_degree(), key=lambda kv: -kv[1])[:5]
    print(busiest)
except ModuleNotFoundError as exc:
    print(exc)
