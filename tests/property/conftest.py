"""Property-based tests (Hypothesis): generated docker command lines, Dockerfiles and shell
scripts against the simulator, checked for internal errors and for storage invariants.

Bounded for CI: each test runs a fixed number of examples (``EXAMPLES``), with no deadline and
``derandomize=True``, so a run is deterministic and takes a few minutes at most.  For a long
search, ``DOCKSTORE_PROPERTY_EXAMPLES=N`` raises every test's count to N and turns
derandomization off; vary ``--hypothesis-seed`` between chunks of such a run.
"""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, Phase, settings

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

LONG_RUN = int(os.environ.get("DOCKSTORE_PROPERTY_EXAMPLES", "0") or 0)


def bounded(examples: int):
    """The settings of one property: ``examples`` in CI, or the long run's count."""
    return settings(max_examples=LONG_RUN or examples, deadline=None, derandomize=not LONG_RUN,
                    database=None, print_blob=True,
                    # a long run reports what it finds as found (shrinking an engine run can
                    # take longer than the search); CI shrinks
                    phases=[Phase.explicit, Phase.generate] if LONG_RUN else list(Phase),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def _user_mode(monkeypatch):
    """Run as a user does (no DOCKSTORE_DEBUG): internal errors are then caught and reported,
    and the property checks find them in the output and the log."""
    monkeypatch.delenv("DOCKSTORE_DEBUG", raising=False)
