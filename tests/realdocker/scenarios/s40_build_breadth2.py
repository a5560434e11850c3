"""Dockerfiles from Docker's "Optimize cache usage" and "Build secrets" pages, and the build
command's own options: ``RUN --mount`` of type cache (kept between steps and builds), bind
(the context or a folder of it, read-only, or read-write with the writes thrown away, or an
image's folder), tmpfs and secret (with and without ``--secret``); the cache key of a bind
mount (content, never mtime); ``--mount`` mistakes; then ``-t`` twice, ``--iidfile``,
``--label``, ``--build-arg`` with and without a value, ``--target``, ``-f`` another
Dockerfile, ``--no-cache``, ``--pull`` offline, CMD/ENTRYPOINT as ``inspect`` shows them, and
the classic mistakes (an unknown instruction, COPY of a missing file, a failing RUN, an
empty continuation line).

Not compared (the 20.10 engine's Dockerfile frontend is older than current Docker's, which
the simulator follows; see differences.py BUILD_FRONTEND): the mount points a RUN --mount
leaves behind, ``RUN --network``, heredocs."""
from . import Scenario, build, docker, touch, write

_MOUNTS = """\
FROM @{BASE}
RUN --mount=type=cache,target=/cache,id=@{T} echo one > /cache/f && ls /cache > /seen1
RUN --mount=type=cache,target=/var/cache/app,id=@{T} cat /var/cache/app/f > /seen2
RUN --mount=type=bind,target=/ctx cat /ctx/a.txt > /seen3 && ls /ctx >> /seen3
RUN --mount=type=bind,source=src,target=/s sh -c 'cat /s/x; touch /s/new; echo rc=$?' > /seen4 2>&1
RUN --mount=type=bind,source=src,target=/s,rw sh -c 'touch /s/new; ls /s' > /seen5
RUN --mount=type=tmpfs,target=/t sh -c 'echo x > /t/x; ls /t' > /seen6
RUN --mount=type=secret,id=tok sh -c 'cat /run/secrets/tok; echo rc=$?' > /seen7 2>&1
RUN --mount=type=bind,from=@{BASE},source=/etc,target=/e head -2 /e/group > /seen8
WORKDIR /w
RUN --mount=type=bind,source=a.txt,target=rel.txt cat /w/rel.txt > /seen9
"""

_SECRET = """\
FROM @{BASE}
RUN --mount=type=secret,id=tok cat /run/secrets/tok > /seen-secret
RUN --mount=type=secret,id=tok,target=/opt/tok,mode=0444 ls -ln /opt/tok > /seen-mode
"""

_ERR = "FROM @{BASE}\n%s\n"

_STAGES = """\
ARG TAG=1
FROM @{BASE} AS base
ARG TAG
RUN echo "base $TAG" > /base.txt
FROM base AS test
RUN echo tested > /test.txt
FROM @{BASE} AS final
ARG VALUE
ARG NOVALUE
COPY --from=base /base.txt /
COPY --from=@{BASE} /etc/group /group-from-image
RUN echo "v=$VALUE n=${NOVALUE:-unset}" > /args.txt
CMD ["cat", "/args.txt"]
"""

_OTHER = """\
FROM @{BASE}
COPY a.txt /other.txt
ENTRYPOINT ["cat"]
CMD ["/other.txt"]
"""

_RUNFAIL = """\
FROM @{BASE}
RUN echo before
RUN echo failing >&2 && exit 3
RUN echo never
"""

_CONTINUATION = """\
FROM @{BASE}
RUN echo one \\

    two > /cont.txt
"""

SCENARIO = Scenario(
    "build_breadth2",
    __doc__,
    files={".dockerignore": "Dockerfile\n*.log\nother.Dockerfile\n", "a.txt": "hello\n",
           "src/x": "s\n", "debug.log": "log\n", "tok.txt": "s3cr3t\n", "other.Dockerfile": _OTHER},
    steps=[
        build(_MOUNTS, "@{T}-m:1"),
        docker("run --rm @{T}-m:1 sh -c 'for f in /seen*; do echo \"== $f\"; cat $f; done'"),
        docker("history --no-trunc @{T}-m:1", how="history"),
        # an ignored file, and a file's mtime alone: nothing to rebuild
        write("debug.log", "more log\n"),
        touch("a.txt"),
        build(_MOUNTS, "@{T}-m:1", label="ignored file changed, a.txt touched: all cached"),
        # a.txt's content: the steps that bind the context rebuild, the cache mounts do not
        write("a.txt", "hello again\n"),
        build(_MOUNTS, "@{T}-m:1", label="a.txt changed"),
        docker("run --rm @{T}-m:1 cat /seen3 /seen9"),
        # secrets given to the build
        build(_SECRET, "@{T}-s:1", args="--secret id=tok,src=@{CTX}/tok.txt"),
        docker("run --rm @{T}-s:1 sh -c 'cat /seen-secret /seen-mode'", how="ls"),
        docker("history --no-trunc @{T}-s:1", how="history"),
        # --mount mistakes
        build(_ERR % "RUN --mount=type=cache,path=/c true", "@{T}-e:1",
              diffs=("build-frontend-prefix", "build-run-mount-error")),
        build(_ERR % "RUN --mount=type=volume,target=/c true", "@{T}-e:1",
              diffs=("build-frontend-prefix", "build-run-mount-error")),
        build(_ERR % "RUN --mount=type=tmpfs,target=/t,uid=5 true", "@{T}-e:1",
              diffs=("build-frontend-prefix", "build-run-mount-error")),
        build(_ERR % "RUN --mount=type=cache true", "@{T}-e:1", diffs=("build-frontend-prefix",)),
        build(_ERR % "RUN --mount=type=secret,id=tok,required cat /run/secrets/tok", "@{T}-e:1"),
        build(_ERR % "RUN --mount=source=nosuch,target=/x true", "@{T}-e:1",
              diffs=("build-copy-missing",)),
        # multi-stage, --target, build args with and without a value
        build(_STAGES, "@{T}-st:1", args="--build-arg VALUE=given --build-arg NOVALUE"),
        docker("run --rm @{T}-st:1"),
        docker("run --rm @{T}-st:1 head -3 /group-from-image"),
        docker("history --no-trunc @{T}-st:1", how="history"),
        build(_STAGES, "@{T}-st:test", args="--target test --build-arg TAG=2"),
        docker("run --rm @{T}-st:test cat /base.txt /test.txt"),
        build(_STAGES, "@{T}-st:1", args="--target nosuch",
              diffs=("build-frontend-prefix", "build-target-missing")),
        build(_STAGES, "@{T}-st:1", args="--build-arg VALUE=other",
              label="another --build-arg value: that stage's RUN rebuilds"),
        # the build command's options
        build(_OTHER, "@{T}-o:1", args="-t @{T}-o:2 --iidfile @{DIR}/@{SIDE}-iid.txt --label course=@{T} "
              "--label extra=1"),
        docker("image inspect -f '{{.Id}} {{json .Config.Labels}} {{json .RepoTags}}' @{T}-o:2",
               capture="o2"),
        docker("run --rm @{T}-o:1"),
        docker("run --rm @{T}-o:1 /seen-nothing"),
        docker("image inspect -f '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' @{T}-o:1"),
        docker("build -q -f @{CTX}/other.Dockerfile -t @{T}-o:3 @{CTX}", how="exit"),
        docker("image inspect -f '{{.Id}} {{json .Config.Labels}} {{json .RepoTags}}' @{T}-o:3"),
        build(_OTHER, "@{T}-o:1", args="--no-cache", label="--no-cache: every step again"),
        build(_OTHER, "@{T}-o:1", args="--pull", how="exit"),
        # classic mistakes
        build(_ERR % "RUNN echo typo", "@{T}-e:1", diffs=("build-parse-error", "build-frontend-prefix",
                                                          "build-unknown-instruction-suggest")),
        build(_ERR % "COPY nosuch.txt /", "@{T}-e:1", diffs=("build-copy-missing",)),
        build(_RUNFAIL, "@{T}-e:1", diffs=("build-run-failure",)),
        build(_CONTINUATION, "@{T}-cont:1"),
        docker("run --rm @{T}-cont:1 cat /cont.txt"),
        docker("rmi @{T}-m:1 @{T}-s:1 @{T}-st:1 @{T}-st:test @{T}-o:1 @{T}-o:2 @{T}-o:3 @{T}-cont:1",
               how="exit"),
    ],
)
