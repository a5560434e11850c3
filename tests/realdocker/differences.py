"""Known differences between the reference engine on these machines (Docker 20.10, BuildKit
0.8) and the simulator, which follows current Docker (Engine 28, buildx).  One place, each
with its reason; the differential tests apply an entry only where they name it, and
``test_differences.py`` checks that every entry is still observed on the engine (a stale
entry fails)."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    id: str
    reason: str
    engine: str        # regex: what the engine here prints
    current: str       # replacement: what current Docker (and the simulator) prints

    def apply(self, text: str) -> str:
        return re.sub(self.engine, self.current, text, flags=re.M)


DIFFERENCES = {d.id: d for d in [
    Difference(
        'nat-port-errors',
        'go-connections nat (v0.5, current Docker) words its port errors in lower case '
        '(`invalid containerPort: 70000`, `invalid proto: xyz`); the 20.10 engine capitalises '
        'them (`docker commit/import --change EXPOSE …`).',
        r'\bInvalid (containerPort|hostPort|proto): ',
        r'invalid \1: '),
    Difference(
        'healthcheck-retries',
        'BuildKit parseHealthcheck (current): `--retries cannot be negative (N)` (0 is '
        'allowed); the 20.10 engine says `--retries must be at least 1 (not N)`.',
        r'--retries must be at least 1 \(not (-\d+)\)',
        r'--retries cannot be negative (\1)'),
    Difference(
        'buildkit-vertex-digests',
        "BuildKit 0.8 prints each vertex's digest (`#3 sha256:…`); buildx today does not.",
        r'^#\d+ sha256:[0-9a-f]{64}\n',
        ''),
    Difference(
        'buildx-header',
        'buildx (Docker 23+) opens with the builder it uses; the 20.10 client does not.',
        r'\A',
        '#0 building with "default" instance using docker driver\n\n'),
    Difference(
        'build-run-failure',
        'BuildKit ≥ 0.11 words a failed RUN as `process "…" did not complete successfully`.',
        r'executor failed running \[(.*)\]: exit code: (\d+)',
        r'process "\1" did not complete successfully: exit code: \2'),
    Difference(
        'build-parse-error',
        'Dockerfile frontend ≥ 1.3 says `parse error on line N`; the 20.10 client adds the '
        "frontend's own prefix.",
        r'failed to solve with frontend dockerfile\.v0: failed to create LLB definition: dockerfile parse error line (\d+):',
        r'dockerfile parse error on line \1:'),
    Difference(
        'build-frontend-prefix',
        "BuildKit 0.8's Dockerfile frontend prefixed its errors with `failed to solve with "
        'frontend dockerfile.v0: failed to create LLB definition: `; current BuildKit reports '
        "the frontend's error alone after `failed to solve: ` (e.g. `file with no "
        'instructions`).',
        r'failed to solve with frontend dockerfile\.v0: failed to create LLB definition: ',
        ''),
    Difference(
        'build-frontend-marshal',
        "BuildKit 0.8's Dockerfile frontend prefixed a failed LLB marshal (`RUN []`: "
        "`arguments are required`) with `failed to solve with frontend dockerfile.v0: `; "
        "current buildx prints `failed to solve: ` and the frontend's "
        "`failed to marshal LLB definition: …` (frontend/dockerfile/builder/build.go).",
        r'failed to solve with frontend dockerfile\.v0: failed to marshal LLB definition: ',
        'failed to solve: failed to marshal LLB definition: '),
    Difference(
        'build-expansion-wrap',
        'BuildKit 0.8 wrapped a failed variable substitution (`${Y:?no}`) as `failed to process '
        '"WORD": `; current BuildKit returns the lexer\'s error alone (dockerfile2llb/convert.go '
        'dispatch: `return newword, err`).',
        r'failed to process "(?:[^"\\]|\\.)*": ',
        ''),
    Difference(
        'build-copy-missing',
        'Current BuildKit names the context ref whose checksum failed; BuildKit 0.8 did not.',
        'failed to compute cache key: "(/[^"]*)" not found: not found',
        r'failed to compute cache key: failed to calculate checksum of ref <REF>: "\1": not found'),
    Difference(
        'build-onbuild-prefix',
        "Current BuildKit names a step that an ONBUILD trigger runs `[N/M] ONBUILD RUN …` "
        "(dockerfile2llb/convert.go prefixCommand: `if ds.cmdIsOnBuild`); BuildKit 0.8 named it "
        "as any step.  The engine's step cannot be told from an ordinary one, so the pattern "
        "names the trigger the scenarios use (`RUN echo triggered`).",
        r'^(#\d+ \[[^\]]*\d+/\d+\] )(?=RUN echo triggered\b)',
        r'\1ONBUILD '),
    Difference(
        'build-run-groups',
        "Current BuildKit runs a RUN step's process with the user's supplementary groups "
        "and its primary group (executor/oci/user.go GetUser, WithUIDGID → "
        "ensureAdditionalGids), so `id` in a RUN prints `groups=`, as in `docker run`; "
        "BuildKit 0.8 gave the process no groups (`uid=1(daemon) gid=1(daemon)`).  The "
        "pattern adds the primary group only (a user listed in /etc/group has more).",
        r'(uid=\d+(?:\([^)]*\))? gid=(\d+)(\([^)]*\))?)$',
        r'\1 groups=\2\3'),
    Difference(
        'build-run-mount-error',
        "A `RUN --mount` the frontend refuses: BuildKit 0.8 parsed the mounts with the "
        "instruction (`dockerfile parse error line N: unexpected key …`); the current frontend "
        "expands and checks them when it converts the step (commands_runmount.go parseMount, "
        "called with an expander by RunCommand.Expand), so the error is the message alone, "
        "located at the step.  (It also adds `(did you mean X?)` for a key or type one or two "
        "letters off: util/suggest; the scenarios use mistakes with no suggestion.)",
        r'dockerfile parse error line \d+: (?=unexpected key|unsupported mount type|invalid field'
        r'|\w+ not allowed for|secret mount should|invalid secret mount|both source and id'
        r'|invalid cache sharing|unsupported sharing value|invalid value)',
        ''),
    Difference(
        'build-target-missing',
        'Current BuildKit quotes the stage `--target` names when it is not in the Dockerfile '
        '(dockerfile2llb/convert.go: `target stage %q could not be found`); 0.8 used %s.',
        r'target stage ([^"\s]+) could not be found',
        r'target stage "\1" could not be found'),
    Difference(
        'build-unknown-instruction-suggest',
        'Current BuildKit suggests the closest instruction for an unknown one (instructions/'
        'parse.go ParseCommand: suggest.WrapError, `unknown instruction: RUNN (did you mean '
        'RUN?)`); 0.8 did not.  The suggestion cannot be computed by a pattern: this one names '
        'the typo the scenarios use.',
        r'(unknown instruction: RUNN)$',
        r'\1 (did you mean RUN?)'),
    Difference(
        'build-run-user',
        'A RUN whose USER /etc/passwd does not know: current BuildKit wraps the executor\'s '
        'error as any failed process (solver/llbsolver/ops/exec.go: `process "…" did not '
        'complete successfully: unable to find user …`); 0.8 said `executor failed running '
        '[…]: unable to find user …`.',
        r'executor failed running \[(.*)\]: (unable to find (?:user|group) )',
        r'process "\1" did not complete successfully: \2'),
    Difference(
        'restart-policy-unknown',
        'moby ≥ 25 (api/types/container/hostconfig.go ValidateRestartPolicy) names the '
        'policies it knows; moby 20.10 said `invalid restart policy \'NAME\'`.',
        r"invalid restart policy '([^']*)'",
        r"invalid restart policy: unknown policy '\1'; use one of 'no', 'always', 'on-failure', "
        r"or 'unless-stopped'"),
    Difference(
        'restart-policy-count',
        'moby ≥ 25 ValidateRestartPolicy: a retry count with always/unless-stopped/no is '
        '`invalid restart policy: maximum retry count can only be used with \'on-failure\'`.',
        r"maximum retry count cannot be used with restart policy '[^']*'",
        "invalid restart policy: maximum retry count can only be used with 'on-failure'"),
    Difference(
        'restart-policy-negative',
        'moby ≥ 25 ValidateRestartPolicy prefixes `invalid restart policy: `.',
        r"daemon: maximum retry count cannot be negative",
        "daemon: invalid restart policy: maximum retry count cannot be negative"),
    Difference(
        'rm-running-container',
        'moby ≥ 25 reworded the refusal to remove a running container.',
        r'You cannot remove a running container ([0-9a-f]{64})\. Stop the container before attempting removal or force remove',
        'cannot remove container "<NAME>": container is running: stop the container before removing or force remove'),
    Difference(
        'oci-task-prefix',
        'moby ≥ 23 (daemon/start.go) prefixes what containerd answers when it cannot create a '
        "container's task with `failed to create task for container: `; 20.10 printed the "
        "containerd error alone (e.g. runc's mount errors).",
        r'(?<!for container: )failed to create shim task: ',
        'failed to create task for container: failed to create shim task: '),
    Difference(
        'runc-init-error',
        'runc >= 1.2 (libcontainer/process_linux.go) words every failure of the container\'s '
        'init, the exec of its command included, as `error during container init: …`; runc '
        '1.1 (the engine here) printed `exec: "sleep": executable file not found in $PATH` '
        'alone after `unable to start container process: `.',
        r'runc create failed: unable to start container process: (?!error during container init: )',
        'runc create failed: unable to start container process: error during container init: '),
    Difference(
        'cli-srun-typo',
        'docker/cli 28.2 (cli/required.go RequiresMaxArgs) printed `SRun \'docker … --help\' for '
        'more information` (a typo); fixed upstream to `Run`, which the simulator prints.',
        r"^SRun '",
        "Run '"),
    Difference(
        'overlay2-metacopy-status',
        'moby >= 23 (daemon/graphdriver/overlay2/overlay.go Status) lists `Using metacopy` '
        'after `Supports d_type` in `docker info`\'s DriverStatus; 20.10 did not.',
        r'(\["Supports d_type","\w+"\],)(?!\["Using metacopy")',
        r'\1["Using metacopy","false"],'),
    Difference(
        'invalid-filter',
        'moby ≥ 23 (api/types/filters/errors.go invalidFilter) words an unknown filter in lower '
        "case; 20.10 said `Invalid filter 'x'`.",
        r"Invalid filter '",
        "invalid filter '"),
    Difference(
        'volume-prune-named',
        '`docker volume prune` removes only anonymous volumes on API >= 1.42 (Docker 23+: moby '
        'volume/service/convert.go withPrune adds the label com.docker.volume.anonymous unless '
        'the filter all=true, which `docker volume prune --all` sends; docker/cli '
        'cli/command/volume/prune.go); the 20.10 engine here removes named ones too.  The '
        'pattern drops a list of deleted volumes that are all named (no 64-hex name), and '
        'the space they gave back.',
        r'^Deleted Volumes:\n(?:(?![0-9a-f]{64}$)[^\n]+\n)+\nTotal reclaimed space: .*$',
        'Total reclaimed space: 0B'),
    Difference(
        'save-legacy-layout',
        '`docker save` on Engine 25+ writes an OCI image layout (oci-layout, index.json, '
        'blobs/sha256/<digest>: layers named by diffID, the config, an OCI manifest) plus '
        'manifest.json and repositories (moby image/tarexport/save.go); 20.10 wrote one '
        '<v1-id>/{VERSION,json,layer.tar} folder per layer and <config-hex>.json.  The '
        'simulator writes the current layout and loads both.',
        r'^([0-9a-f]{64})/layer\.tar$',
        'blobs/sha256/<DIFFID>'),
]}


#: What current Docker's Dockerfile frontend does that the 20.10 engine's built-in one (BuildKit
#: 0.8) cannot show, so no scenario compares it; the simulator follows current Docker (it
#: already parses heredocs and words its errors as current BuildKit).
BUILD_FRONTEND = [
    ('run-mount-stubs', "a RUN --mount's mount point (and the folders made for it) is removed "
     "after the step when it is empty, so the image keeps no /cache, /run/secrets…; 0.8 left "
     "them", 'moby/buildkit executor/stubs.go MountStubsCleaner'),
    ('run-network', "RUN --network=default|none|host is a stable flag; 0.8 said `Unknown flag: "
     "network`.  The simulator refuses it in one line (its package managers have no offline "
     "mode yet)", 'moby/buildkit frontend/dockerfile/instructions/commands_runnetwork.go'),
    ('run-mount-tmpfs-size', 'RUN --mount=type=tmpfs,size=… caps the tmpfs; 0.8: `unexpected key '
     "'size'`", 'commands_runmount.go parseMount'),
    ('heredocs', 'RUN/COPY <<EOF … EOF (a COPY heredoc is a 0644 file, expanded unless its '
     'delimiter is quoted; a RUN whose heredoc is not the whole command hands the shell the '
     'line and the heredocs); 0.8 read the lines after as instructions',
     'frontend/dockerfile/parser/parser.go heredocsFromLine, dockerfile2llb/convert.go '
     'dispatchRun/dispatchCopy'),
    ('build-checks', 'build checks (NoEmptyContinuation, JSONArgsRecommended, …: `N warnings '
     'found`) are printed by current buildx; neither 0.8 nor the simulator prints them',
     'docs.docker.com/reference/build-checks'),
    ('copy-chown-missing-user', 'COPY --chown=NAME with no /etc/passwd (or no such user/group) '
     'in the destination gives 0:0; 0.8 failed with `open …/etc/passwd: no such file or '
     'directory`', 'solver/llbsolver/ops/file readUser'),
    ('newer-flags', 'COPY --link/--parents/--exclude, ADD --checksum/--keep-git-dir/--unpack, '
     '`# check=`: unknown to 0.8 (`Unknown flag: link`); the simulator refuses the flags in '
     'one line (`dockstore-magic: COPY --link is not simulated`)',
     'frontend/dockerfile/instructions/parse.go'),
]


def apply(text: str, *ids: str) -> str:
    for i in ids:
        text = DIFFERENCES[i].apply(text)
    return text


@dataclass(frozen=True)
class Uncompared:
    """What the simulator prints that no engine here can show: followed from the source."""
    id: str
    what: str
    source: str        # the upstream file or page the rule follows


# What the reference engine or its host cannot show the way current Docker on a usual host
# does: the scenario steps that meet them compare only what both can show.
ENGINE_UNCOMPARED = [
    Uncompared('volume-subpath',
               '`--mount type=volume,…,volume-subpath=DIR` mounts DIR of the volume; an absolute '
               'or escaping DIR is refused (`subpath must be a relative path within the volume`, '
               'so the documentation\'s `volume-subpath=/foo` fails), a missing one fails at '
               'start.  API 1.45 (Docker 26); the 20.10 engine here ignores the field and '
               'mounts the whole volume.',
               'moby volume/mounts/linux_parser.go validateMountConfigImpl, '
               'daemon/volumes_unix.go (safepath.Join)'),
    Uncompared('bind-propagation-shared',
               'a bind with `rshared`/`shared` (`rslave`/`slave`) propagation starts only where '
               'the host folder\'s mount is shared (shared or slave): on a systemd host, as the '
               'simulated one (Cgroup Driver: systemd), / is shared; the reference host\'s / is '
               'private, and the engine refuses to start (`path … is mounted on / but it is not '
               'a shared mount`).',
               'moby daemon/oci_linux.go WithMounts (ensureShared, ensureSharedOrSlave)'),
    Uncompared('volume-prune-all',
               '`docker volume prune --all` (`-a`) removes unused named volumes too; the current '
               'CLI refuses it against the engine here (`"--all" requires API version 1.42, but '
               'the Docker daemon API version is 1.41`).',
               'docker/cli cli/command/volume/prune.go'),
]


# The containerd image store (dockstore_magic/containerd).  The reference engine here is
# Docker 20.10 with overlay2, and the containerd store needs Docker 24+: everything Docker
# itself prints with that store is taken from moby's and docker/cli's sources.  What
# containerd itself does (blobs, snapshots, mounts, unpacked files) IS compared, with a
# private containerd 1.6: tests/realdocker/test_containerd_store.py.
CONTAINERD_STORE_UNCOMPARED = [
    Uncompared('c8d-info-driver',
               '`docker info`: Storage Driver: overlayfs, DriverStatus [[driver-type '
               'io.containerd.snapshotter.v1]]',
               'docker/docs content/manuals/engine/storage/containerd.md'),
    Uncompared('c8d-image-id',
               'image ID = the target digest (a pulled image: the index digest docker pull '
               'prints; an import, commit or build: its OCI manifest), RepoDigests = every '
               'name @ that digest',
               'moby daemon/containerd/image_list.go, image_inspect.go '
               'collectRepoTagsAndDigests'),
    Uncompared('c8d-images-size',
               '`docker images` SIZE = packed blobs + unpacked snapshots; `docker image '
               'inspect` Size = the packed blobs only (index, manifest, config, layers)',
               'moby daemon/containerd/image_list.go imageSummary (totalSize), '
               'image_inspect.go size()'),
    Uncompared('c8d-image-inspect',
               '`docker image inspect`: Descriptor after RepoTags, DockerVersion "", '
               'GraphDriver {"Data": null, "Name": "overlayfs"}',
               'moby daemon/containerd/image_inspect.go'),
    Uncompared('c8d-container-inspect',
               '`docker inspect CONTAINER`: Storage {"RootFS": {"Snapshot": {"Name": '
               '"overlayfs"}}} and no GraphDriver; a template on .GraphDriver.Data fails '
               '(Docker: "nil pointer evaluating *storage.DriverData.Data"; the simulator: '
               '"map has no entry for key")',
               'moby daemon/inspect.go (UsesSnapshotter)'),
    Uncompared('c8d-rw-snapshots',
               "a container's snapshots: <id>-init-key prepared, committed as <id>-init, "
               '<id> prepared on it; mounted at /var/lib/docker/rootfs/overlayfs/<id>',
               'moby daemon/containerd/image_snapshot.go, daemon/snapshotter/mount.go'),
    Uncompared('c8d-system-df',
               '`docker system df` Images SIZE = the usage of every snapshot the snapshotter '
               'walks + every distinct blob reachable from an image; per image SIZE as docker '
               'images, SHARED SIZE by chainID',
               'moby daemon/containerd/service.go ImageDiskUsage, image_list.go '
               'computeSharedSize'),
    Uncompared('c8d-layer-bytes',
               'the gzip bytes of a layer (Go compress/gzip in Docker, Python gzip here: same '
               'content, other bytes, so other digests and sizes); a pulled layer blob holds '
               'stand-in bytes of the registry size under the registry digest',
               'moby daemon/containerd/image_import.go, image_commit.go'),
    Uncompared('c8d-snapshot-usage',
               'snapshot sizes: containerd counts blocks (4 KiB for an empty fs folder, ctr '
               'snapshots usage); the simulator counts bytes as for overlay2',
               'containerd fs/du_unix.go'),
    Uncompared('c8d-build-export',
               'a build into this store prints `exporting manifest <digest>`, `exporting config '
               '<digest>`, `naming to …` and `unpacking to …` instead of `writing image`; the '
               'provenance attestation (`exporting attestation manifest`, `exporting manifest '
               'list`: the image ID is then the index digest) is not simulated',
               'moby/buildkit exporter/containerimage/export.go'),
    Uncompared('c8d-not-yet',
               'not simulated yet with this store, and printing as the classic store does: '
               'the docker save layout (the classic OCI layout, layers uncompressed), docker '
               'history IDs, the meta.db and metadata.db bolt files (JSON stand-ins here)',
               'moby daemon/containerd/image_exporter.go, image_history.go, '
               'image_builder.go'),
]
