"""Output formatting: go-units, docker's tabwriter tables, column helpers and --format templates.

Every expected string below was produced by a real docker 28.2.2 CLI (against a 20.10 engine)
on busybox-based containers/images, unless noted otherwise."""
import pytest

from dockstore_magic.cli import table as TB
from dockstore_magic.cli import templates as T
from dockstore_magic.cli import units as U
from dockstore_magic.golang import fmt as GF, json as GJ, strconv as GS, tabwriter as GW
from dockstore_magic.golang import template as GT, values as GV


# ---------------------------------------------------------------------------------------------
# go-units

@pytest.mark.parametrize("n,expected", [
    (0, "0B"), (6, "6B"), (24, "24B"), (999, "999B"), (1000, "1kB"), (24576, "24.6kB"),
    (1_982_000, "1.98MB"), (1_982_464, "1.98MB"), (2_010_000, "2.01MB"), (4_260_000, "4.26MB"),
    (117_000_000, "117MB"), (1_230_000_000, "1.23GB"),
    (999_900, "1e+03kB"),  # Go's %.3g quirk, as docker prints it
])
def test_human_size_precision_3(n, expected):
    assert U.human_size_precision(n, 3) == expected


@pytest.mark.parametrize("n,expected", [
    (0, "0B"), (6, "6B"), (24576, "24.58kB"), (1_982_000, "1.982MB"), (1_983_000, "1.983MB"),
    (999_900, "999.9kB"), (1_230_000_000, "1.23GB"), (2_000_000_000_000, "2TB"),
])
def test_human_size(n, expected):
    assert U.human_size(n) == expected


@pytest.mark.parametrize("n,expected", [(0, "0B"), (1536, "1.5KiB"), (536870912, "512MiB"),
                                        (1_982_000, "1.89MiB")])
def test_bytes_size(n, expected):
    assert U.bytes_size(n) == expected


@pytest.mark.parametrize("s,expected", [
    ("512m", 512 * 1024 ** 2), ("1g", 1024 ** 3), ("1GiB", 1024 ** 3), ("1kb", 1024), ("1 k", 1024),
    ("1e3", 1000), (".5", 0), ("1.5k", 1536), ("64", 64), ("1b", 1),
])
def test_ram_in_bytes(s, expected):
    assert U.ram_in_bytes(s) == expected


@pytest.mark.parametrize("s,msg", [
    ("x", "invalid size: 'x'"), ("-1", "invalid size: '-1'"), ("1q", "invalid suffix: 'q'"),
    ("1kbb", "invalid suffix: 'kbb'"), ("1KX", "invalid suffix: 'kx'"),
    ("1.2.3", 'strconv.ParseFloat: parsing "1.2.3": invalid syntax'),
    (" 1", 'strconv.ParseFloat: parsing " 1": invalid syntax'),
])
def test_ram_in_bytes_errors(s, msg):
    with pytest.raises(U.SizeError) as e:
        U.ram_in_bytes(s)
    assert str(e.value) == msg


def test_from_human_size_is_decimal():
    assert U.from_human_size("44kB") == 44000
    assert U.from_human_size("1.5M") == 1_500_000


# strconv.ParseFloat's corners, as `docker create --memory <s>` (docker CLI 28) takes or refuses
# them on this host: underscores between digits, hex floats, inf/nan (int64() of which is
# math.MinInt64 on amd64), and a finite literal beyond float64 being out of range
@pytest.mark.parametrize("s,expected", [
    ("1_0", 10), ("1e1_0", 10 ** 10), ("0x1p3", 8), ("0x_1p3", 8), ("1e-400", 0), ("1 ", 1),
    ("inf k", -(2 ** 63)), ("infinity k", -(2 ** 63)), ("nan k", -(2 ** 63)), ("1e308k", -(2 ** 63)),
])
def test_ram_in_bytes_go_float_corners(s, expected):
    assert U.ram_in_bytes(s) == expected


@pytest.mark.parametrize("s,msg", [
    ("1e400", 'strconv.ParseFloat: parsing "1e400": value out of range'),
    ("0x1p2000", 'strconv.ParseFloat: parsing "0x1p2000": value out of range'),
    ("1__0", 'strconv.ParseFloat: parsing "1__0": invalid syntax'),
    ("_1", 'strconv.ParseFloat: parsing "_1": invalid syntax'),
    ("1_e5", 'strconv.ParseFloat: parsing "1_e5": invalid syntax'),
    ("+nan k", 'strconv.ParseFloat: parsing "+nan": invalid syntax'),
    ("1_", "invalid suffix: '_'"), ("-inf k", "invalid size: '-inf k'"),
    ("\u06611", 'strconv.ParseFloat: parsing "\u06611": invalid syntax'),   # only 0-9 are digits
])
def test_ram_in_bytes_go_float_corner_errors(s, msg):
    with pytest.raises(U.SizeError) as e:
        U.ram_in_bytes(s)
    assert str(e.value) == msg


def test_size_parsing_has_one_implementation():
    from dockstore_magic import sizes
    assert U.ram_in_bytes is sizes.ram_in_bytes and U.from_human_size is sizes.from_human_size
    assert U.SizeError is sizes.SizeError and issubclass(sizes.SizeError, ValueError)
    assert sizes.parse_float is GS.parse_float          # strconv.ParseFloat, from golang/


MIN, HOUR, DAY = 60, 3600, 86400


@pytest.mark.parametrize("secs,expected", [
    (0.45, "Less than a second"), (-3, "Less than a second"), (1, "1 second"), (45, "45 seconds"),
    (59, "59 seconds"), (60, "About a minute"), (119, "About a minute"), (3 * MIN, "3 minutes"),
    (35 * MIN + 40, "35 minutes"), (59 * MIN, "59 minutes"), (HOUR, "About an hour"),
    (HOUR + 29 * MIN, "About an hour"), (HOUR + 31 * MIN, "2 hours"), (3 * HOUR + 60 * MIN, "4 hours"),
    (DAY, "24 hours"), (DAY + 12 * HOUR, "36 hours"), (2 * DAY, "2 days"), (13 * DAY + 5 * HOUR, "13 days"),
    (14 * DAY, "2 weeks"), (31 * DAY, "4 weeks"), (44 * DAY, "6 weeks"), (60 * DAY, "2 months"),
    (720 * DAY, "24 months"), (734 * DAY, "2 years"), (3 * 365 * DAY + 60 * DAY, "3 years"),
])
def test_human_duration(secs, expected):
    assert U.human_duration(secs) == expected


def test_since_and_container_status():
    now = 1_000_000.0
    assert U.since(now - 120, now) == "2 minutes ago"
    assert U.container_status(now=now) == "Created"
    assert U.container_status(now=now, running=True, started_at=now - 0.2) == "Up Less than a second"
    assert U.container_status(now=now, running=True, started_at=now - 130) == "Up 2 minutes"
    assert U.container_status(now=now, running=True, paused=True, started_at=now - 5) == "Up 5 seconds (Paused)"
    assert U.container_status(now=now, running=True, started_at=now - 3 * HOUR,
                              health="healthy") == "Up 3 hours (healthy)"
    assert U.container_status(now=now, running=True, started_at=now - 10,
                              health="starting") == "Up 10 seconds (health: starting)"
    assert U.container_status(now=now, started_at=now - 10, finished_at=now - 3,
                              exit_code=0) == "Exited (0) 3 seconds ago"
    assert U.container_status(now=now, started_at=now - 10, finished_at=now - 0.1,
                              exit_code=137) == "Exited (137) Less than a second ago"
    assert U.container_status(now=now, dead=True, started_at=1) == "Dead"
    assert U.container_status(now=now, removal_in_progress=True) == "Removal In Progress"


# ---------------------------------------------------------------------------------------------
# tabwriter tables

PS_TABLE = """\
CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS                     PORTS     NAMES     SIZE
9c50ab6e3611   bb        "sleep 1000"             4 minutes ago   Up 4 minutes                         dsm_c3    0B (virtual 1.98MB)
1e4f541add77   bb        "sleep 1000"             4 minutes ago   Created                              dsm_c2    0B (virtual 1.98MB)
100cb5317bad   bb        "sh -c 'echo hello >…"   4 minutes ago   Exited (0) 4 minutes ago             dsm_c1    24.6kB (virtual 2.01MB)
"""


def test_ps_table_with_empty_ports_and_ellipsis():
    rows = [
        ["9c50ab6e3611", "bb", TB.container_command("sleep 1000"), "4 minutes ago", "Up 4 minutes", "",
         "dsm_c3", "0B (virtual 1.98MB)"],
        ["1e4f541add77", "bb", '"sleep 1000"', "4 minutes ago", "Created", "", "dsm_c2", "0B (virtual 1.98MB)"],
        ["100cb5317bad", "bb",
         TB.container_command("sh -c echo hello > /data/f; dd if=/dev/zero of=/big bs=1k count=24"),
         "4 minutes ago", "Exited (0) 4 minutes ago", "", "dsm_c1", "24.6kB (virtual 2.01MB)"],
    ]
    # the API's Command joins the args with spaces; docker shows the quoted original words
    rows[2][2] = TB.container_command("sh -c 'echo hello > /data/f'")
    hdr = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES", "SIZE"]
    assert TB.format_table(hdr, rows) == PS_TABLE


HISTORY_TABLE = (
    "IMAGE          CREATED                  CREATED BY                                      SIZE      COMMENT\n"
    "0a11c02753bc   Less than a second ago   sh -c echo hello > /data/f; dd if=/dev/zero …   24.6kB    \n"
    "f791b5495d11   18 minutes ago                                                           1.98MB    busybox import\n"
)


def test_history_table_trailing_blanks_when_last_cell_is_empty():
    created_by = "sh -c echo hello > /data/f; dd if=/dev/zero of=/big bs=1k count=24 2>/dev/null"
    rows = [["0a11c02753bc", "Less than a second ago", TB.ellipsis(created_by, 45), "24.6kB", ""],
            ["f791b5495d11", "18 minutes ago", "", "1.98MB", "busybox import"]]
    assert TB.format_table(["IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"], rows) == HISTORY_TABLE


def test_tabwriter_minwidth_and_padding():
    # minwidth 10 counts the padding: a 7-char column is 10 wide, an 8-char one 11
    assert TB.format_table(["DRIVER", "VOLUME NAME"], [["local", "data"]]) == \
        "DRIVER    VOLUME NAME\nlocal     data\n"
    assert TB.format_table(["A", "B"], [["12345678", "x"]]) == "A          B\n12345678   x\n"
    assert TB.format_table(["REPOSITORY", "TAG"], []) == "REPOSITORY   TAG\n"


def test_tabwriter_column_blocks_are_contiguous_lines():
    # Go's example: b and c are in distinct columns (b's column is interrupted)
    text = "aaaa\tbbb\td\naa\tb\tdd\na\naa\tcccc\teee\n"
    assert GW.tabwrite(text, 0, 1, 1, ".", 0) == "aaaa.bbb.d\naa...b...dd\na\naa.cccc.eee\n"


def test_tabwriter_wide_characters_count_double():
    out = TB.format_table(["NAME", "X"], [["日本", "1"], ["ab", "2"]])
    assert out == "NAME      X\n日本      1\nab        2\n"


def test_truncate_id_and_ellipsis():
    assert TB.truncate_id("sha256:f791b5495d119922f83ec31432f0fa927aaa142969d00c3757277d2b5f4f89db") == "f791b5495d11"
    assert TB.truncate_id("abc") == "abc"
    assert TB.ellipsis("sh -c 'echo hello > /data/f'", 20) == "sh -c 'echo hello >…"
    assert TB.ellipsis("short", 20) == "short"
    assert TB.ellipsis("abc", 1) == "a"
    assert TB.ellipsis("abc", 0) == ""
    assert TB.ellipsis("日本語テキスト", 6) == "日本…"


def test_go_quote_and_command_column():
    assert GS.go_quote('a"b\\c\n\t\x01é') == '"a\\"b\\\\c\\n\\t\\x01é"'
    assert GS.go_quote("\u00a0") == '"\\u00a0"'
    assert TB.container_command("sleep 1000") == '"sleep 1000"'
    assert TB.container_command("/docker-entrypoint.sh nginx -g 'daemon off;'") == '"/docker-entrypoint.…"'
    assert TB.container_command("/docker-entrypoint.sh nginx", trunc=False) == '"/docker-entrypoint.sh nginx"'


def test_names_image_and_ports_columns():
    assert TB.container_names(["/web"]) == "web"
    assert TB.container_names(["/web", "/other/alias"], trunc=False) == "web,other/alias"
    assert TB.container_names(["/other/alias", "/web"]) == "web"
    assert TB.container_image("") == "<no image>"
    assert TB.container_image("sha256:f791b5495d119922f83ec3", "sha256:f791b5495d119922f83ec3") == "f791b5495d11"
    assert TB.container_image("docker.io/library/nginx:1.25") == "nginx:1.25"
    assert TB.container_image("nginx@sha256:" + "a" * 64) == "nginx"
    ports = [{"IP": "0.0.0.0", "PrivatePort": 80, "PublicPort": 8080, "Type": "tcp"},
             {"PrivatePort": 9988, "Type": "tcp"}, {"PrivatePort": 9989, "Type": "tcp"},
             {"IP": "0.0.0.0", "PrivatePort": 443, "PublicPort": 443, "Type": "tcp"}]
    assert TB.displayable_ports(ports) == "0.0.0.0:443->443/tcp, 9988-9989/tcp, 0.0.0.0:8080->80/tcp"
    assert TB.displayable_ports([]) == ""


# ---------------------------------------------------------------------------------------------
# templates: docker images --format (real outputs, two images)

def _images():
    return [
        T.FormatterContext("*formatter.imageContext", {
            "Containers": "N/A", "CreatedAt": "2026-11-28 08:53:45 +0000 UTC", "CreatedSince": "2 seconds ago",
            "Digest": "<none>", "ID": "c38b82c9f9e0", "Repository": "dsm-busybase", "SharedSize": "N/A",
            "Size": "1.98MB", "Tag": "1", "UniqueSize": "N/A", "VirtualSize": "1.983MB"}),
        T.FormatterContext("*formatter.imageContext", {
            "Containers": "N/A", "CreatedAt": "2026-11-28 08:53:07 +0000 UTC", "CreatedSince": "40 seconds ago",
            "Digest": "<none>", "ID": "f791b5495d11", "Repository": "bb", "SharedSize": "N/A",
            "Size": "1.98MB", "Tag": "latest", "UniqueSize": "N/A", "VirtualSize": "1.982MB"}),
    ]


IMAGES_JSON_0 = ('{"Containers":"N/A","CreatedAt":"2026-11-28 08:53:45 +0000 UTC","CreatedSince":"2 seconds ago",'
                 '"Digest":"\\u003cnone\\u003e","ID":"c38b82c9f9e0","Repository":"dsm-busybase","SharedSize":"N/A",'
                 '"Size":"1.98MB","Tag":"1","UniqueSize":"N/A","VirtualSize":"1.983MB"}')


@pytest.mark.parametrize("fmt,expected", [
    ("table", "REPOSITORY     TAG       IMAGE ID       CREATED          SIZE\n"
              "dsm-busybase   1         c38b82c9f9e0   2 seconds ago    1.98MB\n"
              "bb             latest    f791b5495d11   40 seconds ago   1.98MB\n"),
    (r"table {{.Repository}}\t{{.Tag}}\t{{.ID}}", "REPOSITORY     TAG       IMAGE ID\n"
                                                 "dsm-busybase   1         c38b82c9f9e0\n"
                                                 "bb             latest    f791b5495d11\n"),
    ("table {{.Repository}}:{{.Tag}}", "REPOSITORY:TAG\ndsm-busybase:1\nbb:latest\n"),
    (r"table {{upper .Repository}}\t{{.Size}}", "REPOSITORY     SIZE\nDSM-BUSYBASE   1.98MB\nBB             1.98MB\n"),
    (r"{{.Repository}}\t{{.Tag}}", "dsm-busybase\t1\nbb\tlatest\n"),
    ("table {{.Repository}} {{.Tag}}", "REPOSITORY TAG\ndsm-busybase 1\nbb latest\n"),
    (" table {{.ID}}", "table c38b82c9f9e0\ntable f791b5495d11\n"),
    ("tablex {{.ID}}", "x IMAGE ID\nx c38b82c9f9e0\nx f791b5495d11\n"),
    (r"table {{.Containers}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.VirtualSize}}\t{{.CreatedAt}}\t{{.Digest}}",
     "CONTAINERS   SHARED SIZE   UNIQUE SIZE   SIZE      CREATED AT                      DIGEST\n"
     "N/A          N/A           N/A           1.983MB   2026-11-28 08:53:45 +0000 UTC   <none>\n"
     "N/A          N/A           N/A           1.982MB   2026-11-28 08:53:07 +0000 UTC   <none>\n"),
    ("raw", "repository: dsm-busybase\ntag: 1\nimage_id: c38b82c9f9e0\ncreated_at: 2026-11-28 08:53:45 +0000 UTC\n"
            "virtual_size: 1.98MB\n\nrepository: bb\ntag: latest\nimage_id: f791b5495d11\n"
            "created_at: 2026-11-28 08:53:07 +0000 UTC\nvirtual_size: 1.98MB\n\n"),
])
def test_images_format(fmt, expected):
    assert T.render(T.image_format(fmt), _images(), T.IMAGE_HEADERS) == expected


def test_images_json_escapes_html_like_formatter_marshaljson():
    out = T.render("json", _images(), T.IMAGE_HEADERS)
    assert out.splitlines()[0] == IMAGES_JSON_0
    # "table {{json .}}": the header's json() gets a map, fails, docker prints an empty header
    assert T.render("table {{json .}}", _images(), T.IMAGE_HEADERS).splitlines()[:2] == ["", IMAGES_JSON_0]


@pytest.mark.parametrize("fmt,msg", [
    ("{{.Nope}}", 'template parsing error: template: :1:2: executing "" at <.Nope>: '
                  "can't evaluate field Nope in type *formatter.imageContext"),
    ('{{.Label "x"}}', 'template parsing error: template: :1:2: executing "" at <.Label>: '
                       "can't evaluate field Label in type *formatter.imageContext"),
    ("{{if}}", "template parsing error: template: :1: missing value for if"),
])
def test_images_format_errors(fmt, msg):
    with pytest.raises(GT.TemplateError) as e:
        T.render(fmt, _images(), T.IMAGE_HEADERS)
    assert str(e.value) == msg


def test_header_of_unknown_field_and_label_method():
    # no rows: nothing fails, the header map has no entry -> "<no value>"
    assert T.render("table {{.Nope}}", [], T.IMAGE_HEADERS) == "<no value>\n"
    assert T.render('table {{.Label "com.example.my-label"}}', [], T.CONTAINER_HEADERS) == "my label\n"


def test_container_and_volume_default_formats():
    assert T.container_format("table", size=True) == T.DEFAULT_CONTAINER_TABLE_FORMAT + r"\t{{.Size}}"
    assert T.container_format("table", quiet=True) == "{{.ID}}"
    assert T.volume_format("table") == "table {{.Driver}}\t{{.Name}}"
    vols = [T.FormatterContext("*formatter.volumeContext", {"Driver": "local", "Name": "dsm_vol1"})]
    assert T.render(T.volume_format("table"), vols, T.VOLUME_HEADERS) == "DRIVER    VOLUME NAME\nlocal     dsm_vol1\n"
    assert T.render(T.volume_format("table", quiet=True), vols, T.VOLUME_HEADERS) == "dsm_vol1\n"


# ---------------------------------------------------------------------------------------------
# templates: docker volume inspect -f (typed volume.Volume, no raw fallback)

def _volume():
    return GV.GoStruct("volume.Volume", [
        ("ClusterVolume", None), ("CreatedAt", "2026-11-28T08:53:09Z"), ("Driver", "local"),
        ("Labels", GV.GoMap(nil=True)), ("Mountpoint", "/var/lib/docker/volumes/dsm_vol1/_data"),
        ("Name", "dsm_vol1"), ("Options", GV.GoMap(nil=True)), ("Scope", "local"),
        ("Status", GV.GoMap(nil=True, elem_type="interface {}")), ("UsageData", GV.GoNil("*volume.UsageData")),
    ], omitempty={"ClusterVolume", "Status", "UsageData"})


VOLUME_CASES = [
    ("{{.Name}}", "dsm_vol1\n"),
    ("{{json .}}", '{"CreatedAt":"2026-11-28T08:53:09Z","Driver":"local","Labels":null,"Mountpoint":'
                   '"/var/lib/docker/volumes/dsm_vol1/_data","Name":"dsm_vol1","Options":null,"Scope":"local"}\n'),
    ("{{.Labels}}", "map[]\n"),
    ('{{index .Labels "x"}}', "\n"),
    ("{{.UsageData}}", "<nil>\n"),
    ("{{len .Name}}", "8\n"),
    ("{{upper .Name}}", "DSM_VOL1\n"),
    ("{{if .Labels}}y{{else}}n{{end}}", "n\n"),
    ('{{printf "%q" .Name}}', '"dsm_vol1"\n'),
    ("{{println .Name}}", "dsm_vol1\n\n"),
    ("{{title .Name}}", "Dsm_vol1\n"),
    ('{{split .Name "_"}}', "[dsm vol1]\n"),
    ('{{join (split .Name "_") ","}}', "dsm,vol1\n"),
    ("{{.}}", "{<nil> 2026-11-28T08:53:09Z local map[] /var/lib/docker/volumes/dsm_vol1/_data dsm_vol1 map[] "
              "local map[] <nil>}\n"),
    ('{{range split .Name "_"}}{{if eq . "vol1"}}{{break}}{{end}}{{.}}{{end}}', "dsm\n"),
    ('{{range $i, $e := split .Name "_"}}{{$i}}={{$e}};{{end}}', "0=dsm;1=vol1;\n"),
    ("{{range 3}}{{.}}{{end}}", "012\n"),
    ("a {{- .Name -}} b", "adsm_vol1b\n"),
    ("{{.Name}}{{/* comment */}}!", "dsm_vol1!\n"),
    ("{{pad .Name 2 3}}|", "  dsm_vol1   |\n"),
    ("{{truncate .Name 3}}", "dsm\n"),
    ('{{printf "%5.2f|%-6s|%06d|%x|%X|%o|%b|%c|%U|%t|%e" 3.14159 "ab" 42 255 255 8 5 65 65 true 1234.5678}}',
     " 3.14|ab    |000042|ff|FF|10|101|A|U+0041|true|1.234568e+03\n"),
    ('{{print .Name 1 2 "x"}}', "dsm_vol11 2x\n"),
    ("{{1234567.0}} {{123456.0}} {{1e20}} {{0.00001}} {{1.5}} {{3i}}", "1.234567e+06 123456 1e+20 1e-05 1.5 (0+3i)\n"),
    ("{{0x1F}} {{1_000}} {{0o17}} {{0b101}} {{-5}} {{'a'}}", "31 1000 15 5 -5 97\n"),
    ('{{printf "%s" 3}} {{printf "%d" "x"}} {{printf "%d %d" 1}} {{printf "%d" 1 2}}',
     "%!s(int=3) %!d(string=x) 1 %!d(MISSING) 1%!(EXTRA int=2)\n"),
    ('{{html "<a&b>"}} {{urlquery "a b&c"}}', "&lt;a&amp;b&gt; a+b%26c\n"),
    ("{{and 1 0 2}} {{or 0 \"\" 3}} {{and 1 2}}", "0 3 2\n"),
]


@pytest.mark.parametrize("fmt,expected", VOLUME_CASES)
def test_volume_inspect_format(fmt, expected):
    assert T.inspect_output(fmt, [_volume()], raw_fallback=False) == (expected, "", 0)


VOLUME_ERRORS = [
    ("{{.Nope}}", 1, 'template parsing error: template: :1:2: executing "" at <.Nope>: '
                     "can't evaluate field Nope in type volume.Volume"),
    ("{{.Name.X}}", 1, 'template parsing error: template: :1:7: executing "" at <.Name.X>: '
                       "can't evaluate field X in type string"),
    ("{{.UsageData.Size}}", 1, 'template parsing error: template: :1:12: executing "" at <.UsageData.Size>: '
                               "nil pointer evaluating *volume.UsageData.Size"),
    ('{{index . "Name"}}', 1, 'template parsing error: template: :1:2: executing "" at <index . "Name">: '
                              "error calling index: can't index item of type volume.Volume"),
    ("{{eq .Driver 1}}", 1, 'template parsing error: template: :1:2: executing "" at <eq .Driver 1>: '
                            "error calling eq: incompatible types for comparison"),
    ("{{upper 1}}", 1, 'template parsing error: template: :1:8: executing "" at <1>: expected string; found 1'),
    ("{{upper .Labels}}", 1, 'template parsing error: template: :1:8: executing "" at <.Labels>: '
                             "wrong type for value; expected string; got map[string]string"),
    ('{{(split .Name "_").X}}', 1, 'template parsing error: template: :1:15: executing "" at <"_">: '
                                   "can't evaluate field X in type []string"),
    ("{{len}}", 1, 'template parsing error: template: :1:2: executing "" at <len>: '
                   "wrong number of args for len: want 1 got 0"),
    ("{{.Name", 64, "template parsing error: template: :1: unclosed action"),
    ("{{end}}", 64, "template parsing error: template: :1: unexpected {{end}}"),
    ("{{nofunc .}}", 64, 'template parsing error: template: :1: function "nofunc" not defined'),
    ("{{08}}", 64, 'template parsing error: template: :1: integer overflow: "08"'),
    ("{{$x}}", 64, 'template parsing error: template: :1: undefined variable "$x"'),
    ("{{if .Name}}x{{else}}y{{else}}z{{end}}", 64, "template parsing error: template: :1: expected end; found {{else}}"),
]


@pytest.mark.parametrize("fmt,status,err", VOLUME_ERRORS)
def test_volume_inspect_format_errors(fmt, status, err):
    out, stderr, rc = T.inspect_output(fmt, [_volume()], raw_fallback=False)
    assert (stderr, rc) == (err + "\n", status)
    # like docker, the template inspector writes an empty line when nothing succeeded
    assert out == ("" if status == 64 else "\n")


def test_volume_inspect_indented_json_is_marshalindent():
    out, err, rc = T.inspect_output("", [_volume()], raw_fallback=False)
    assert out == ('[\n    {\n        "CreatedAt": "2026-11-28T08:53:09Z",\n        "Driver": "local",\n'
                   '        "Labels": null,\n        "Mountpoint": "/var/lib/docker/volumes/dsm_vol1/_data",\n'
                   '        "Name": "dsm_vol1",\n        "Options": null,\n        "Scope": "local"\n    }\n]\n')
    assert (err, rc) == ("", 0)


# ---------------------------------------------------------------------------------------------
# templates: docker inspect -f on raw JSON maps (container), with the raw fallback

def _container():
    return {"Id": "100cb5317bad", "Name": "/dsm_c1", "State": {"Status": "exited", "Running": False, "Pid": 0,
                                                               "ExitCode": 0},
            "Config": {"Cmd": ["sh", "-c", "echo hello > /data/f"], "Labels": {}, "Image": "bb"},
            "Mounts": [{"Type": "volume", "Name": "dsm_vol1", "Destination": "/data"}]}


@pytest.mark.parametrize("fmt,out,err,rc", [
    ("{{.Name}}", "/dsm_c1\n", "", 0),
    ("{{.State.Pid}}", "0\n", "", 0),
    ("{{json .Config.Cmd}}", '["sh","-c","echo hello > /data/f"]\n', "", 0),
    ("{{.Config.Cmd}}", "[sh -c echo hello > /data/f]\n", "", 0),
    ('{{index .Config.Labels "x"}}', "\n", "", 0),
    ("{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}", "dsm_vol1 /data\n", "", 0),
    ("{{.Nope}}", "\n", 'template parsing error: template: :1:2: executing "" at <.Nope>: '
                        'map has no entry for key "Nope"\n', 1),
    ("{{.Config.Nope}}", "\n", 'template parsing error: template: :1:9: executing "" at <.Config.Nope>: '
                               'map has no entry for key "Nope"\n', 1),
])
def test_docker_inspect_raw_fallback(fmt, out, err, rc):
    assert T.inspect_output(fmt, [_container()]) == (out, err, rc)


def test_inspect_missing_object_and_json_mode():
    out, err, rc = T.inspect_output("{{.Name}}", [_container(), "Error: No such object: nope"])
    assert (out, err, rc) == ("/dsm_c1\n", "Error: No such object: nope\n", 1)
    out, err, rc = T.inspect_output("json", [_container()])
    assert out.startswith('[{"Id":"100cb5317bad","Name":"/dsm_c1",') and "echo hello > /data/f" in out
    assert T.inspect_output("", []) == ("[]\n", "", 0)


# ---------------------------------------------------------------------------------------------
# json encoding

def test_go_json():
    assert GJ.go_json({"a": [1, 2.5, None, True], "b": "x<y"}) == '{"a":[1,2.5,null,true],"b":"x<y"}'
    assert GJ.go_json("x<y&z", escape_html=True) == '"x\\u003cy\\u0026z"'
    assert GJ.go_json("\u2028\b\x01") == '"\\u2028\\b\\u0001"'
    assert GJ.go_json(1e21) == "1e+21" and GJ.go_json(1e20) == "100000000000000000000"
    assert GJ.go_json(0.000001) == "0.000001" and GJ.go_json(1e-7) == "1e-7"
    assert GJ.go_json(GV.GoMap({"b": "1", "a": "2"})) == '{"a":"2","b":"1"}'
    assert GJ.go_json({}, indent="    ") == "{}"
    assert GJ.go_json({"a": {"b": 1}}, indent="  ") == '{\n  "a": {\n    "b": 1\n  }\n}'


def test_go_sprint():
    assert GF.go_sprint(1, 2, "a", "b", 3) == "1 2ab3"
    assert GF.go_sprint({"b": 1, "a": [1, "x"]}) == "map[a:[1 x] b:1]"
    assert GF.go_sprint(None, GV.MISSING) == "<nil> <no value>"
