"""The build context: `.dockerignore`, COPY of a folder, of a wildcard, with --chown, ADD of a
local tar (unpacked), and what does and does not bust the cache (an ignored file)."""
import io
import tarfile

from . import Scenario, build, docker, write


def _tar() -> str:
    """A small tar, as text the scenario files can carry (latin-1 round trips bytes)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in (("pkg/a.txt", b"alpha\n"), ("pkg/sub/b.txt", b"beta!\n")):
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode = len(data), 1704067200, 0o640
            tf.addfile(ti, io.BytesIO(data))
    return buf.getvalue().decode("latin-1")


DOCKERFILE = """\
FROM @{BASE}
WORKDIR /app
COPY src/ ./src/
COPY *.txt ./
COPY --chown=1000:1000 owned.cfg /app/
ADD pkg.tar /opt/
RUN ls -la /app /app/src /opt/pkg /opt/pkg/sub > /listing.txt
"""

SCENARIO = Scenario(
    "build_context",
    __doc__,
    files={
        ".dockerignore": "secret.txt\n*.log\nsrc/tmp\n",
        "a.txt": "aaa\n", "b.txt": "bb\n", "secret.txt": "hidden\n", "debug.log": "log\n",
        "owned.cfg": "x=1\n",
        "src/main.sh": "echo main\n", "src/lib/util.sh": "echo util\n", "src/tmp/junk": "junk\n",
    },
    steps=[
        build(DOCKERFILE, "@{T}-app:1"),
        docker("history --no-trunc @{T}-app:1", how="history"),
        docker("run --rm @{T}-app:1 cat /listing.txt", how="ls"),
        docker("run --rm @{T}-app:1 sh -c 'ls -a /app; ls -R /app/src; cat /opt/pkg/a.txt /opt/pkg/sub/b.txt'"),
        docker("run --rm @{T}-app:1 ls -ln /app/owned.cfg", how="ls"),
        # an ignored file changes: nothing to rebuild
        write("secret.txt", "still hidden, other content\n"),
        write("debug.log", "more log\n"),
        build(DOCKERFILE, "@{T}-app:1", label="only ignored files changed: all cached"),
        # a file in a copied folder changes: that COPY and the later steps
        write("src/lib/util.sh", "echo util v2\n"),
        build(DOCKERFILE, "@{T}-app:1", label="a file under src/ changed"),
        # a new file matching the wildcard
        write("c.txt", "c\n"),
        build(DOCKERFILE, "@{T}-app:1", label="a new *.txt file"),
        docker("run --rm @{T}-app:1 ls /app"),
    ],
)
SCENARIO.files["pkg.tar"] = _tar()
