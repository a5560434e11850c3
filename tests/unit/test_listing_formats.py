"""``--format`` on the listings as docker/cli 28 runs it (s28_formats and s29_disk_usage
compare the same with the engine): methods with arguments, fields the list API leaves
empty, sizes asked for by the template, Go's Time.String, and system df's two shapes."""
import json


def _setup(sim):
    sim.docker("pull -q busybox", check=True)
    sim.docker("volume create --label team=blue v1", check=True)
    sim.docker(["run", "--name", "c1", "--label", "team=blue", "-v", "v1:/data", "busybox",
                "sh", "-c", "echo 1234 > /f"], check=True)


def test_label_methods_and_cluster_fields(sim):
    _setup(sim)
    assert sim.docker(["ps", "-a", "--format", '{{.Names}} {{.Label "team"}}']).stdout == "c1 blue\n"
    assert sim.docker(["volume", "ls", "--format", '{{.Label "team"}}|{{.Label "x"}}']).stdout == "blue|\n"
    v = json.loads(sim.docker("volume ls --format json").stdout)
    assert (v["Group"], v["Availability"], v["Status"]) == ("N/A", "N/A", "N/A") and "Label" not in v


def test_ps_asks_for_sizes_when_the_template_uses_them(sim):
    _setup(sim)
    assert sim.docker("ps -a --format '{{.Size}}'").stdout == "5B (virtual 4.42MB)\n"
    row = json.loads(sim.docker("ps -a --format json").stdout)
    assert row["Size"] == "0B" and row["CreatedAt"].endswith(" +0000 UTC") and row["Platform"] is None
    assert json.loads(sim.docker("ps -a --format '{{json .}}'").stdout)["Size"].startswith("5B")
    assert sim.docker("ps -a --format 'table {{.Names}}\\t{{.Mounts}}'").stdout.split("\n")[0].split() \
        == ["NAMES", "MOUNTS"]


def test_image_fields_the_list_api_does_not_fill(sim):
    _setup(sim)
    img = json.loads(sim.docker("images --format json").stdout)
    assert (img["Containers"], img["SharedSize"], img["UniqueSize"]) == ("N/A", "N/A", "N/A")
    size = int(sim.docker("image inspect -f '{{.Size}}' busybox").stdout)
    # Size with units.HumanSizeWithPrecision(…, 3), VirtualSize with units.HumanSize (4)
    assert (img["Size"], img["VirtualSize"]) == (f"{size / 1e6:.3g}MB", f"{size / 1e6:.4g}MB")


def test_system_df_formats_run_per_row_or_once_over_the_lists(sim):
    _setup(sim)
    assert sim.docker("system df --format '{{.Type}}'").stdout.split("\n") == [
        "Images", "Containers", "Local Volumes", "Build Cache", ""]
    r = sim.docker(["system", "df", "-v", "--format",
                    "{{range .Volumes}}{{.Name}} {{.Links}} {{.Size}}{{end}}"])
    assert r.stdout == "v1 1 0B"              # no newline: the template runs once
    assert sim.docker("system df -v --format json").stdout.startswith('{"Images":[')
    # -v raw (formatter.NewDiskUsageFormat): each object's raw format under a "type:" line,
    # a blank line after each; IDs not cut (not a table)
    r = sim.docker("system df -v --format raw")
    assert r.exit_code == 0
    blocks = r.stdout.split("\n\n")
    assert blocks[-1] == "" and r.stdout.endswith("\n\n")
    volume = [b for b in blocks if b.startswith("type: Volume\n")]
    assert volume == ["type: Volume\nname: v1\ndriver: local"]
    image = next(b for b in blocks if b.startswith("type: Image\nrepository: busybox\n")).split("\n")
    assert [line.split(":")[0] for line in image] == [
        "type", "repository", "tag", "digest", "image_id", "created_at", "virtual_size"]
    assert image[3] == "digest: " and len(image[4]) == len("image_id: sha256:") + 64
