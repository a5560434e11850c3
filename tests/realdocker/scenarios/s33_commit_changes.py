"""``docker commit --change`` and ``docker import --change`` (the daemon's BuildFromConfig):
ENV/LABEL quoting and ``$VAR`` expansion from the container's Env (the Env before the
instruction, a later change sees the new one), EXPOSE ports, ranges and word splitting,
CMD/ENTRYPOINT shell form and what ENTRYPOINT does to the inherited Cmd, HEALTHCHECK options,
ONBUILD triggers, VOLUME, USER, WORKDIR relative to the old one, changes spread over several
``--change`` lines, import's empty starting config, and the errors (a refused instruction,
argument counts, expansion, ports, healthcheck options).  STOPSIGNAL and the case of a refused
instruction are left out: the 20.10 engine here refuses STOPSIGNAL and lower-cases the name
(current moby accepts it and names it as typed; tests/unit/test_commit_changes.py)."""
from . import Scenario, docker

# the fields of an image config that CLI 28 prints (its OCI image config), one by one
_FIELDS = ("User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
           "Healthcheck", "OnBuild")
_SHOW = " ".join(f"{{{{json .Config.{f}}}}}" for f in _FIELDS)

#: (changes, label): each committed from the same container, then its config shown
_COMMITS = [
    (["ENV A=b"], "env"),
    (['env A="b c" D=e\\ f', "ENV G h i"], "env-quotes"),
    (["ENV A=$FOO B=${FOO}-x C=$PATH", "ENV D=$A FOO=new E=$FOO"], "env-expansion"),
    (['LABEL $FOO=v "x y"=z', "label a=2 b=$FOO"], "labels"),
    (["EXPOSE 80/udp 443 8000-8002", 'ENV P="70 71"', "EXPOSE $P 90/UDP 1.2.3.4:5:6"], "expose"),
    (["cmd echo $FOO"], "cmd-shell"),
    (["CMD"], "cmd-bare"),
    (["CMD []"], "cmd-empty"),
    (['ENTRYPOINT ["/bin/echo"]'], "entrypoint-drops-cmd"),
    (["CMD x", 'ENTRYPOINT ["/bin/echo"]'], "cmd-then-entrypoint"),
    (["ENTRYPOINT /bin/echo a", 'CMD ["x"]'], "entrypoint-then-cmd"),
    (["ENTRYPOINT"], "entrypoint-bare"),
    (["HEALTHCHECK CMD wget -q localhost"], "healthcheck-shell"),
    (['HEALTHCHECK --interval=5s --timeout=3s --start-period=1m --retries=4 CMD ["true"]'],
     "healthcheck-options"),
    (["HEALTHCHECK NONE"], "healthcheck-none"),
    (["ONBUILD RUN echo hi", "onbuild   copy a b"], "onbuild"),
    (["VOLUME $FOO /v2", 'VOLUME ["/c", "/d"]'], "volumes"),
    (["USER $FOO:1", "WORKDIR sub", "WORKDIR ../other/./x"], "user-workdir"),
    (["WORKDIR /a/../b//c/"], "workdir-absolute"),
    (["ENV A=1 \\", " B=2"], "continued"),
]

#: changes the daemon refuses: the message, and no image
_ERRORS = [
    ["nope x"], ["ENV"], ["ENV A"], ["ENV =x"], ["LABEL a"], ["ENV --x=1 A=b"],
    ["ENV A=${B:?oops}"], ["USER"], ["WORKDIR $NOPE"], ["VOLUME [\"\"]"], ["EXPOSE"],
    ["HEALTHCHECK --interval=1ns CMD x"],
    ["HEALTHCHECK --interval=abc CMD x"], ["HEALTHCHECK --retries=x CMD x"],
    ["HEALTHCHECK --bogus=1 CMD x"], ["HEALTHCHECK CMD"], ["HEALTHCHECK FOO x"],
    ["HEALTHCHECK NONE x"], ["ONBUILD ONBUILD RUN x"], ["ONBUILD FROM x"], ["ONBUILD"],
    ['shell ["/bin/bash","-c"]'], ["CMD a", "ENV X=1", "run x"], [""], ["# hi"],
]


def _q(change: str) -> str:
    return "'" + change.replace("'", "'\\''") + "'"


def _flags(changes: list[str]) -> str:
    return " ".join(f"--change {_q(c)}" for c in changes)


_steps = [docker("create --name @{T}-w -e FOO=bar -w /app @{BASE} sh", how="exit")]
for i, (changes, label) in enumerate(_COMMITS):
    _steps.append(docker(f"commit {_flags(changes)} @{{T}}-w @{{T}}-x:{i}", how="exit",
                         label=f"commit {label}"))
    _steps.append(docker(f"image inspect -f '{_SHOW}' @{{T}}-x:{i}", label=f"config {label}"))
_steps += [
    docker("run --rm @{T}-x:8 hi"),                          # ENTRYPOINT ["/bin/echo"], no Cmd
    # a container of an image with a healthcheck: a new HEALTHCHECK keeps its unset options
    # from the container's (daemon/commit.go merge), even HEALTHCHECK NONE
    docker("commit --change 'HEALTHCHECK --interval=7s --retries=2 CMD true' @{T}-w @{T}-h:1",
           how="exit"),
    docker("create --name @{T}-h @{T}-h:1", how="exit"),
    docker("inspect -f '{{json .Config.Healthcheck}}' @{T}-h"),
    docker("commit --change 'HEALTHCHECK CMD y' @{T}-h @{T}-h:2", how="exit"),
    docker("commit --change 'HEALTHCHECK NONE' @{T}-h @{T}-h:3", how="exit"),
    docker("commit --change 'HEALTHCHECK --retries=5 CMD [\"z\"]' @{T}-h @{T}-h:4", how="exit"),
    docker("image inspect -f '{{json .Config.Healthcheck}}' @{T}-h:2 @{T}-h:3 @{T}-h:4"),
    docker("rm @{T}-h", how="exit"),
    # the parent's tag goes first; the image stays (it has children) until they are gone
    docker("rmi @{T}-h:1 @{T}-h:2 @{T}-h:3 @{T}-h:4"),
]
_steps += [docker(f"commit {_flags(changes)} @{{T}}-w @{{T}}-bad:1", label=f"refused {changes}")
           for changes in _ERRORS]
_steps += [
    # wordings that changed since 20.10 (go-connections nat, BuildKit parseHealthcheck)
    docker("commit --change 'EXPOSE 80/xyz' @{T}-w @{T}-bad:1", diffs=("nat-port-errors",)),
    docker("commit --change 'EXPOSE $FOO' @{T}-w @{T}-bad:1", diffs=("nat-port-errors",)),
    docker("commit --change 'EXPOSE 70000' @{T}-w @{T}-bad:1", diffs=("nat-port-errors",)),
    docker("commit --change 'HEALTHCHECK --retries=-1 CMD x' @{T}-w @{T}-bad:1",
           diffs=("healthcheck-retries",)),
    docker("image inspect -f '{{.Id}}' @{T}-bad:1"),
    # import: the changes start from an empty config (no PATH), and are checked first
    docker("export @{T}-w -o @{DIR}/@{SIDE}-e.tar", how="exit"),
    docker("import --change 'ENV A=$PATH B=1' --change 'WORKDIR rel' --change CMD "
           "--change 'EXPOSE 7' @{DIR}/@{SIDE}-e.tar @{T}-imp:1", how="exit"),
    docker(f"image inspect -f '{_SHOW}' @{{T}}-imp:1"),
    docker("import --change 'shell [\"/bin/sh\"]' @{DIR}/@{SIDE}-e.tar @{T}-imp:2"),
    docker("image inspect -f '{{.Id}}' @{T}-imp:2"),
    docker("rm @{T}-w", how="exit"),
    docker("rmi " + " ".join(f"@{{T}}-x:{i}" for i in range(len(_COMMITS))) + " @{T}-imp:1",
           how="exit"),
]

SCENARIO = Scenario("commit_changes", __doc__, steps=_steps)
