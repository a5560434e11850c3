"""Dockerfiles as students write them, instruction by instruction: ARG before FROM and its
scope, ENV/ARG expansion forms (``${V:-d}``, ``${V:+x}``, ``$$``, quotes), LABEL with several
pairs, EXPOSE forms, STOPSIGNAL, SHELL, ONBUILD (run by a child build), CMD/ENTRYPOINT in
shell and exec form and what ``inspect`` and ``history`` show of them, WORKDIR creating
folders and their owner, USER then files created, COPY ``--chown``/``--chmod`` (numeric and
names, with and without /etc/passwd), VOLUME then RUN writing into it (BuildKit keeps it)."""
from . import Scenario, build, docker, write

#: what of an image's config the steps compare (``{{json .Config}}`` itself prints the
#: container config, whose empty fields differ by client version)
_CFG = ("'{{json .Config.Env}} {{json .Config.Cmd}} {{json .Config.Entrypoint}} {{.Config.ArgsEscaped}} "
        "{{json .Config.Labels}} {{json .Config.ExposedPorts}} {{.Config.StopSignal}} "
        "{{json .Config.Shell}} {{json .Config.OnBuild}} {{.Config.WorkingDir}} {{.Config.User}} "
        "{{json .Config.Volumes}}'")

_CONFIG = """\
ARG GLOBAL=g1
ARG BASE=@{BASE}
FROM ${BASE}
ARG GLOBAL
ARG LATE
ENV A=1 B=${UNSET:-dflt} C=${A:+set} D=$$ E='$A' F="${A}x" G=\\$A
ENV H=${LATE:-none} I=${A:-z}${UNSET:+w} J=${A:+set}
RUN echo "$GLOBAL $A $B $C $D $E $F $G $H $I $J" > /env.txt
LABEL l1=a "l 2"="b c" l3=${A}
LABEL multi=one \\
      other=two
EXPOSE 80 443/tcp 53/udp 8000-8002
STOPSIGNAL SIGTERM
SHELL ["/bin/sh", "-ec"]
RUN echo shell-form > /shell.txt
ONBUILD RUN echo triggered > /onbuild.txt
CMD echo hi
ENTRYPOINT ["/bin/echo", "x"]
"""

_CHILD = """\
FROM @{T}-cfg:1
RUN ls /onbuild.txt
CMD ["exec", "form"]
"""

_CMDS = """\
FROM @{BASE}
ENTRYPOINT echo entry
CMD ["ignored"]
"""

_USERS = """\
FROM @{BASE}
COPY --chown=1000:1000 a.txt /n1
COPY --chown=daemon:bin a.txt /n2
COPY --chown=daemon a.txt /n3
COPY --chmod=0600 a.txt /n4
COPY --chown=nobody:nogroup --chmod=750 src /n5/
COPY --chown=7 a.txt /n6
WORKDIR /w1
USER daemon
WORKDIR /w2/sub
RUN touch /tmp/u-file && id -un > /tmp/id.txt && id -g >> /tmp/id.txt
USER 1234:5678
WORKDIR /w3
RUN touch /tmp/u2 && id -u > /tmp/id2.txt && (id -gn >> /tmp/id2.txt 2>&1 || echo rc=$? >> /tmp/id2.txt)
USER root
VOLUME /data
RUN mkdir -p /data && echo kept > /data/f && mkdir /data/sub
RUN ls /data > /data-seen.txt
"""

_NOPASSWD = """\
FROM scratch AS nopw
COPY --chown=5:6 a.txt /x
COPY --chown=daemon a.txt /y
"""

_NOPASSWD_OK = """\
FROM scratch AS nopw
COPY --chown=5:6 --chmod=640 a.txt token.txt /x/
FROM @{BASE}
COPY --from=nopw /x /from-scratch
"""

_MORE = """\
ARG OUTSIDE=before-from
FROM @{BASE} AS first
RUN echo "outside=[$OUTSIDE]" > /scope.txt
ARG OUTSIDE
RUN echo "redeclared=[$OUTSIDE]" >> /scope.txt
FROM first
ENV DIR=sub
WORKDIR rel
WORKDIR $DIR/deeper
RUN pwd > /pwd.txt
RUN mkdir -p /data && echo old > /data/old
VOLUME ["/data"]
RUN echo new > /data/new && rm /data/old
EXPOSE 8080/UDP 9000-9001/tcp 7000
STOPSIGNAL 9
COPY --from=0 /scope.txt /copied-scope.txt
COPY . /ctx/
USER nobody
CMD ["sh", "-c", "cat /scope.txt /pwd.txt; ls /data; find /ctx | sort"]
"""

_BADUSER = """\
FROM @{BASE}
USER nosuch
RUN id
"""

SCENARIO = Scenario(
    "build_breadth",
    __doc__,
    files={"a.txt": "hello\n", "src/x": "s\n", "src/sub/y": "y\n",
           ".dockerignore": "**/*.tmp\nlogs/*\n!logs/keep.log\nDockerfile\n",
           "logs/a.log": "a\n", "logs/keep.log": "k\n", "deep/x/y/z.tmp": "t\n", "deep/k.txt": "k\n",
           "top.tmp": "t\n"},
    steps=[
        build(_CONFIG, "@{T}-cfg:1"),
        docker("image inspect -f " + _CFG + " @{T}-cfg:1"),
        docker("history --no-trunc @{T}-cfg:1", how="history"),
        docker("run --rm @{T}-cfg:1"),
        docker("run --rm --entrypoint cat @{T}-cfg:1 /env.txt /shell.txt"),
        build(_CHILD, "@{T}-child:1", diffs=("build-onbuild-prefix",)),
        docker("image inspect -f " + _CFG + " @{T}-child:1"),
        docker("history --no-trunc @{T}-child:1", how="history"),
        docker("run --rm @{T}-child:1"),
        build(_CMDS, "@{T}-cmds:1"),
        docker("image inspect -f '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' @{T}-cmds:1"),
        docker("run --rm @{T}-cmds:1 more words"),
        build(_USERS, "@{T}-users:1", diffs=("build-run-failure",)),
        docker("image inspect -f " + _CFG + " @{T}-users:1"),
        docker("history --no-trunc @{T}-users:1", how="history"),
        docker("run --rm @{T}-users:1 ls -ln /n1 /n2 /n3 /n4 /n6 /n5 /tmp/u-file /tmp/u2", how="ls"),
        docker("run --rm @{T}-users:1 ls -lnd /w1 /w2 /w2/sub /w3 /n5", how="ls"),
        docker("run --rm @{T}-users:1 cat /tmp/id.txt /tmp/id2.txt /data/f /data-seen.txt"),
        write("token.txt", "@{T}\n"),        # this scenario's own scratch layer: a cold cache
        build(_NOPASSWD_OK, "@{T}-nopw:2"),
        docker("run --rm @{T}-nopw:2 ls -lna /from-scratch", how="ls"),
        build(_MORE, "@{T}-more:1"),
        docker("run --rm @{T}-more:1"),
        docker("image inspect -f " + _CFG + " @{T}-more:1"),
        docker("history --no-trunc @{T}-more:1", how="history"),
        build(_BADUSER, "@{T}-baduser:1", diffs=("build-run-user",)),
        docker("rmi @{T}-more:1", how="exit"),
        docker("rmi @{T}-child:1 @{T}-cfg:1 @{T}-cmds:1 @{T}-users:1 @{T}-nopw:2", how="exit"),
    ],
)
