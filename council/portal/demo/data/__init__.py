"""The demo facts, derived by hand from the two source documents in shared/seeds/.

protokoll-2018-09-28.txt gives the organisations, the 2018 ledamöter, the
övriga närvarande and the meeting (its paragraphs are in protokoll_2018_09_28.json).
verksamhetsplan-2023-presentation.txt gives the bodies' mandates, the networks,
the styrdokument, the plan for 2023 and the follow-up of 2022.

Obvious typos in the slides are corrected ("2026-2022" is 2016–2022); spelling
variants of names are kept as aliases.

`people` holds the organisations, people, bodies, standard agenda and demo logins,
`meetings` the meeting of 2018, `networks` the networks, `plans` the styrdokument
and the plans.
"""
