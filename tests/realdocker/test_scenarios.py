"""The differential scenario suite: every scenario of ``realdocker/scenarios`` run on the real
engine (docker CLI, ``sh`` as root on the host) and on the simulator (``%docker``,
``%%dockerfile``, ``%host`` in an IPython shell), output by output.

A scenario fails when one of its observations differs (after normalising IDs, times and
column padding, and applying the differences it names), or when a step marked ``xfail`` (a
known, diagnosed disagreement) agrees after all (strict).  A scenario whose only
disagreements are the marked ones is reported as xfailed, naming them.  The end of the run
prints "N of M observations agree" and lists every disagreement (``conftest.py``).

Run: ``python -m pytest tests/realdocker/test_scenarios.py`` (``-k volumes`` for one; ``-s``
shows each observation's diff as it happens)."""
from __future__ import annotations

import pytest

from realdocker.scenarios import all_scenarios
from realdocker.scenarios.runner import run_scenario

pytestmark = pytest.mark.requires_docker

SCENARIOS = all_scenarios()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(scenario, real_docker, busybox_tar, tmp_path):
    observations = run_scenario(scenario, real_docker, busybox_tar, tmp_path)
    assert observations, "a scenario must compare something"
    unexpected = [o for o in observations if not o.agrees and not o.xfail]
    xpassed = [o for o in observations if o.agrees and o.xfail]
    known = [o for o in observations if not o.agrees and o.xfail]
    problems = [o.report() for o in unexpected]
    problems += [f"[XPASS(strict)] [{o.scenario} #{o.index}] {o.title}: agrees now; "
                 f"remove its xfail ({o.xfail})" for o in xpassed]
    assert not problems, "\n\n".join(problems)
    if known:
        pytest.xfail(f"{len(known)} known disagreement(s), steps "
                     + ", ".join(f"#{o.index}" for o in known) + " (listed at the end of the run)")
