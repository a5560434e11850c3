"""What the no-silent-no-ops audit (tests/unit/test_no_silent_noops.py) found accepted and
ignored, or blocked, checked against the engine:

* ``docker version --format`` (the client's half: the server here is 20.10, the simulator
  says it is 28): fields, a nil pointer, ``json``, execution and parse errors (exit 1, 64);
* ``--stop-signal KILL``: ``docker stop`` ends the container at once, exit 137 (``stop -s``
  cannot be compared: the CLI leaves the signal out for API 1.41);
* untagging a parent image (two commits) keeps it as an intermediate image, quietly, and
  ``rmi --no-prune`` keeps it after its child is gone while ``rmi`` prunes it;
* signal names and numbers (``kill -s``, ``--stop-signal``) as moby/sys/signal reads them;
* ``commit``/``import --change`` as moby's BuildFromConfig (several pairs, variables, WORKDIR,
  ENTRYPOINT clearing Cmd, the commands it refuses) and EXPOSE port ranges;
* flag values as docker reads them: ``logs --tail -1``, ``history -H=false`` (the CREATED AT
  column), ``inspect --type`` checked, ``exec -w`` into a folder that is not there;
* ``docker cp`` into a container keeps the owners the archive names; ``-a`` makes the files
  the container User's (as the host's passwd names it);
* a tmpfs's ``size=`` in whole pages (``/proc/mounts``, ``df``, what fits);
* ``docker load -q`` prints what ``load`` prints when the output is no terminal;
* ONBUILD triggers run in the child build (the base image's, and an earlier stage's), and
  ``ONBUILD ONBUILD`` / ``ONBUILD FROM`` are refused.  The builds compare their exit status
  and what they made: BuildKit 0.8 here names a trigger's step without the ``ONBUILD ``
  prefix that current BuildKit adds (dockerfile2llb/convert.go prefixCommand)."""
from . import Scenario, build, docker, host

_PARENT = """FROM @{BASE}
ONBUILD COPY --chown=5 a /b
ONBUILD RUN echo hi > /hi
"""

SCENARIO = Scenario(
    "noop_audit",
    __doc__,
    files={"a": "a\n"},
    steps=[
        # ---------------------------------------------------------------- version --format
        docker("version --format '{{.Client.Version}} {{.Client.Platform}} {{.Client.Context}}'"),
        docker("version --format '{{.Nope}}'"),
        docker("version --format '{{.Client.Version}}x{{.Nope}}'"),
        docker("version --format '{{.Client'"),
        docker("version --format '{{json .Client.Context}}\t{{.Client.Os}}'"),
        docker("version --format '{{json .Client.Platform}}'"),
        # ---------------------------------------------------------------- --stop-signal KILL
        docker("run -d --name @{T}-k --stop-signal KILL @{BASE} sleep 1000", how="exit"),
        docker("stop @{T}-k"),
        docker("inspect -f '{{.State.ExitCode}} {{.State.Status}} {{.Config.StopSignal}}' @{T}-k"),
        # ---------------------------------------------------------------- signal names
        docker("run -d --name @{T}-s @{BASE} sleep 1000", how="exit"),
        docker("kill -s USR1 @{T}-s"),
        docker("kill -s sigwinch @{T}-s"),
        docker("kill -s 12 @{T}-s"),
        docker("kill -s BOGUS @{T}-s"),
        docker("kill -s BOGUS @{T}-nosuch"),
        docker("inspect -f '{{.State.Status}}' @{T}-s"),
        docker("rm -f @{T}-s", how="exit"),
        docker("create --stop-signal BOGUS @{BASE} true"),
        docker("run --stop-signal SIGBOGUS @{BASE} true"),
        docker("rm @{T}-k", how="exit"),
        # ---------------------------------------------------------------- --change
        docker("run --name @{T}-ch -w /tmp @{BASE} true", how="exit"),
        docker("commit -c 'LABEL a=b c=\"d e\"' -c 'ENV A=1 B=\"2 3\"' -c 'ENV C 4 5' -c 'ENV D=$A/x' "
               "-c 'ONBUILD RUN x' -c 'HEALTHCHECK CMD true' -c 'WORKDIR sub' -c 'expose 80-81 90/udp' "
               "@{T}-ch @{T}-ch:1", how="exit"),
        docker("image inspect -f '{{json .Config.Labels}} {{json .Config.Env}} {{json .Config.OnBuild}} "
               "{{json .Config.Healthcheck}} {{.Config.WorkingDir}} {{json .Config.ExposedPorts}}' @{T}-ch:1"),
        docker("commit -c 'ENTRYPOINT [\"x\"]' @{T}-ch @{T}-ch:2", how="exit"),
        docker("image inspect -f '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' @{T}-ch:2"),
        # (lower case: 20.10 lower-cases the refused instruction, current moby names it as
        # typed; and 20.10 refuses STOPSIGNAL, current moby takes it: s33 and its unit tests)
        docker("commit -c 'CMD true' -c 'run x' @{T}-ch @{T}-ch:3"),
        docker("commit -c 'ENV' @{T}-ch @{T}-ch:3"),
        docker("image inspect @{T}-ch:3", how="exit"),
        docker("export -o @{DIR}/@{SIDE}-ch.tar @{T}-ch", how="exit"),
        docker("import -c 'ENV A=1' -c 'ENV B=$A' -c 'CMD [\"sh\"]' @{DIR}/@{SIDE}-ch.tar @{T}-ch:4", how="exit"),
        docker("image inspect -f '{{json .Config.Env}} {{json .Config.Cmd}}' @{T}-ch:4"),
        docker("import -c 'copy a b' @{DIR}/@{SIDE}-ch.tar @{T}-ch:5"),
        docker("rm @{T}-ch", how="exit"),
        docker("rmi @{T}-ch:1 @{T}-ch:2 @{T}-ch:4", how=None),
        # ---------------------------------------------------------------- parents and rmi
        docker("run --name @{T}-c1 @{BASE} sh -c 'echo 1 > /one'", how="exit"),
        docker("commit @{T}-c1 @{T}-par:1", how="exit"),
        docker("image inspect -f '{{.Id}}' @{T}-par:1", how=None, capture="base"),
        docker("run --name @{T}-c2 @{T}-par:1 sh -c 'echo 2 > /two'", how="exit"),
        docker("commit @{T}-c2 @{T}-top:1", how="exit"),
        docker("rmi @{T}-par:1"),
        docker("rm @{T}-c1 @{T}-c2", how="exit"),
        docker("rmi @{T}-par:1"),
        docker("image inspect -f '{{.RepoTags}} {{.Parent}}' @{captured:base}"),
        docker("tag @{T}-top:1 @{T}-top:2", how="exit"),
        docker("rmi --no-prune @{T}-top:1 @{T}-top:2"),
        docker("image inspect -f '{{.RepoTags}}' @{captured:base}"),
        docker("create --name @{T}-c3 @{captured:base} true", how="exit"),
        docker("commit @{T}-c3 @{T}-leaf:1", how="exit"),
        docker("rm @{T}-c3", how="exit"),
        docker("rmi @{T}-leaf:1"),
        docker("image inspect -f '{{.RepoTags}}' @{captured:base}"),
        # ---------------------------------------------------------------- flag values
        docker("run --name @{T}-lg @{BASE} sh -c 'echo 1; echo 2; echo 3'", how="exit"),
        docker("logs --tail -1 @{T}-lg"),
        docker("logs --tail 0 @{T}-lg"),
        docker("logs --tail abc @{T}-lg"),
        docker("history -H=false @{BASE}", how="table"),
        docker("inspect --type bogus @{T}-lg"),
        docker("run -d --name @{T}-ex @{BASE} sleep 1000", how="exit"),
        docker("exec -w /nonexistent @{T}-ex pwd"),
        docker("exec -w /etc/passwd @{T}-ex pwd"),
        docker("exec -w /tmp @{T}-ex pwd"),
        docker("rm -f @{T}-lg @{T}-ex", how="exit"),
        # ---------------------------------------------------------------- cp and owners
        host("echo x > @{DIR}/own.txt && chown 1234:1234 @{DIR}/own.txt", how=None),
        docker("run -d --name @{T}-cp @{BASE} sleep 1000", how="exit"),
        docker("run -d --name @{T}-cpr -u root @{BASE} sleep 1000", how="exit"),
        docker("cp @{DIR}/own.txt @{T}-cp:/f1", how="exit"),
        docker("cp -a @{DIR}/own.txt @{T}-cp:/f2", how="exit"),
        docker("cp @{DIR}/own.txt @{T}-cpr:/f1", how="exit"),
        docker("cp -a @{DIR}/own.txt @{T}-cpr:/f2", how="exit"),
        docker("exec @{T}-cp stat -c '%u:%g %n' /f1 /f2"),
        docker("exec @{T}-cpr stat -c '%u:%g %n' /f1 /f2"),
        docker("rm -f @{T}-cp @{T}-cpr", how="exit"),
        # ---------------------------------------------------------------- tmpfs pages
        # (HostConfig.Tmpfs is a Go map: its mounts come in no fixed order, hence the sort)
        docker("run --rm --tmpfs /t:size=1k --tmpfs /u:size=5000 --mount type=tmpfs,dst=/w,tmpfs-size=3000 "
               "@{BASE} sh -c \"grep -E ' /(t|u|w) ' /proc/mounts | sort; df -k /t /u /w; "
               "head -c 4096 /dev/zero > /t/x && echo fits\""),
        docker("volume create -o type=tmpfs -o device=tmpfs -o o=size=1k @{T}-tv", how="exit"),
        docker("run --rm -v @{T}-tv:/v @{BASE} sh -c \"grep ' /v ' /proc/mounts; df -k /v\""),
        docker("volume rm @{T}-tv", how="exit"),
        # ---------------------------------------------------------------- load -q
        docker("save -o @{DIR}/@{SIDE}-b.tar @{BASE}", how="exit"),
        docker("load -i @{DIR}/@{SIDE}-b.tar"),
        docker("load -q -i @{DIR}/@{SIDE}-b.tar"),
        # ---------------------------------------------------------------- ONBUILD
        build(_PARENT, tag="@{T}-ob:1", how="exit"),
        docker("image inspect -f '{{json .Config.OnBuild}}' @{T}-ob:1"),
        build("FROM @{T}-ob:1\nRUN stat -c %u /b && cat /hi\n", tag="@{T}-ob:2", how="exit"),
        docker("run --rm @{T}-ob:2 sh -c 'stat -c \"%u %s\" /b; cat /hi'"),
        docker("image inspect -f '{{json .Config.OnBuild}}' @{T}-ob:2"),
        docker("history --format '{{.CreatedBy}}' @{T}-ob:2"),
        build("FROM @{BASE}\nEXPOSE 80-81 90/udp\n", tag="@{T}-ex:1", how="exit"),
        docker("image inspect -f '{{json .Config.ExposedPorts}}' @{T}-ex:1"),
        docker("history --format '{{.CreatedBy}}' @{T}-ex:1"),
        build("FROM @{BASE} AS a\nONBUILD RUN echo trig > /trig\nFROM a\nRUN cat /trig\n",
              tag="@{T}-ob:3", how="exit"),
        docker("run --rm @{T}-ob:3 cat /trig"),
        docker("image inspect -f '{{json .Config.OnBuild}}' @{T}-ob:3"),
        build("FROM @{BASE}\nONBUILD ONBUILD RUN x\n", tag="@{T}-ob:4",
              diffs=("build-parse-error", "build-frontend-prefix")),
        build("FROM @{BASE}\nONBUILD FROM x\n", tag="@{T}-ob:5",
              diffs=("build-parse-error", "build-frontend-prefix")),
        docker("rmi @{T}-ob:1 @{T}-ob:2 @{T}-ob:3 @{T}-ex:1", how=None),
    ],
)
