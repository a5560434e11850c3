"""File commands on TreeFS and OverlayFS: output formats (GNU and busybox), effects on the
filesystem, permissions, overlay copy-up, big files as blobs."""
import stat as _st

import pytest

from dockstore_magic.fs import TreeFS, OverlayFS, ZeroBlob, FillerBlob, ConcatBlob
from dockstore_magic.fs.tree import Dir
from dockstore_magic.shell.sandbox import make_busybox_fs, make_debian_fs, NOW
from unit.shell_fixtures import out


@pytest.fixture
def deb():
    return make_debian_fs(clock=lambda: NOW - 60)


@pytest.fixture
def bb():
    return make_busybox_fs(clock=lambda: NOW - 60)


# ---------------------------------------------------------------- ls
def test_ls_long_gnu(deb):
    deb.write("/old", b"", mode=0o644)
    deb.utime("/old", 1_577_934_240.0)           # 2020-01-02 03:04
    r = out(deb, "cd /tmp && echo hello > f && ln -s f l && mkdir -p d/sub && "
                 "dd if=/dev/zero of=big bs=1k count=1500 2>/dev/null && ls -l && ls -l /old")
    assert r == (0, "total 1508\n"
                    "-rw-r--r-- 1 root root 1536000 Nov 28 08:52 big\n"
                    "drwxr-xr-x 3 root root    4096 Nov 28 08:52 d\n"
                    "-rw-r--r-- 1 root root       6 Nov 28 08:52 f\n"
                    "lrwxrwxrwx 1 root root       1 Nov 28 08:52 l -> f\n"
                    "-rw-r--r-- 1 root root 0 Jan  2  2020 /old\n")
    assert out(deb, "cd /tmp && ls -lh big d") == \
        (0, "-rw-r--r-- 1 root root 1.5M Nov 28 08:52 big\n\nd:\ntotal 4.0K\n"
            "drwxr-xr-x 2 root root 4.0K Nov 28 08:52 sub\n")
    assert out(deb, "ls -ld /tmp /root") == \
        (0, "drwx------ 2 root root 4096 Nov 28 08:52 /root\n"
            "drwxrwxrwt 3 root root 4096 Nov 28 08:52 /tmp\n")


def test_ls_long_busybox(bb):
    r = out(bb, "cd /tmp && echo hello > f && ln -s f l && mkdir d && ls -l && ls -la d && "
                "ls -ln f && ls -l /nope; echo $?")
    assert r == (0, "total 8\n"
                    "drwxr-xr-x    2 root     root          4096 Nov 28 08:52 d\n"
                    "-rw-r--r--    1 root     root             6 Nov 28 08:52 f\n"
                    "lrwxrwxrwx    1 root     root             1 Nov 28 08:52 l -> f\n"
                    "total 8\n"
                    "drwxr-xr-x    2 root     root          4096 Nov 28 08:52 .\n"
                    "drwxrwxrwt    3 root     root          4096 Nov 28 08:52 ..\n"
                    "-rw-r--r--    1 0        0                6 Nov 28 08:52 f\n"
                    "ls: /nope: No such file or directory\n1\n")


def test_ls_short_forms(deb):
    assert out(deb, "mkdir -p /t/d/e && touch /t/b /t/a /t/.h && cd /t && ls && ls -a && ls -A "
                    "&& ls -R d && ls -F && ls -1 d /t/a") == \
        (0, "a\nb\nd\n.\n..\n.h\na\nb\nd\n.h\na\nb\nd\nd:\ne\n\nd/e:\na\nb\nd/\n/t/a\n\nd:\ne\n")
    assert out(deb, "ls /nope; echo $?") == \
        (0, "ls: cannot access '/nope': No such file or directory\n2\n")
    # a terminal gets columns
    r = out(deb, "ls /", tty=True)
    # (GNU ls aligns columns with tabs where a tab stop fits)
    assert r[1] == ("bin   dev  home  lib64\tmnt  proc  run\t srv  t    usr\n"
                    "boot  etc  lib\t media\topt  root  sbin  sys  tmp  var\n")


def test_ls_whiteout_and_char_devices():
    upper = TreeFS(clock=lambda: NOW)
    upper.mkdir("/etc")
    upper.write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
    upper.write("/etc/group", "root:x:0:\n")
    upper.mknod("/deleted", _st.S_IFCHR, 0)
    upper.write("/kept", b"x")
    assert out(upper, "ls -l /", check_executables=False, tool_flavor="gnu") == \
        (0, "total 8\nc--------- 1 root root 0, 0 Nov 28 08:53 deleted\n"
            "drwxr-xr-x 2 root root 4096 Nov 28 08:53 etc\n"
            "-rw-r--r-- 1 root root    1 Nov 28 08:53 kept\n")
    assert out(upper, "ls -l /deleted", check_executables=False, tool_flavor="busybox") == \
        (0, "c---------    1 root     root        0,   0 Nov 28 08:53 /deleted\n")


def test_ls_owner_names_and_numeric(deb):
    deb.write("/f", b"x")
    deb.chown("/f", 33, 4242)
    assert out(deb, "ls -l /f; ls -n /f") == \
        (0, "-rw-r--r-- 1 www-data 4242 1 Nov 28 08:52 /f\n-rw-r--r-- 1 33 4242 1 Nov 28 08:52 /f\n")


# ---------------------------------------------------------------- stat
def test_stat(deb, bb):
    r = out(deb, "echo x > /f && chmod 640 /f && stat -c '%s %n %a %A %U %G %u %g %F %h %Y' /f /tmp")
    assert r == (0, f"2 /f 640 -rw-r----- root root 0 0 regular file 1 {int(NOW - 60)}\n"
                    f"4096 /tmp 1777 drwxrwxrwt root root 0 0 directory 2 {int(NOW - 60)}\n")
    code, text = out(deb, "stat /etc/hostname")
    lines = text.splitlines()
    assert lines[0] == "  File: /etc/hostname"
    assert lines[1] == "  Size: 10        \tBlocks: 8          IO Block: 4096   regular file"
    assert lines[3] == "Access: (0644/-rw-r--r--)  Uid: (    0/    root)   Gid: (    0/    root)"
    assert lines[-1] == " Birth: -"
    assert out(deb, "stat /nope") == (1, "stat: cannot statx '/nope': No such file or directory\n")
    assert out(bb, "stat /nope") == (1, "stat: can't stat '/nope': No such file or directory\n")


# ---------------------------------------------------------------- create / remove
def test_mkdir_touch_rm(deb, bb):
    assert out(deb, "mkdir /d && mkdir /d; mkdir /a/b; mkdir -p /a/b/c && mkdir -m 700 /m && "
                    "stat -c %a /a/b/c /m") == \
        (0, "mkdir: cannot create directory '/d': File exists\n"
            "mkdir: cannot create directory '/a/b': No such file or directory\n755\n700\n")
    assert out(bb, "mkdir /d; mkdir /d") == (1, "mkdir: can't create directory '/d': File exists\n")
    assert out(deb, "rm /nope; rm -f /nope; echo $?; rm /d; rm -r /d && test ! -e /d && echo gone") \
        == (0, "rm: cannot remove '/nope': No such file or directory\n0\n"
               "rm: cannot remove '/d': Is a directory\ngone\n")
    assert out(bb, "rm /nope; rm /tmp") == \
        (1, "rm: can't remove '/nope': No such file or directory\nrm: '/tmp' is a directory\n")
    assert out(deb, "mkdir -p /x/y && touch /x/y/f && rmdir /x; rmdir /nope; rm -rf /x; ls /x") == \
        (2, "rmdir: failed to remove '/x': Directory not empty\n"
            "rmdir: failed to remove '/nope': No such file or directory\n"
            "ls: cannot access '/x': No such file or directory\n")
    assert out(deb, "rm -rf /") == (1, "rm: it is dangerous to operate recursively on '/'\n"
                                      "rm: use --no-preserve-root to override this failsafe\n")
    assert out(deb, "touch -d '2020-01-02 03:04:05' /t && stat -c %Y /t") == (0, "1577934245\n")


def test_rm_glob_of_apt_lists(deb):
    for i in range(3):
        deb.write(f"/var/lib/apt/lists/list{i}", FillerBlob(1000, str(i)))
    assert out(deb, "rm -rf /var/lib/apt/lists/* && ls -A /var/lib/apt/lists; echo $?") == (0, "0\n")


def test_cp_mv_ln(deb, bb):
    deb.write("/src", FillerBlob(5000, "s"), mode=0o600)
    deb.utime("/src", 1_000_000.0)
    assert out(deb, "cp /src /c1 && cp -p /src /c2 && stat -c '%a %Y' /c1 /c2") == \
        (0, f"600 {int(NOW - 60)}\n600 1000000\n")
    # copies share the blob (no bytes duplicated in memory)
    assert deb.read_blob("/c1") is deb.read_blob("/src")
    assert out(deb, "mkdir -p /d/e && touch /d/e/f && cp /d /x; cp -r /d /x && find /x && "
                    "cp /nope /y; mv /nope /y; cp; cp /src") == \
        (1, "cp: -r not specified; omitting directory '/d'\n/x\n/x/e\n/x/e/f\n"
            "cp: cannot stat '/nope': No such file or directory\n"
            "mv: cannot stat '/nope': No such file or directory\n"
            "cp: missing file operand\nTry 'cp --help' for more information.\n"
            "cp: missing destination file operand after '/src'\n"
            "Try 'cp --help' for more information.\n")
    assert out(deb, "mv /x /d/ && ls /d && mv /d/x/e/f /moved && ls /moved") == \
        (0, "e\nx\n/moved\n")
    assert out(deb, "cp -r /d /d/inside") == \
        (1, "cp: cannot copy a directory, '/d', into itself, '/d/inside'\n")
    assert out(deb, "ln -s /src /l && readlink /l && ln -s /src /l; ln /src /h && "
                    "stat -c %h /src /h && ln /d /hd") == \
        (1, "/src\nln: failed to create symbolic link '/l': File exists\n2\n2\n"
            "ln: '/d': hard link not allowed for directory\n")
    assert out(bb, "ln -s /x /l; ln -s /x /l; cp /nope /y; mv /nope /y") == \
        (1, "ln: /l: File exists\ncp: can't stat '/nope': No such file or directory\n"
            "mv: can't rename '/nope': No such file or directory\n")


def test_chmod_chown(deb, bb):
    assert out(deb, "touch /f && chmod u+x,g+w,o-r /f && stat -c %A /f && chmod a=rX /f && "
                    "stat -c %A /f && chmod 4755 /f && stat -c %A /f && chmod -x /f && "
                    "stat -c %A /f && chmod 777 /nope; chmod bad /f") == \
        (1, "-rwxrw----\n-r-xr-xr-x\n-rwsr-xr-x\n-rwSr--r--\n"
            "chmod: cannot access '/nope': No such file or directory\n"
            "chmod: invalid mode: 'bad'\nTry 'chmod --help' for more information.\n")
    assert out(deb, "mkdir -p /d/e && touch /d/e/f && chmod -R go-rx /d && stat -c %a /d /d/e /d/e/f")\
        == (0, "700\n700\n600\n")
    assert out(deb, "touch /o && chown www-data:staff /o && ls -l /o && chown 123:456 /o && "
                    "ls -ln /o && chown nope /o; chown :nogroup /o; ls -l /o") == \
        (0, "-rw-r--r-- 1 www-data staff 0 Nov 28 08:52 /o\n-rw-r--r-- 1 123 456 0 Nov 28 08:52 /o\n"
            "chown: invalid user: 'nope'\n-rw-r--r-- 1 123 nogroup 0 Nov 28 08:52 /o\n")
    assert out(bb, "chown nope /etc/passwd") == (1, "chown: unknown user nope\n")


# ---------------------------------------------------------------- permissions (non-root)
def test_permission_denied_as_nobody(deb, bb):
    s = ("echo > /root/x; cat /etc/shadow; touch /etc/x; mkdir /etc/y; rm /etc/passwd; ls /root; "
         "cp /etc/hostname /etc/z; mv /etc/hostname /etc/zz; ln -s a /etc/q; chmod 777 /etc/passwd; "
         "chown nobody /etc/passwd; cd /root; echo $?")
    assert out(deb, s, uid=65534, gid=65534) == (0, (
        "/bin/sh: 1: cannot create /root/x: Permission denied\n"
        "cat: /etc/shadow: Permission denied\n"
        "touch: cannot touch '/etc/x': Permission denied\n"
        "mkdir: cannot create directory '/etc/y': Permission denied\n"
        "rm: cannot remove '/etc/passwd': Permission denied\n"
        "ls: cannot open directory '/root': Permission denied\n"
        "cp: cannot create regular file '/etc/z': Permission denied\n"
        "mv: cannot move '/etc/hostname' to '/etc/zz': Permission denied\n"
        "ln: failed to create symbolic link '/etc/q': Permission denied\n"
        "chmod: changing permissions of '/etc/passwd': Operation not permitted\n"
        "chown: changing ownership of '/etc/passwd': Operation not permitted\n"
        "/bin/sh: 1: cd: can't cd to /root\n2\n"))
    assert out(bb, s, uid=65534, gid=65534) == (0, (
        "/bin/sh: can't create /root/x: Permission denied\n"
        "cat: can't open '/etc/shadow': Permission denied\n"
        "touch: /etc/x: Permission denied\n"
        "mkdir: can't create directory '/etc/y': Permission denied\n"
        "rm: can't remove '/etc/passwd': Permission denied\n"
        "ls: can't open '/root': Permission denied\n"
        "cp: can't create '/etc/z': Permission denied\n"
        "mv: can't rename '/etc/hostname': Permission denied\n"
        "ln: /etc/q: Permission denied\n"
        "chmod: /etc/passwd: Operation not permitted\n"
        "chown: /etc/passwd: Operation not permitted\n"
        "/bin/sh: cd: line 0: can't cd to /root: Permission denied\n2\n"))


def test_files_created_by_user_get_its_ids(deb):
    assert out(deb, "echo hi > /tmp/a && mkdir /tmp/d && touch /tmp/t && stat -c '%u:%g %a' "
                    "/tmp/a /tmp/d /tmp/t && id", uid=1000, gid=1000) == \
        (0, "1000:1000 644\n1000:1000 755\n1000:1000 644\nuid=1000 gid=1000 groups=1000\n")
    # the sticky /tmp: another user cannot remove it
    assert out(deb, "rm -f /tmp/a", uid=1001, gid=1001) == \
        (1, "rm: cannot remove '/tmp/a': Operation not permitted\n")
    assert out(deb, "rm -f /tmp/a && echo ok", uid=1000, gid=1000) == (0, "ok\n")


# ---------------------------------------------------------------- overlay
def _overlay():
    lower = make_debian_fs(clock=lambda: NOW - 3600)
    lower.write("/data.bin", FillerBlob(10_000_000, "data"))
    upper = Dir()
    return OverlayFS(upper, [lower.root], clock=lambda: NOW), upper, lower


def test_append_to_lower_file_copies_it_up_whole():
    ovl, upper, lower = _overlay()
    assert out(ovl, "echo more >> /data.bin && stat -c %s /data.bin") == (0, "10000005\n")
    assert ovl.copy_ups == 1 and ovl.copied_bytes == 10_000_000
    up = TreeFS(upper)
    assert up.stat("/data.bin").size == 10_000_005
    assert up.read_blob("/data.bin").read(10_000_000) == b"more\n"
    assert lower.stat("/data.bin").size == 10_000_000          # the lower layer is untouched


def test_mv_of_lower_folder_falls_back_to_copy_and_delete():
    ovl, upper, lower = _overlay()
    assert out(ovl, "mv /etc/apt /etc/apt2 && ls /etc/apt2 && ls /etc/apt") == \
        (2, "apt.conf.d\nsources.list.d\nls: cannot access '/etc/apt': No such file or directory\n")
    up = TreeFS(upper)
    assert up.lstat("/etc/apt").is_chardev                    # a whiteout
    assert up.isdir("/etc/apt2/sources.list.d")
    assert out(up, "ls -ln /etc", check_executables=False, tool_flavor="gnu")[1] == (
        "total 4\nc--------- 1 0 0 0, 0 Nov 28 08:53 apt\n"
        "drwxr-xr-x 4 0 0 4096 Nov 28 07:53 apt2\n")


def test_rm_of_lower_file_leaves_whiteout_and_merged_dir_nlink():
    ovl, upper, lower = _overlay()
    assert out(ovl, "rm /etc/hostname && ls /etc/hostname; ls -ld /etc | cut -c1-12") == \
        (0, "ls: cannot access '/etc/hostname': No such file or directory\ndrwxr-xr-x 1\n")
    assert TreeFS(upper).lstat("/etc/hostname").is_chardev


# ---------------------------------------------------------------- big files are blobs
def test_dd_truncate_fallocate_big_files_cost_nothing(deb):
    r = out(deb, "dd if=/dev/zero of=/big bs=1M count=1024 && ls -lh /big && du -h /big && "
                 "cat /big > /copy && cat /big /big >> /copy && stat -c %s /copy && "
                 "truncate -s 2G /sparse && du /sparse && ls -s /sparse && fallocate -l 1G /fa && "
                 "du -h /fa && head -c 10 /big | od -An -tx1")
    assert r == (0, "1024+0 records in\n1024+0 records out\n"
                    "1073741824 bytes (1.1 GB, 1.0 GiB) copied, 0.67 s, 1.6 GB/s\n"
                    "-rw-r--r-- 1 root root 1.0G Nov 28 08:52 /big\n1.0G\t/big\n3221225472\n"
                    "0\t/sparse\n0 /sparse\n1.0G\t/fa\n 00 00 00 00 00 00 00 00 00 00\n")
    assert isinstance(deb.read_blob("/big"), ZeroBlob)
    assert isinstance(deb.read_blob("/copy"), ConcatBlob)


def test_dd_options(deb):
    deb.write("/in", b"0123456789")
    assert out(deb, "dd if=/in of=/out bs=2 skip=1 count=3 status=none && cat /out && echo && "
                    "dd if=/in of=/out bs=1 seek=2 count=2 conv=notrunc status=none && cat /out && "
                    "echo && dd if=/in bs=4 2>&1 >/dev/null | head -2") == \
        (0, "234567\n230167\n2+1 records in\n2+1 records out\n")
    assert out(deb, "dd if=/nope of=/x") == \
        (1, "dd: failed to open '/nope': No such file or directory\n")


# ---------------------------------------------------------------- find / du / df
def test_find(deb):
    r = out(deb, "mkdir -p /f/sub && echo hi > /f/a.txt && touch /f/b.md /f/sub/c.txt && "
                 "find /f && find /f -name '*.txt' && find /f -type d && find /f -maxdepth 1 -type f "
                 "&& find /f -size -1k -type f && find /f -name a.txt -exec cat {} \\; && "
                 "find /f -newer /f/a.txt; find /nope")
    assert r == (1, "/f\n/f/a.txt\n/f/b.md\n/f/sub\n/f/sub/c.txt\n/f/a.txt\n/f/sub/c.txt\n/f\n/f/sub\n"
                    "/f/a.txt\n/f/b.md\n/f/b.md\n/f/sub/c.txt\nhi\n"
                    "find: '/nope': No such file or directory\n")
    assert out(deb, "find /f -name '*.md' -delete && ls /f && find /f -type f | xargs wc -c") == \
        (0, "a.txt\nsub\n3 /f/a.txt\n0 /f/sub/c.txt\n3 total\n")



def test_find_h_follows_only_operand_symlinks(deb, bb):
    # GNU find 9.1 and busybox 1.35 on this host: -H follows a symlink given as an operand
    # (a dangling one is reported as the link itself) but not the links met below it;
    # -P (the default) never follows; the last of -H/-L/-P wins.
    script = ("mkdir -p /h/d && touch /h/d/a && ln -s d /h/l && ln -s nope /h/broken && cd /h && "
              "find -H l broken; find -H . -type l; find -P l; find -L -H l -type f")
    expected = (0, "l\nl/a\nbroken\n./broken\n./l\nl\nl/a\n")
    assert out(deb, script) == expected
    assert out(bb, script) == expected

def test_du(deb, bb):
    r = out(deb, "mkdir -p /d/e && head -c 5000 /dev/zero > /d/e/f && echo a > /d/g && du /d && "
                 "du -a /d && du -s /d && du -sh /d && du -sb /d && du -c /d /d/e | tail -1 && "
                 "du -h --max-depth=0 /d")
    assert r == (0, "12\t/d/e\n20\t/d\n8\t/d/e/f\n12\t/d/e\n4\t/d/g\n20\t/d\n20\t/d\n20K\t/d\n"
                    "13194\t/d\n20\ttotal\n20K\t/d\n")
    assert out(bb, "mkdir -p /d && head -c 10240 /dev/zero > /d/f && du -h /d/f") == \
        (0, "12.0K\t/d/f\n")


def test_df_uses_hook_or_fallback(deb, bb):
    rows = [("overlay", 62_725_623_808, 10_737_418_240, 48_828_125_000, "/"),
            ("tmpfs", 67_108_864, 0, 67_108_864, "/dev")]
    assert out(deb, "df -h; df /", df_info=lambda: rows) == (0, (
        "Filesystem      Size  Used Avail Use% Mounted on\n"
        "overlay          59G   10G   46G  19% /\n"
        "tmpfs            64M     0   64M   0% /dev\n"
        "Filesystem     1K-blocks     Used Available Use% Mounted on\n"
        "overlay         61255492 10485760  47683716  19% /\n"))
    assert out(bb, "df -h /", df_info=lambda: rows) == (0, (
        "Filesystem                Size      Used Available Use% Mounted on\n"
        "overlay                  58.4G     10.0G     45.5G  19% /\n"))
    assert out(deb, "df -h")[1].startswith("Filesystem      Size  Used Avail Use% Mounted on\n"
                                           "overlay  ")


def test_readlink_realpath_basename_dirname_mktemp(deb):
    assert out(deb, "readlink /bin; readlink -f /bin/sh; realpath /bin/../etc; realpath /nope/x; "
                    "basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname a; basename /") == \
        (0, "usr/bin\n/usr/bin/dash\n/usr/etc\nrealpath: /nope/x: No such file or directory\n"
            "c\n/a/b\n.\n/\n")
    code, text = out(deb, "t=$(mktemp) && stat -c '%a %F' $t && d=$(mktemp -d) && stat -c '%a %F' $d"
                          " && echo $t | grep -c '^/tmp/tmp\\.[A-Za-z0-9]\\{10\\}$'")
    assert (code, text) == (0, "600 regular empty file\n700 directory\n1\n")


def test_busybox_sandbox_places_applets_as_alpine_does(bb):
    # the sandbox takes the applets' folders from the catalogue's Alpine data
    # (/etc/busybox-paths.d/busybox); the two Alpine's busybox lacks go to /usr/bin
    assert out(bb, "ls /usr/bin/printf /bin/base64 /bin/printenv /usr/bin/vi /usr/sbin/adduser "
                   "/usr/bin/getent; readlink /bin/rev") == \
        (0, "/bin/base64\n/bin/printenv\n/usr/bin/getent\n/usr/bin/printf\n/usr/bin/vi\n"
            "/usr/sbin/adduser\n/bin/busybox\n")
