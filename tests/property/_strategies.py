"""Generators of what a user types: docker command lines (from the CLI's own flag table,
cli/spec.py), Dockerfiles (valid ones, then mutated) and shell scripts; and the simulated
world they run in.

Nothing generated names a real path outside the test's temporary folder: free text never
contains ``/``, and paths come from fixed pools (the simulated host's paths are harmless)."""
from __future__ import annotations

from hypothesis import strategies as st

from dockstore_magic.cli.spec import ROOT, walk

# ---------------------------------------------------------------------------- pools
NAMES = ["c1", "c2", "run1", "busybox", "busybox:latest", "img:1", "img", "v1", "v2", "nosuch",
         "alpine", "scratch", "BusyBox", "a b", "", "-", "img@sha256:" + "0" * 64, "c1:/etc",
         "0", "sha256:", "ubuntu:22.04", "debian", "nginx", "python:3.12-slim"]
FORMATS = ["{{.ID}}", "{{json .}}", "table {{.Names}}\t{{.Status}}", "{{.Nope}}", "{{", "json",
           "table", "{{range .Mounts}}{{.Source}}{{end}}", '{{index .Config.Labels "a"}}',
           "{{.Size}}", "{{join .Args \",\"}}", "{{printf \"%5.2f\" .}}", "{{if .}}x{{else}}y{{end}}",
           "{{.GraphDriver.Data.UpperDir}}", "{{len .}}", "{{.Config.Env}}", "{{println}}",
           "{{template \"x\"}}", "{{define \"a\"}}{{end}}", "{{.RootFS.Layers}}", "{{slice .ID 0 3}}"]
VOLUMES = ["v1:/data", "/:/host", "/var/lib/docker:/d", ":/x", "/tmp:/t:ro", "x:y:z:w", "rel:/p",
           "v1:/data:nocopy", "/data", "v2:/etc", "/nope:/n", "v1:/", "/etc/passwd:/p:ro",
           "v1:/data:rw,z", "C:\\x:/y", "v1:/data:bad", "/x/../y:/z"]
MOUNTS = ["type=volume,src=v1,dst=/d", "type=bind,src=/tmp,dst=/x", "type=tmpfs,dst=/t",
          "type=foo,dst=/x", "src=/nope,dst=/x,type=bind", "", "type=volume,dst=/v,volume-nocopy",
          "type=tmpfs,dst=/t,tmpfs-size=1k", "type=bind,src=/,dst=/h,readonly",
          "type=volume,source=v2,target=/etc", "dst=/a,type=volume,volume-opt=x=y",
          "type=bind,src=/tmp,dst=/x,bind-propagation=rshared", "type=image,src=busybox,dst=/i"]
WORDS = ["sh", "-c", "echo hi > /f", "ls /", "cat /etc/passwd", "true", "false", "exit 3",
         "sleep 1", "rm -rf /etc", "echo $HOME", "touch /x && rm /etc/group", "ls -la /data",
         "mkdir -p /a/b && echo x > /a/b/c", "id", "env", "--", "-it", "-d", "top"]
CP_PATHS = ["c1:/etc/motd", "c1:/", "c1:/nope", "c1:/etc/", ".", "out", "-", "c2:/tmp",
            "nosuch:/x", "c1:/bin/sh", "out/", "c1:/dev", "c1:/proc/x"]
FILES = ["image.tar", "missing.tar", "ctx", "ctx/Dockerfile", "out.tar", ".", "-", "ctx/a.txt"]
TEXT = st.text(alphabet=st.characters(blacklist_characters="/", blacklist_categories=("Cs",)),
               max_size=12)
VALUE = st.one_of(st.sampled_from(NAMES + WORDS + VOLUMES + MOUNTS + FILES + CP_PATHS), TEXT,
                  st.integers(-3, 99999).map(str))

FLAG_VALUES = {
    "bool": st.sampled_from(["", "=true", "=false", "=maybe"]),
    "int": st.one_of(st.integers(-5, 100000).map(str), st.sampled_from(["x", "1e3", "0x10", ""])),
    "uint": st.one_of(st.integers(-5, 100000).map(str), st.just("x")),
    "uint16": st.one_of(st.integers(-5, 70000).map(str), st.just("x")),
    "duration": st.sampled_from(["1s", "-1s", "10", "abc", "1h2m", "0", "1.5s", ""]),
    "bytes": st.sampled_from(["1m", "10k", "x", "0", "-1", "1g", "1.5m", "512"]),
    "decimal": st.sampled_from(["0.5", "1", "abc", "-1", "1e9", ""]),
    "filter": st.sampled_from(["dangling=true", "label=a", "name=c1", "status=exited", "x", "until=1h",
                               "reference=busybox", "before=c1", "id=", "status=nope",
                               "dangling=maybe", "since=nosuch", "volume=v1", "driver=local"]),
    "map": st.sampled_from(["a=b", "a", "=b", "a=", "com.x=1"]),
}


def _leaf_commands():
    out = []
    for c in walk(ROOT):
        if c.parent is None or c.commands:
            continue
        out.append(c)
    return sorted(out, key=lambda c: c.path)


COMMANDS = _leaf_commands()


@st.composite
def flag_words(draw, flag):
    """One use of ``flag`` as a user might type it (well or badly)."""
    if flag.type == "bool":
        suffix = draw(FLAG_VALUES["bool"])
        if flag.short and not suffix and draw(st.booleans()):
            return [f"-{flag.short}"]
        return [f"--{flag.name}{suffix}"]
    if flag.name in ("format", "f") and flag.type == "string":
        value = draw(st.one_of(st.sampled_from(FORMATS), TEXT))
    elif flag.name in ("volume",) or flag.type == "list" and flag.name == "volume":
        value = draw(st.sampled_from(VOLUMES))
    elif flag.type == "mount" or flag.name == "mount":
        value = draw(st.sampled_from(MOUNTS))
    else:
        value = draw(FLAG_VALUES.get(flag.type, VALUE))
    name = f"-{flag.short}" if flag.short and draw(st.booleans()) else f"--{flag.name}"
    if name.startswith("--") and draw(st.booleans()):
        return [f"{name}={value}"]
    return [name, value]


@st.composite
def docker_argv(draw):
    """A docker command line: a real command, some of its flags, some arguments."""
    cmd = draw(st.sampled_from(COMMANDS))
    argv = list(cmd.path)
    words = []
    for _ in range(draw(st.integers(0, 4))):
        if cmd.flags and draw(st.integers(0, 9)) < 8:
            words += draw(flag_words(draw(st.sampled_from(cmd.flags))))
        else:
            words.append(draw(st.sampled_from(["--nosuch", "-Z", "--", "--help", "-h"])))
    if cmd.name in ("run", "create"):
        words.append(draw(st.sampled_from(["busybox", "img:1", "nosuch", "alpine", "scratch", ""])))
        words += draw(st.lists(st.sampled_from(WORDS), max_size=3))
    elif cmd.name == "cp":
        words += draw(st.lists(st.sampled_from(CP_PATHS), min_size=0, max_size=3))
    else:
        words += draw(st.lists(VALUE, max_size=3))
    return argv + words


# ---------------------------------------------------------------------------- shell
PATHS = ["/etc/passwd", "/etc/group", "/etc/motd", "/etc", "/tmp/a", "/tmp/b/c", "/home/u",
         "/home/u/f", "/var/x", "/bin/true2", "/usr/bin/env", "/root/.profile", "/data/f",
         "/new/dir/file", "/opt", "/opt/app/v.txt"]
DATA = st.sampled_from(["x", "hello world", "", "a\tb", "12345678"])


def _q(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


@st.composite
def fs_op(draw):
    """One shell command that changes files in a way every storage driver must record."""
    p, q = draw(st.sampled_from(PATHS)), draw(st.sampled_from(PATHS))
    kind = draw(st.integers(0, 12))
    return [
        f"mkdir -p {p}",
        f"echo {_q(draw(DATA))} > {p}",
        f"echo {_q(draw(DATA))} >> {p}",
        f"rm -rf {p}",
        f"touch {p}",
        f"chmod {draw(st.sampled_from(['600', '755', '4755', '000', '1777']))} {p}",
        f"ln -s {q} {p}",
        f"mv {p} {q}",
        f"cp -a {p} {q}",
        f"chown {draw(st.sampled_from(['1000', '0:0', 'nobody', '5:7']))} {p}",
        f"truncate -s {draw(st.sampled_from(['0', '3', '2M']))} {p}",
        f"ln {p} {q}",
        f"rm -rf {p} && mkdir -p {p}",
    ][kind]


FS_SCRIPT = st.lists(fs_op(), min_size=1, max_size=8).map(lambda ops: "; ".join(ops))

APPLETS = ["ls", "cat", "echo", "printf", "grep", "sed", "awk", "head", "tail", "sort", "uniq",
           "wc", "cut", "tr", "find", "xargs", "tee", "test", "[", "expr", "seq", "du", "df",
           "stat", "readlink", "basename", "dirname", "id", "env", "tar", "gzip", "od", "md5sum",
           "date", "sleep", "mkdir", "rm", "cp", "mv", "ln", "chmod", "chown", "touch", "dd",
           "truncate", "yes", "nosuchcmd", "sh", "cd", "export", "set", "read", "shift", "eval",
           "exec", "trap", "local", "umask", "hostname", "whoami", "mount", "ps", "kill", "wait",
           "apk", "apt-get", "pip", "wget", "nproc", "free", "uname", "sha256sum", "base64"]
SH_TOKENS = ["-l", "-a", "-r", "-f", "-n", "-e", "-c", "-s", "--help", "1", "0", "-1", "x",
             "*", "?", "[a-z]*", "~", "$x", "${x:-d}", "${x:?e}", "${#x}", "${x%/*}", "$(ls)",
             "`echo a`", "$((1+2))", "$((1/0))", "'q t'", '"d $x"', "\\n", "/", "/etc", ".",
             "..", "/proc/self", "/dev/null", "/etc/passwd", "/host/var/lib/docker", "/host",
             "a=b", "{a,b}", "%s", "\\", "'", '"', "$", "${", "$(", "((", "))", "!", "#c"]
CONNECTORS = [" ; ", " && ", " || ", " | ", " & ", "\n", " > /tmp/o ", " 2>&1 ", " < /etc/passwd ",
              " >> /dev/null ", " <<EOF\nbody $x\nEOF\n", " 2>/dev/full "]


@st.composite
def shell_script(draw):
    """Shell text from real commands, odd words and every kind of operator, well formed or
    not (loops are bounded by the shell's step limit)."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        shape = draw(st.integers(0, 9))
        cmd = draw(st.sampled_from(APPLETS))
        args = " ".join(draw(st.lists(st.one_of(st.sampled_from(SH_TOKENS), TEXT.map(_q)),
                                      max_size=4)))
        simple = f"{cmd} {args}".strip()
        if shape == 0:
            simple = f"for i in 1 2 3; do {simple}; done"
        elif shape == 1:
            simple = f"if {simple}; then echo y; else echo n; fi"
        elif shape == 2:
            simple = f"( {simple} )"
        elif shape == 3:
            simple = f"f() {{ {simple}; }}; f a b"
        elif shape == 4:
            simple = f"x=$({simple})"
        elif shape == 5:
            simple = f"case $x in a) {simple};; *) echo d;; esac"
        parts.append(simple)
        parts.append(draw(st.sampled_from(CONNECTORS)))
    script = "".join(parts[:-1])
    if draw(st.integers(0, 4)) == 0:                   # cut anywhere: unfinished syntax
        script = script[:draw(st.integers(0, len(script)))]
    return script


# ---------------------------------------------------------------------------- Dockerfiles
DF_LINES = [
    "RUN echo hi > /x", "RUN [\"sh\", \"-c\", \"echo a > /a\"]", "RUN []", "RUN [\"\"]",
    "RUN exit 3", "RUN rm -rf /etc/group && mkdir -p /opt/app", "RUN <<EOF\necho h > /h\nEOF",
    "RUN --mount=type=cache,target=/c true", "RUN --network=none true", "RUN ${CMD:-true}",
    "COPY a.txt /a.txt", "COPY . /ctx/", "COPY nope /x", "COPY a.txt", "COPY --chown=1000 a.txt /o",
    "COPY --chmod=600 a.txt /m", "COPY --chmod=999 a.txt /m", "ADD --chmod=u+x a.txt /m",
    "COPY --chown=${U:-5}:${G:?no} a.txt /o", "COPY --nosuch a.txt /n", "RUN --nosuch true",
    "COPY --from=-1 /x /y", "COPY --from=9 /x /y", "COPY --from=second /x /y",
    "COPY --from=0 /x /y", "COPY --from=base /etc/motd /m",
    "COPY --from=nosuch /x /y", "ADD a.txt /add/", "ADD http://example.com/x /x",
    "ADD sub /sub", "COPY ${SRC:-a.txt} /s", "COPY a.txt ${DEST:?no dest}",
    "ENV A=1 B=\"two words\"", "ENV A", "ENV PATH=$PATH:/x", "ENV X=${Y:?no}",
    "ARG V=1", "ARG V", "ARG", "ARG X=${V}-y", "LABEL a=b \"c d\"=e", "LABEL", "LABEL a",
    "EXPOSE 80 443/udp", "EXPOSE", "EXPOSE abc", "EXPOSE ${PORT:-8080}",
    "WORKDIR /opt/app", "WORKDIR rel", "WORKDIR", "WORKDIR ${W:-/w}", "WORKDIR /",
    "USER nobody", "USER 1000:1000", "USER nosuchuser", "USER", "USER ${U:?unset}",
    "VOLUME /v", "VOLUME [\"/a\", \"/b\"]", "VOLUME []", "VOLUME [\"\"]", "VOLUME",
    "CMD [\"cat\", \"/x\"]", "CMD echo hi", "CMD", "CMD []", "ENTRYPOINT [\"sh\"]", "ENTRYPOINT",
    "SHELL [\"/bin/sh\", \"-c\"]", "SHELL []", "SHELL sh", "SHELL [\"nosuch\"]",
    "HEALTHCHECK CMD true", "HEALTHCHECK NONE", "HEALTHCHECK", "HEALTHCHECK CMD",
    "HEALTHCHECK --interval=1s CMD [\"true\"]", "HEALTHCHECK FOO x",
    "STOPSIGNAL SIGKILL", "STOPSIGNAL", "STOPSIGNAL ${S:-9}", "MAINTAINER me", "MAINTAINER",
    "ONBUILD RUN true", "ONBUILD", "ONBUILD ONBUILD RUN x", "FOO bar", "# comment", "",
    "RUN echo \\\n  continued", "run lower case", "FROM busybox AS second", "FROM scratch",
    "FROM base", "FROM ${BASE:-busybox}", "FROM nosuch:1", "FROM busybox AS ${Y:?no}",
]
DF_HEADS = ["FROM busybox", "FROM busybox AS base", "ARG BASE=busybox\nFROM $BASE", "FROM scratch",
            "# escape=`\nFROM busybox", "# syntax=docker/dockerfile:1\nFROM busybox",
            "ARG A=${Y:?no}\nFROM busybox", "FROM --platform=linux/amd64 busybox", ""]


@st.composite
def dockerfile(draw):
    """A Dockerfile: a head, some instructions; then sometimes a character-level mutation."""
    lines = [draw(st.sampled_from(DF_HEADS))]
    lines += draw(st.lists(st.sampled_from(DF_LINES), max_size=7))
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 3)) == 0 and text:
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.integers(0, 2))
        junk = draw(st.sampled_from(["$", "{", "}", "\\", "\"", "[", "]", "\n", " ", "${X:?m}",
                                     "=", "#", "\t", "'", "<<", "\0", "é"]))
        text = (text[:i] + junk + text[i:] if op == 0 else
                text[:i] + text[i + 1:] if op == 1 else text[:i] + junk + text[i + 1:])
    return text


BUILD_ARGS = st.lists(st.sampled_from(["--no-cache", "--build-arg=V=2", "--build-arg=Y=set",
                                       "--target=base", "--target=nosuch", "-q", "--pull",
                                       "--build-arg=BASE=img:1", "--label=a=b", "--build-arg"]),
                      max_size=3)

CONTEXT_FILES = {"a.txt": b"A\n", "sub/b.txt": b"B\n", "sub/deep/c": b"C" * 100,
                 "link.tar": b"not a tar", ".dockerignore": b"ignored\n", "ignored": b"I\n"}
