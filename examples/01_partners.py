# %% [markdown]
# # Who are the EU's partners, and on what?
#
# The EU ranks some of the organisations it works with: a *principal* partner, *key*
# partners, organisations it works *closely* with. `partners()` lists them, closest first.

# %%
import eucoop

reg = eucoop.load()

# %% Key partners on migration
for org in reg.partners(area="migration", standing="key"):
    print(f"{org.label}: {org.partnership.summary if org.partnership else ''}")

# %% Every partner, with its standing and areas
for org in reg.partners():
    p = org.partnership
    assert p is not None
    standing = p.standing or "unranked"
    areas = ", ".join(sorted(str(a) for a in p.areas))
    print(f"{standing:>10}  {org.acronym or org.name:<8} {areas}")

# %% Who is the principal partner on drugs and crime, and when was the partnership formalised?
# A long-standing partnership has no start date of its own; the agreement that
# formalised it has an adoption date.
(unodc,) = reg.partners(area="drugs", standing="principal")
assert unodc.partnership is not None
for ident in unodc.partnership.formalised_by:
    agreement = reg[ident]
    print(unodc.name, "formalised by", agreement.name, "in", agreement.adopted)

# %% In a notebook, the partners on migration show as a table, each with its standing
reg.partners(area="migration")
