# %% [markdown]
# # Where does the EUR 440 million come from?
#
# Every entity cites its sources; `provenance(id, field)` gives the citations that back
# one figure, down to the paragraph of the source page.

# %%
import eucoop

reg = eucoop.load()
initiative = reg.lookup("EU-IOM Joint Initiative")
print(initiative.name, initiative.budget)

# %% In a notebook, the citations show with the documents' titles and links
reg.provenance(initiative, "budget")

# %%
for source in reg.provenance(initiative, "budget"):
    doc = reg.document(source.document)
    print(f"paragraph {source.paragraph} of '{doc.title}' ({doc.publisher}, {doc.publisher_kind})")
    print(f"  {doc.url}")
    print(f"  backs: {', '.join(source.fields)}")

# %% The same for a fact from other pages: when was UNHCR founded? Each page says what kind
# of publisher stands behind it: official, reference or press.
for source in reg.provenance("unhcr", "founded"):
    doc = reg.document(source.document)
    print(f"{doc.publisher_kind or 'unclassified':<12} {doc.url}")
