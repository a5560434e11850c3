"""How an image's config meets `docker run`: ENV, WORKDIR, USER, ENTRYPOINT and CMD and their
overrides; a restarted container's logs; `docker cp` into a container; `commit --change`."""
from . import Scenario, build, docker, known

DOCKERFILE = """\
FROM @{BASE}
ENV GREETING=hello PLACE=world
WORKDIR /work
RUN echo built > /work/built.txt && chown 65534 /work/built.txt
USER nobody
ENTRYPOINT ["sh", "-c", "echo $GREETING $PLACE from $(pwd) as $(id -u): \\"$0\\" \\"$@\\""]
CMD ["default-arg"]
"""

SCENARIO = Scenario(
    "run_config",
    __doc__,
    files={"hello.txt": "hello file\n"},
    steps=[
        build(DOCKERFILE, "@{T}-app:1"),
        docker("history --no-trunc @{T}-app:1", how="history"),
        docker("image inspect -f '{{json .Config.Env}} {{.Config.WorkingDir}} {{.Config.User}} "
               "{{json .Config.Entrypoint}} {{json .Config.Cmd}}' @{T}-app:1"),
        docker("run --rm @{T}-app:1"),
        docker("run --rm @{T}-app:1 one two"),
        docker("run --rm -e PLACE=mars -w /tmp -u 0 @{T}-app:1"),
        docker("run --rm --entrypoint cat @{T}-app:1 /work/built.txt"),
        docker("run --rm --entrypoint '' @{T}-app:1 echo no entrypoint"),
        docker("run --rm --entrypoint id @{T}-app:1"),
        docker("run --name @{T}-c1 --entrypoint sh @{T}-app:1 -c 'echo run; touch /tmp/mark'"),
        docker("start -a @{T}-c1"),
        docker("logs @{T}-c1"),
        docker("diff @{T}-c1", how="sorted"),
        docker("cp @{CTX}/hello.txt @{T}-c1:/tmp/hello.txt", how="exit"),
        docker("diff @{T}-c1", how="sorted", label="diff after docker cp into the container"),
        docker("start -a @{T}-c1", label="the copied file is there for the next run"),
        docker("commit -c 'ENV PLACE=moon' -c 'USER root' @{T}-c1 @{T}-snap:1", how="exit"),
        docker("run --rm @{T}-snap:1"),
        docker("run --rm --entrypoint sh @{T}-snap:1 -c 'echo $GREETING $PLACE; id -u; pwd'"),
        docker("history --no-trunc @{T}-snap:1", how="history"),
        docker("image inspect -f '{{json .Config.Env}} {{.Config.User}} {{json .Config.Cmd}}' @{T}-snap:1"),
    ],
)
