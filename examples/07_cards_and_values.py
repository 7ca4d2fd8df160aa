# %% [markdown]
# # Full cards, small values, and results added up
#
# An entity shown alone gives its own card; `reg.card(name)` gives the card
# `eucoop show` prints, with an organisation's bodies and what it takes part in.

# %%
import eucoop

reg = eucoop.load()

# %% IOM's own card: its fields, partnership and sources; it names the call for the rest
reg["iom"]

# %% The full card, as the command line shows it: bodies, what it takes part in
reg.card("UN")

# %% At a prompt, the same card is the command line's text
print(reg.card("UN"))

# %% A document's card lists what cites it
reg.card("dg-home-io")

# %% Small values show as they read on a card: an amount
reg["eu-iom-joint-initiative"].budget

# %% ... a partial date, and how precisely it is known
reg["iom"].founded

# %% ... an enum value in words
reg["iom"].kind

# %% ... a participant, by name from the registry
reg["eu-iom-joint-initiative"].participants[0]

# %% Results add up to a result, still a table
reg.partners(standing="key") + reg.filter(kind="programme", country="LY")

# %% Two parts of one search keep their hits
found = reg.search("libya")
found[:2] + found[2:]
