"""How many examples each property runs: a fixed, derandomized number in CI, or
``DOCKSTORE_PROPERTY_EXAMPLES`` for a long search (see conftest.py)."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

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
