"""A pull the engine cannot make: neither side reaches a registry, so a name that must be
downloaded fails the same way (exit status; the wording, offline DNS error plus the
simulator's one line naming what its catalogue has, is checked in the unit tests)."""
from . import Scenario, docker

SCENARIO = Scenario(
    "offline-pull",
    __doc__,
    steps=[
        docker("pull @{T}-nosuch", how="exit"),
        docker("pull @{T}-nosuch", how="stdout"),
        docker("pull @{T}-nosuch:1.0", how="exit"),
        docker("run --rm @{T}-nosuch", how="exit"),
        docker("create @{T}-nosuch", how="exit"),
    ],
)
