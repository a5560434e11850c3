"""The image examples of the docker CLI reference (docker/cli docs/reference/commandline:
image_ls.md, image_history.md, image_inspect.md / inspect.md, image_tag.md, image_rm.md,
container_commit.md, container_diff.md, image_save.md, image_load.md, container_export.md,
image_import.md), as students copy them into `%docker` cells, with this scenario's local
images in place of the registry's (`busybox`, `fedora/httpd`, `svendowideit/testimage`), and
the wrong versions of them (an unknown field or a broken template, a bad reference, an
image that is not there): Docker's own error text.

Not here (s24 and s28 compare them): the list filters dangling/label/before/since/reference
and `--format json`/`table` of `image ls`.  `docker save` to standard output and `import -`
need a pipe, which `%docker` has not; the simulator refuses them in one line (unit tests)."""
from . import Scenario, docker, host

IMG = "@{T}/testimage"
HTTPD = "@{T}/httpd"

SCENARIO = Scenario(
    "dc_docs_images",
    __doc__,
    steps=[
        # ------------------------------------------------------------ container_diff.md, commit
        # (a running container: a stopped one could go with a `container prune` of another
        # session on the shared engine)
        docker("run -d --name @{T}-c @{BASE} sleep 600", how="exit"),
        docker("exec @{T}-c sh -c 'mkdir -p /work/logs; echo hi > /work/a.txt; "
               "echo err > /work/logs/app.log; rm /etc/group; echo changed >> /etc/passwd'", how="exit"),
        docker("diff @{T}-c", how="sorted"),
        docker("container diff @{T}-c", how="sorted"),
        docker("diff @{T}-nosuch"),
        docker("diff"),
        docker(f"commit @{{T}}-c {IMG}:version3", how="exit"),
        docker(f"commit -m 'Added a work folder' -a 'Jane Doe <jane@example.com>' @{{T}}-c {IMG}:version3m",
               how="exit"),
        docker(f"image inspect -f '{{{{.Author}}}}|{{{{.Comment}}}}|{{{{.Config.Cmd}}}}' {IMG}:version3m"),
        docker(f"commit --change 'ENV DEBUG=true' @{{T}}-c {IMG}:version4", how="exit"),
        docker(f"inspect -f '{{{{ .Config.Env }}}}' {IMG}:version4"),
        docker(f"commit --change='CMD [\"apachectl\", \"-DFOREGROUND\"]' -c 'EXPOSE 80' @{{T}}-c {IMG}:version5",
               how="exit"),
        docker(f"inspect -f '{{{{json .Config.Cmd}}}} {{{{json .Config.ExposedPorts}}}}' {IMG}:version5"),
        docker(f"commit --pause=false @{{T}}-c {IMG}:p", how="exit"),
        # (in lower case: the 20.10 engine names the instruction in lower case, current
        # Docker as typed; BuildKit's parser keeps the original case since v0.14)
        docker(f"commit -c 'bogus x' @{{T}}-c {IMG}:bad"),
        docker(f"commit @{{T}}-c {IMG}:BAD"),
        docker(f"commit @{{T}}-nosuch {IMG}:x"),
        # ------------------------------------------------------------ image_history.md
        docker(f"history {IMG}:version3m", how="table"),
        docker(f"history --format '{{{{.ID}}}}: {{{{.CreatedSince}}}}' {IMG}:version3m"),
        docker(f"history --format '{{{{.ID}}}}: {{{{.CreatedBy}}}}' --no-trunc {IMG}:version3m"),
        docker(f"history --format 'table {{{{.ID}}}}\\t{{{{.Size}}}}\\t{{{{.Comment}}}}' {IMG}:version3m",
               how="table"),
        docker(f"history -H=false {IMG}:version3m", how="table"),
        docker(f"history --human=false --format '{{{{.CreatedAt}}}} {{{{.Size}}}}' {IMG}:version3m"),
        docker(f"history -q {IMG}:version3m"),
        docker(f"history -q --no-trunc {IMG}:version3m"),
        docker(f"history --format json {IMG}:version4"),
        docker(f"history --format '{{{{.Nope}}}}' {IMG}:version3m"),
        docker(f"history --format '{{{{.ID' {IMG}:version3m"),
        docker("history @{T}-nosuch:1"),
        # ------------------------------------------------------------ image_tag.md
        docker(f"tag {IMG}:version3 {HTTPD}:version1.0", how="exit"),
        docker(f"tag @{{iid:{IMG}:version3}} {HTTPD}:version1.0.test", how="exit"),
        docker(f"tag {IMG}:version3 myregistryhost:5000/{HTTPD}:version1.0", how="exit"),
        docker(f"tag {IMG}:version3 {HTTPD}", how="exit"),
        docker(f"tag {IMG}:version3 @{{T}}/HTTPD:1"),
        docker(f"tag {IMG}:version3 '{HTTPD}:bad tag'"),
        docker(f"tag {IMG}:version3 {HTTPD}:-x"),
        docker(f"tag @{{T}}-nosuch:1 {HTTPD}:x"),
        docker(f"tag {IMG}:version3"),
        # ------------------------------------------------------------ image_ls.md
        docker(f"images {HTTPD}", how="table"),
        docker(f"images {HTTPD}:version1.0", how="table"),
        docker(f"image ls myregistryhost:5000/{HTTPD}", how="table"),
        docker(f"images --no-trunc {HTTPD}", how="table"),
        docker(f"images --digests {HTTPD}", how="table"),
        docker(f"images -q {HTTPD}"),
        docker(f"images -q --no-trunc {HTTPD}:version1.0"),
        docker(f"images --format '{{{{.ID}}}}: {{{{.Repository}}}}' {HTTPD}", how="sorted"),
        docker(f"images --format '{{{{.Repository}}}}:{{{{.Tag}}}} {{{{.Digest}}}} {{{{.CreatedSince}}}} "
               f"{{{{.Size}}}} {{{{.VirtualSize}}}} {{{{.SharedSize}}}} {{{{.UniqueSize}}}}' {HTTPD}:version1.0"),
        docker(f"images --format '{{{{.CreatedAt}}}}' {HTTPD}:version1.0"),
        docker(f"images --format 'table {{{{.ID}}}}\\t{{{{.Repository}}}}\\t{{{{.Tag}}}}' --filter "
               f"'reference=@{{T}}/*:version1*'", how="table"),
        docker(f"images --format '{{{{.Nope}}}}' {HTTPD}"),
        docker(f"images --format '{{{{.ID' {HTTPD}"),
        docker("images 'UPPER/case'"),
        docker("images @{T}-nosuch"),
        # ------------------------------------------------------------ image_inspect.md / inspect.md
        docker(f"image inspect --format '{{{{index .RepoTags 0}}}}' {HTTPD}:version1.0"),
        docker(f"image inspect --format '{{{{range .RepoTags}}}}{{{{println .}}}}{{{{end}}}}' {HTTPD}:version1.0",
               how="sorted"),
        docker(f"image inspect --format '{{{{json .RepoDigests}}}} {{{{.Os}}}}/{{{{.Architecture}}}} "
               f"{{{{.Size}}}} {{{{len .RootFS.Layers}}}}' {HTTPD}:version1.0"),
        docker(f"image inspect --format '{{{{json .Config}}}}' {IMG}:version5"),
        docker(f"image inspect --format '{{{{.GraphDriver.Name}}}} {{{{len .GraphDriver.Data}}}}' {IMG}:version5"),
        docker(f"inspect --type=image --format '{{{{.Id}}}}' {HTTPD}:version1.0"),
        docker(f"inspect --type image --format '{{{{.Id}}}}' @{{T}}-c"),
        docker(f"inspect --type=bogus {HTTPD}:version1.0"),
        docker(f"image inspect --format '{{{{.Config.Hostname}}}}|{{{{.Config.AttachStdout}}}}|"
               f"{{{{.Config.Entrypoint}}}}|{{{{.Config.Labels}}}}' {IMG}:version5"),
        docker(f"image inspect --format '{{{{.Config}}}}' {IMG}:version5"),
        docker(f"image inspect --format '{{{{.Os}}}} {{{{.Architecture}}}} {{{{.Variant}}}}|"
               f"{{{{index .Config.Labels \"x\"}}}}|' {HTTPD}:version1.0"),
        docker(f"image inspect --format '{{{{.Nope}}}}' {HTTPD}:version1.0"),
        docker(f"image inspect --format '{{{{.Config.Nope}}}}' {HTTPD}:version1.0"),
        docker(f"image inspect --format '{{{{index .RepoTags 5}}}}' {HTTPD}:version1.0"),
        docker(f"image inspect {HTTPD}:version1.0 @{{T}}-nosuch:1 --format '{{{{.Size}}}}'"),
        # ------------------------------------------------------------ save / load
        docker(f"save --output @{{DIR}}/httpd.tar {HTTPD}:version1.0", how="exit"),
        docker(f"save -o @{{DIR}}/two.tar {HTTPD}:version1.0 {IMG}:version4", how="exit"),
        docker(f"save -o @{{DIR}}/repo.tar {HTTPD}", how="exit"),
        host("tar -tf @{DIR}/repo.tar | grep -c /", how="exit"),
        host("tar -xOf @{DIR}/repo.tar repositories"),
        docker(f"rmi {HTTPD}:version1.0 {IMG}:version4", how="sorted"),
        docker("load --input @{DIR}/two.tar", how="sorted"),
        docker("load -q -i @{DIR}/httpd.tar"),
        docker("load -i @{DIR}/nosuch.tar"),
        # (`docker save busybox > busybox.tar`, `docker load < busybox.tar.gz`: without the
        # redirection, on a terminal as in a notebook)
        docker(f"save {HTTPD}:version1.0", tty=True),
        docker("load", tty=True),
        docker("save -o @{DIR}/x.tar @{T}-nosuch:1"),
        docker("save -o @{DIR}/x.tar"),
        # ------------------------------------------------------------ export / import
        docker("export --output=@{DIR}/latest.tar @{T}-c"),
        docker("container export -o @{DIR}/latest2.tar @{T}-c", how="exit"),
        host("tar -tf @{DIR}/latest.tar | sort | grep -E '^(work|etc/passwd|etc/group|\\.dockerenv)'"),
        docker("import @{DIR}/latest.tar", how="exit"),
        docker("import --message 'New image imported from tarball' @{DIR}/latest.tar @{T}/imported:new",
               how="exit"),
        docker("history --format '{{.CreatedBy}}|{{.Comment}}|{{.Size}}' @{T}/imported:new"),
        docker("import -c 'ENV DEBUG=true' -c 'CMD [\"/bin/sh\"]' @{DIR}/latest.tar @{T}/imported:env",
               how="exit"),
        docker("inspect -f '{{.Config.Env}} {{.Config.Cmd}} {{.Comment}}' @{T}/imported:env"),
        docker("run --rm @{T}/imported:env sh -c 'echo $DEBUG; cat /work/a.txt'"),
        docker("import @{DIR}/nosuch.tar"),
        docker("import @{DIR}/latest.tar 'Bad:Name'"),
        docker("import -c 'from x' @{DIR}/latest.tar"),
        docker("export @{T}-nosuch -o @{DIR}/x.tar"),
        docker("export @{T}-c", tty=True),
        # ------------------------------------------------------------ image_rm.md
        docker(f"rmi @{{iid:{HTTPD}:version1.0.test}}"),
        docker(f"rmi {HTTPD}:version1.0.test"),
        docker(f"image rm {HTTPD}:nosuch"),
        docker(f"rmi @{{T}}/imported@sha256:0000000000000000000000000000000000000000000000000000000000000000"),
        docker(f"rmi -f @{{iid:{HTTPD}:version1.0}}", how="sorted"),
        docker(f"images --filter 'reference=@{{T}}/*' --format '{{{{.Repository}}}}:{{{{.Tag}}}}'", how="sorted"),
        docker("rm -f @{T}-c", how=None),
        docker(f"rmi -f {IMG}:version3m {IMG}:version4 {IMG}:version5 {IMG}:p @{{T}}/imported:new "
               "@{T}/imported:env", how=None),
    ],
)
