# %% [markdown]
# # What does the EU do with IOM? What involves Libya?

# %%
import eucoop

reg = eucoop.load()

# %% In a notebook, IOM shows its card: fields in words, partnership, sources
reg["iom"]

# %% Everything IOM takes part in, with its role
for entity, part in reg.roles("IOM"):
    print(f"{part.role:<12} {entity.name} [{entity.kind_name}]")

# %% ... and what the EU does together with IOM
with_eu = [e for e in reg.involving("iom") if e in reg.involving("eu")]
print("With the EU:", [e.id for e in with_eu])

# %% What involves Libya (ISO code LY)?
for entity in reg.filter(country="LY"):
    print(f"{entity.name}: {entity.description}")

# %% Full-text search, with the reason each result matched
results = reg.search("Libya")
for hit in results.hits:
    print(f"{hit.score:6.1f}  {hit.entity.id:<40} matched in {', '.join(hit.fields)}")

# %% In a notebook, the results show as a table with the score and the fields matched
results
