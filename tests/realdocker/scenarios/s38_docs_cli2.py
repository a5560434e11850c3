"""The container examples of the docker CLI reference (docker/cli
docs/reference/commandline: container_ls.md, container_cp.md, container_logs.md,
container_inspect.md / inspect.md, container_port.md, container_top.md, container_stats.md,
container_update.md, system_info.md, version.md), as students copy them into `%docker`
cells, with this scenario's containers, and their wrong versions (an unknown field, a path
that is not there, a container that is not running): Docker's own error text.  A
successful `docker cp` runs on a terminal on the real side (`tty`): a notebook's output is
one, and the CLI then says `Successfully copied …`.

All run with `--network none` (the engine here has no bridge), so the network examples of
inspect.md (`{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}`, the `index` of
`.NetworkSettings.Ports`) show what they print for such a container.  Not here (s24 and s28
compare them): the `ps --filter` keys and `ps --format json`/`table`.  `docker cp` to or
from `-` (a tar stream) needs a pipe, which `%docker` has not (the simulator refuses it in
one line: unit tests)."""
from . import Scenario, docker, host

N = "--format '{{.Names}}'"

SCENARIO = Scenario(
    "dc_docs_containers",
    __doc__,
    steps=[
        docker("run --network none --name @{T}-l @{BASE} sh -c 'echo one; echo two; echo three; echo four'",
               how="exit"),
        docker("run -d --network none --name @{T}-up --label com.example.version=1.0 -v @{T}-vol:/data "
               "@{BASE} sleep 300", how="exit"),
        # ------------------------------------------------------------ container_ls.md
        docker("ps -a --filter name=@{T}-l --format '{{.ID}}: {{.Command}}'"),
        docker("ps --filter name=@{T}-up --format 'table {{.ID}}\\t{{.Labels}}'", how="table"),
        docker("ps --filter name=@{T}-up --format '{{.Label \"com.example.version\"}} {{.Mounts}} "
               "{{.Networks}} {{.Ports}} {{.State}} {{.RunningFor}}'"),
        docker("ps -a --filter name=@{T}- -s --format '{{.Names}} {{.Size}}'", how="sorted"),
        docker("ps -a -q --no-trunc --filter name=@{T}-l"),
        docker("ps --filter name=@{T}-up --format '{{.Nope}}'"),
        docker("ps --filter name=@{T}-up --format '{{.Names'"),
        docker("ps --filter nosuch=1", diffs=("invalid-filter",)),
        # ------------------------------------------------------------ container_logs.md
        docker("logs @{T}-l"),
        docker("logs --tail 2 @{T}-l"),
        docker("logs -n 1 @{T}-l"),
        docker("logs --tail 0 @{T}-l"),
        docker("logs --tail all @{T}-l"),
        docker("logs --tail=-1 @{T}-l"),
        docker("logs --tail x @{T}-l"),
        docker("logs -t @{T}-l"),
        docker("logs --timestamps --tail 1 @{T}-l"),
        docker("logs --since 2000-01-01 @{T}-l"),
        docker("logs --since 42m @{T}-l"),
        docker("logs --until 2000-01-01T00:00:00Z @{T}-l"),
        docker("logs --since nonsense @{T}-l"),
        docker("logs --details @{T}-l"),
        docker("logs -f @{T}-l"),
        docker("logs @{T}-nosuch"),
        docker("logs --since 2099-01-01 @{T}-l"),
        docker("logs --until 2000-13-01 @{T}-l"),
        docker("logs -t --details --tail 1 @{T}-l"),
        # ------------------------------------------------------------ container_cp.md
        host("mkdir -p @{DIR}/src/sub && echo data > @{DIR}/src/some_file && "
             "echo deep > @{DIR}/src/sub/f && ln -sf some_file @{DIR}/src/link", how=None),
        docker("exec @{T}-up mkdir -p /work /var/logs", how="exit"),
        docker("exec @{T}-up sh -c 'echo ERROR one > /var/logs/app.log; ln -s /var/logs/app.log /var/logs/latest'",
               how="exit"),
        docker("cp @{DIR}/src/some_file @{T}-up:/work", tty=True),
        docker("cp @{DIR}/src @{T}-up:/work/", tty=True),
        docker("exec @{T}-up ls -lR /work", how="ls"),
        docker("cp @{T}-up:/var/logs/ @{DIR}/app_logs", tty=True),
        host("ls -l @{DIR}/app_logs", how="ls"),
        docker("cp @{T}-up:/var/logs/latest @{DIR}/nolink", tty=True),
        docker("cp -L @{T}-up:/var/logs/latest @{DIR}/followed", tty=True),
        host("ls -la @{DIR}/nolink @{DIR}/followed | sed 's|@{DIR}/||'", how="ls"),
        docker("cp -a @{DIR}/src/link @{T}-up:/work/link2", tty=True),
        docker("exec @{T}-up ls -l /work/link2", how="ls"),
        docker("cp @{T}-up:/nosuch @{DIR}/x"),
        docker("cp @{DIR}/nosuch @{T}-up:/work"),
        docker("cp @{T}-nosuch:/etc/hostname @{DIR}/x"),
        docker("cp @{DIR}/src/some_file @{DIR}/other"),
        docker("cp @{T}-l:/etc/passwd @{DIR}/passwd-from-stopped", tty=True),
        # ------------------------------------------------------------ inspect.md examples
        docker("inspect --format='{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' @{T}-up"),
        docker("inspect --format='{{range .NetworkSettings.Networks}}{{.MacAddress}}{{end}}' @{T}-up"),
        docker("inspect --format='{{.LogPath}}' @{T}-up"),
        docker("inspect --format='{{.Config.Image}}' @{T}-up"),
        docker("inspect --format='{{range $p, $conf := .NetworkSettings.Ports}} {{$p}} -> "
               "{{(index $conf 0).HostPort}} {{end}}' @{T}-up"),
        docker("inspect --format='{{(index (index .NetworkSettings.Ports \"8787/tcp\") 0).HostPort}}' @{T}-up"),
        docker("inspect --format='{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}}{{end}}' @{T}-up"),
        docker("inspect --format='{{json .Config.Cmd}} {{.Config.Labels}} {{.State.Status}} {{.State.Running}} "
               "{{.RestartCount}} {{.Driver}} {{.Platform}}' @{T}-up"),
        docker("inspect --format='{{.State.ExitCode}} {{.State.Status}} {{.Path}} {{json .Args}}' @{T}-l"),
        docker("inspect --format='{{json .HostConfig.LogConfig}} {{.HostConfig.NetworkMode}}' @{T}-l"),
        docker("inspect --format '{{.GraphDriver.Name}} {{len .GraphDriver.Data}}' @{T}-l"),
        # whole structs, as fmt prints them (the CLI's typed view)
        docker("inspect --format '{{.State}}' @{T}-l"),
        docker("inspect --format '{{json .State}}|{{.State.Health}}' @{T}-l"),
        docker("inspect --format '{{.Config}}' @{T}-up"),
        docker("inspect --format '{{.Mounts}}' @{T}-up"),
        docker("inspect --format '{{.HostConfig.RestartPolicy}} {{json .HostConfig.RestartPolicy}}' @{T}-l"),
        docker("inspect --format '{{.Config.Nope}}' @{T}-l"),
        docker("volume inspect --format '{{.Name}} {{.Driver}} {{.Scope}} {{.Options}} {{.Labels}}' @{T}-vol"),
        docker("container inspect --size --format '{{.SizeRw}}' @{T}-l"),
        docker("inspect -s --format '{{.SizeRw}}' @{T}-up"),
        docker("container inspect --format '{{.SizeRw}}' @{T}-l"),
        docker("inspect --type=container --format '{{.Name}}' @{T}-vol"),
        docker("inspect --format '{{.Name}}' @{T}-l @{T}-nosuch"),
        docker("container inspect @{T}-nosuch"),
        # ------------------------------------------------------------ port, top, stats, update
        docker("port @{T}-up"),
        docker("port @{T}-up 7890/tcp"),
        docker("port @{T}-up 7890"),
        docker("port @{T}-up 7890/udp"),
        docker("port @{T}-up 7890/xyz"),
        docker("port @{T}-nosuch"),
        docker("port @{T}-up x"),
        docker("port @{T}-up 70000"),
        docker("port @{T}-up 80 81"),
        docker("top @{T}-l"),
        docker("top @{T}-nosuch"),
        docker("top @{T}-l aux"),
        docker("top"),
        docker("stats --no-stream @{T}-l"),
        docker("stats --no-stream --format '{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}' @{T}-l"),
        docker("stats --no-stream --format json @{T}-l"),
        docker("stats --no-stream --no-trunc --format 'table {{.Container}}\t{{.ID}}\t{{.PIDs}}' @{T}-l",
               how="table"),
        docker("stats --no-stream --format '{{.Nope}}' @{T}-l"),
        docker("stats --no-stream @{T}-nosuch"),
        docker("update --restart=on-failure:3 @{T}-l", how="exit"),
        docker("inspect -f '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}' @{T}-l"),
        docker("update --restart=always @{T}-nosuch"),
        # ------------------------------------------------------------ system_info.md, version.md
        docker("system info --format '{{.Driver}} {{.DockerRootDir}} {{.OSType}} {{.LoggingDriver}}'"),
        docker("info --format '{{.Nope}}'"),
        docker("version --format '{{.Client.Os}}/{{.Client.Arch}} {{.Server.Os}}/{{.Server.Arch}}'"),
        docker("version --format '{{.Nope}}'"),
        docker("stop -t 1 @{T}-up", how=None),
        docker("rm -v @{T}-l @{T}-up", how=None),
        docker("volume rm @{T}-vol", how=None),
    ],
)
