"""Moving images and filesystems around: ``docker save`` piped or into a file and what the
tar holds (tar -t on the host), ``load`` from a pipe, ``export`` of a container that wrote
and deleted files (no whiteouts, no volumes), ``import`` with ``--change`` and a message,
``commit`` with ``--change``/``-m``/``-a``, and the layers each makes."""
from . import Scenario, build, docker, host

_APP = """FROM @{BASE}
RUN echo one > /one
RUN rm /etc/group
"""

SCENARIO = Scenario(
    "archives",
    __doc__,
    steps=[
        build(_APP, tag="@{T}-app:1", how="exit"),
        docker("save @{T}-app:1 -o @{DIR}/@{SIDE}-s.tar", how="exit"),
        # (the tar's layout differs: save-legacy-layout in differences.py; s10 compares it)
        host("tar -xOf @{DIR}/@{SIDE}-s.tar manifest.json | tr ',' '\\n' | grep -c Layers -A0"),
        host("tar -xOf @{DIR}/@{SIDE}-s.tar repositories | sed 's/[0-9a-f]\\{64\\}/ID/'"),
        docker("run --name @{T}-w -v /vol @{T}-app:1 sh -c 'echo two > /two; rm /one; echo v > /vol/v'",
               how="exit"),
        docker("export @{T}-w -o @{DIR}/@{SIDE}-e.tar", how="exit"),
        host("tar -tf @{DIR}/@{SIDE}-e.tar | grep -E '^(one|two|vol|vol/v|etc/group|\\.dockerenv|etc/hostname)$' | sort"),
        host("tar -tvf @{DIR}/@{SIDE}-e.tar etc/hostname | awk '{print $1, $3}'"),
        docker("import --change 'CMD [\"cat\",\"/two\"]' --change 'ENV A=b' -m 'from export' "
               "@{DIR}/@{SIDE}-e.tar @{T}-imp:1"),
        docker("history --format '{{.CreatedBy}}|{{.Comment}}' @{T}-imp:1"),
        docker("image inspect -f '{{json .Config.Cmd}} {{json .Config.Env}} {{len .RootFS.Layers}} {{.Comment}}' @{T}-imp:1"),
        docker("run --rm @{T}-imp:1"),
        docker("commit -m 'my change' -a 'Student <s@x>' --change 'WORKDIR /srv' @{T}-w @{T}-com:1",
               how="exit"),
        docker("image inspect -f '{{.Author}}|{{.Comment}}|{{.Config.WorkingDir}}|{{len .RootFS.Layers}}' @{T}-com:1"),
        docker("history --format '{{.CreatedBy}}|{{.Comment}}' @{T}-com:1 | head -1"),
        docker("run --rm @{T}-com:1 sh -c 'pwd; ls /one /two /vol 2>&1'"),
        docker("commit --change 'nope x' @{T}-w @{T}-bad:1"),
        docker("commit @{T}-nosuch @{T}-bad:1"),
        docker("rm -v @{T}-w", how="exit"),
        docker("rmi @{T}-imp:1 @{T}-com:1 @{T}-app:1", how="exit"),
        docker("load -i @{DIR}/@{SIDE}-s.tar"),
        docker("run --rm @{T}-app:1 cat /one"),
        docker("rmi @{T}-app:1", how="exit"),
    ],
)
