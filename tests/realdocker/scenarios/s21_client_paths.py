"""The client's paths: relative paths of `docker cp`, `-v ./x`, `--mount src=./x`, `save -o`,
`load -i`, `import` and `--env-file` resolve against the client's working directory, on the
machine the CLI runs on (the simulator: the notebook's folder, shared with its host); results
written there are files of that folder, seen by the host's shell."""
from . import Scenario, docker, host

SCENARIO = Scenario(
    "client_paths",
    __doc__,
    files={"site/index.html": "<h1>from the folder</h1>\n", "env.list": "GREETING=hello\n"},
    steps=[
        docker("run --name @{T}-c1 @{BASE} sh -c 'mkdir /d && echo hi > /d/f && echo top > /t'",
               how="exit"),
        docker("cp @{T}-c1:/t ./@{SIDE}-t.txt", how="exit"),
        host("cat @{DIR}/@{SIDE}-t.txt"),
        docker("cp @{T}-c1:/d ./@{SIDE}-d", how="exit"),
        host("ls -l @{DIR}/@{SIDE}-d", how="ls"),
        docker("cp @{T}-c1:/t ./nope/x"),
        docker("cp ./@{SIDE}-t.txt @{T}-c1:/back.txt", how="exit"),
        docker("diff @{T}-c1", how="sorted"),
        docker("run --rm -v ./ctx/site:/s @{BASE} cat /s/index.html"),
        docker("run --rm --mount type=bind,src=./ctx,dst=/c @{BASE} ls /c"),
        docker("run --rm -v ./@{SIDE}-made:/m @{BASE} sh -c 'echo w > /m/f'", how="exit"),
        host("cat @{DIR}/@{SIDE}-made/f"),
        docker("run --rm --env-file ctx/env.list @{BASE} sh -c 'echo $GREETING'"),
        docker("save -o @{SIDE}-img.tar @{BASE}", how="exit"),
        host("test -s @{DIR}/@{SIDE}-img.tar && echo saved"),
        docker("load -i @{SIDE}-img.tar", how="exit"),
        docker("save -o nope/x.tar @{BASE}", how="exit"),
        docker("load -i nope.tar"),
        docker("import nope.tar"),
        docker("run --rm --env-file nope.env @{BASE} true", how="exit"),
        docker("rm @{T}-c1", how="exit"),
    ],
)
