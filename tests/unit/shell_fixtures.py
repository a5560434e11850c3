"""What the shell tests share: ``out`` (run a script, return its status and combined output)
and the Debian and busybox filesystems to run it on, either one pair for a whole module
(``deb_per_module``, ``bb_per_module``) or a fresh pair for each test (``fresh_deb``,
``fresh_bb``).  A test module imports the pair it wants; the fixtures are named ``deb`` and
``bb`` either way."""
import pytest

from dockstore_magic.shell.sandbox import make_busybox_fs, make_debian_fs, sh


def out(fs, script, **kw):
    r, _ = sh(fs, script, **kw)
    return r.exit_code, r.output.decode()


@pytest.fixture(scope="module", name="deb")
def deb_per_module():
    return make_debian_fs()


@pytest.fixture(scope="module", name="bb")
def bb_per_module():
    return make_busybox_fs()


@pytest.fixture(name="deb")
def fresh_deb():
    return make_debian_fs()


@pytest.fixture(name="bb")
def fresh_bb():
    return make_busybox_fs()
