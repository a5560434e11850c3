"""Build cache hits after each kind of change: none, a context file's mtime only, its content,
a Dockerfile line, a build arg (used, then unused), and `--no-cache`."""
from . import Scenario, build, docker, touch, write

DOCKERFILE = """\
FROM @{BASE}
ENV APP=demo
WORKDIR /opt/app
RUN echo v1 > version.txt
COPY hello.txt .
RUN echo changed >> /etc/motd
CMD ["cat", "version.txt"]
"""
WITH_ARG = DOCKERFILE.replace("ENV APP=demo\n", "ENV APP=demo\nARG V\n")
TAG = "@{T}-app:1"

SCENARIO = Scenario(
    "build_cache",
    __doc__,
    files={"hello.txt": "hi\n"},
    steps=[
        build(DOCKERFILE, TAG),
        docker(f"image inspect -f '{{{{.Id}}}}' {TAG}", how=None, capture="first"),
        # unchanged: every step CACHED, the same image
        build(DOCKERFILE, TAG),
        docker(f"image inspect -f '{{{{.Id}}}}' {TAG}", how="same-as:first"),
        # mtime only: BuildKit ignores it
        touch("hello.txt"),
        build(DOCKERFILE, TAG),
        docker(f"image inspect -f '{{{{.Id}}}}' {TAG}", how="same-as:first"),
        # content: the steps before COPY stay cached, COPY and later rebuild
        write("hello.txt", "hello\n"),
        build(DOCKERFILE, TAG),
        docker(f"image inspect -f '{{{{.Id}}}}' {TAG}", how="same-as:first"),
        docker("image inspect -f '{{.RepoTags}}' @{captured:first}"),
        docker(f"run --rm {TAG} cat hello.txt"),
        # a Dockerfile line: that step and every later one
        build(DOCKERFILE.replace("echo v1", "echo v2"), TAG),
        docker(f"run --rm {TAG}"),
        build(DOCKERFILE, TAG, label="back to the first Dockerfile: cached again"),
        # a build arg the RUNs see (declared, not given: cache of the Dockerfile without it)
        build(WITH_ARG, TAG, label="ARG V declared, not given"),
        docker(f"history --no-trunc {TAG}", how="history"),
        build(WITH_ARG, TAG, "--build-arg V=2", label="--build-arg V=2"),
        docker(f"history --no-trunc {TAG}", how="history"),
        docker(f"image inspect -f '{{{{.Id}}}}' {TAG}", how=None, capture="v2"),
        build(WITH_ARG, TAG, "--build-arg V=2 --build-arg UNUSED=1", label="an unused --build-arg too"),
        docker(f"image inspect -f '{{{{.Id}}}}' {TAG}", how="same-as:v2"),
        # --no-cache: everything again (WORKDIR stays CACHED)
        build(DOCKERFILE, TAG, "--no-cache", label="--no-cache"),
        docker(f"history {TAG}", how="table"),
    ],
)
