"""Inputs that once crashed the simulator (issue 16), each answered as the engine answers:
an empty exec form, instructions without their arguments, a failed `${VAR:?msg}`, `CMD` with
nothing after it, a relative working folder, unknown flags, `COPY --from` a stage that is
out of range, circular, or (not needed by the target) defined later."""
from . import Scenario, build, docker

PARSE = ("build-parse-error",)

SCENARIO = Scenario(
    "robustness",
    __doc__,
    files={"a.txt": "A\n"},
    steps=[
        build("FROM @{BASE}\nRUN []\n", "@{T}-bad:1", diffs=("build-frontend-marshal",)),
        *[build(f"FROM @{{BASE}}\n{instruction}\n", "@{T}-bad:1", diffs=PARSE)
          for instruction in ("EXPOSE", "LABEL", "VOLUME []", "USER", "WORKDIR", "STOPSIGNAL",
                              "MAINTAINER", "SHELL []", "HEALTHCHECK", "HEALTHCHECK NONE x",
                              "HEALTHCHECK FOO x", "HEALTHCHECK CMD []", "ARG")],
        build("FROM @{BASE}\nENV A=${Y:?no}\n", "@{T}-bad:1",
              diffs=("build-frontend-prefix", "build-expansion-wrap")),
        build("FROM @{BASE}\nWORKDIR /${Y:?no}\n", "@{T}-bad:1",
              diffs=("build-frontend-prefix", "build-expansion-wrap")),
        build("FROM @{BASE}\nCOPY --nosuch a.txt /n\n", "@{T}-bad:1", diffs=PARSE),
        build("FROM @{BASE}\nADD --from=x a.txt /y\n", "@{T}-bad:1", diffs=PARSE),
        build("FROM @{BASE}\nCOPY --from=5 /x /y\n", "@{T}-bad:1", diffs=("build-frontend-prefix",)),
        build("FROM @{BASE}\nCOPY --from=b /etc/motd /y\nFROM @{BASE} AS b\nCOPY --from=0 /y /z\n",
              "@{T}-bad:1", diffs=("build-frontend-prefix",)),
        build("FROM @{BASE}\nCOPY --from=1 /x /y\nFROM @{BASE} AS two\nRUN true\n", "@{T}-two:1"),
        build("FROM @{BASE}\nCMD\n", "@{T}-cmd:1"),
        docker("image inspect -f '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' @{T}-cmd:1"),
        build("FROM @{BASE}\nENTRYPOINT\n", "@{T}-ep:1"),
        docker("image inspect -f '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' @{T}-ep:1"),
        docker("run --rm -w rel @{BASE} true"),
        docker("rmi @{T}-cmd:1 @{T}-ep:1 @{T}-two:1", how="exit"),
    ],
)
