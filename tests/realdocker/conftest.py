"""The end-of-run summary of the differential scenarios: "N of M observations agree", and
every disagreement (the known ones, marked xfail in their scenario, included)."""
from __future__ import annotations


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    try:
        from realdocker.scenarios.runner import OBSERVATIONS
    except ImportError:
        return
    if not OBSERVATIONS:
        return
    tr = terminalreporter
    agree = sum(1 for o in OBSERVATIONS if o.agrees)
    tr.section("differential scenarios: real engine vs simulator")
    tr.write_line(f"{agree} of {len(OBSERVATIONS)} observations agree")
    show_all = config.getoption("--show-observations", False)
    for o in OBSERVATIONS:
        if show_all and o.agrees:
            tr.write_line("")
            tr.write_line(f"agree: [{o.scenario} #{o.index}] {o.title}")
            for line in o.real.splitlines():
                tr.write_line("    " + line)
        if not o.agrees:
            tag = f"known (xfail: {o.xfail})" if o.xfail else "UNEXPECTED"
            tr.write_line("")
            tr.write_line(f"{tag}: {o.report()}")


def pytest_addoption(parser):
    parser.addoption("--show-observations", action="store_true", default=False,
                     help="print every observation of the differential scenarios (both sides)")
