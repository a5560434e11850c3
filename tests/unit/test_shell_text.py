"""Text commands: exact outputs as GNU coreutils/grep/sed and busybox print them."""
from dockstore_magic.fs import FillerBlob, ZeroBlob
from dockstore_magic.shell.sandbox import sh
from unit.shell_fixtures import out, fresh_deb, fresh_bb  # noqa: F401 (fixtures)


def test_cat(deb, bb):
    assert out(deb, "printf 'a\\n\\n\\nb\\n' > /f && cat /f /f | wc -l && cat -n /f && cat -s /f "
                    "&& cat /nope /etc; echo $?") == \
        (0, "8\n     1\ta\n     2\t\n     3\t\n     4\tb\na\n\nb\n"
            "cat: /nope: No such file or directory\ncat: /etc: Is a directory\n1\n")
    assert out(bb, "cat /nope; cat /etc") == \
        (1, "cat: can't open '/nope': No such file or directory\ncat: read error: Is a directory\n")
    assert out(deb, "echo in | cat - && cat < /etc/hostname") == (0, "in\nlocalhost\n")


def test_head_tail(deb, bb):
    deb.write("/f", "".join(f"{i}\n" for i in range(1, 21)))
    assert out(deb, "head -3 /f; head -n 2 /f; tail -n 2 /f; tail -3 /f; head -c 3 /f; echo; "
                    "tail -c 3 /f; tail -n +19 /f; head -n -18 /f") == \
        (0, "1\n2\n3\n1\n2\n19\n20\n18\n19\n20\n1\n2\n20\n19\n20\n1\n2\n")
    deb.write("/g", "x\ny\n")
    assert out(deb, "head -n1 /f /g; tail -n1 /f /g") == \
        (0, "==> /f <==\n1\n\n==> /g <==\nx\n==> /f <==\n20\n\n==> /g <==\ny\n")
    assert out(deb, "head /nope; tail /nope") == \
        (1, "head: cannot open '/nope' for reading: No such file or directory\n"
            "tail: cannot open '/nope' for reading: No such file or directory\n")
    assert out(bb, "head /nope; tail /nope") == \
        (1, "head: /nope: No such file or directory\n"
            "tail: can't open '/nope': No such file or directory\ntail: no files\n")
    assert out(deb, "head -c 5 /dev/urandom | wc -c; head -c 4 /dev/zero | od -An -tx1") == \
        (0, "5\n 00 00 00 00\n")


def test_head_of_a_huge_file_is_a_slice(deb):
    deb.write("/big", FillerBlob(5 << 30, "big"))
    r, _ = sh(deb, "head -c 100M /big > /part && tail -c 10 /big | wc -c && stat -c %s /part")
    assert r.output == b"10\n104857600\n"
    assert deb.read_blob("/part").size == 100 << 20


def test_wc(deb, bb):
    deb.write("/f", "abc\n")
    assert out(deb, "wc /f; wc -l /f; wc -c < /f; echo a b | wc; wc -l /f /f; wc -w /f") == \
        (0, "1 1 4 /f\n1 /f\n4\n      1       2       4\n1 /f\n1 /f\n2 total\n1 /f\n")
    bb.write("/f", "abc\n")
    assert out(bb, "wc /f; wc -l /f; echo a b | wc; wc -l /f /f") == \
        (0, "        1         1         4 /f\n1 /f\n        1         2         4\n"
            "        1 /f\n        1 /f\n        2 total\n")


def test_grep(deb, bb):
    deb.write("/f", "hello world\nfoo bar\nHello again\n")
    assert out(deb, "grep hello /f; grep -i hello /f; grep -c o /f; grep -n foo /f; grep -v o /f; "
                    "grep -o 'o' /f | wc -l; grep -w foo /f; grep -E 'wor|bar' /f; "
                    "grep 'w\\(or\\)ld' /f; grep -l foo /f; grep -q xyz /f; echo $?; "
                    "grep x /nope; echo $?") == \
        (0, "hello world\nhello world\nHello again\n3\n2:foo bar\n5\nfoo bar\nhello world\n"
            "foo bar\nhello world\n/f\n1\ngrep: /nope: No such file or directory\n2\n")
    assert out(deb, "mkdir -p /d/s && echo needle > /d/s/x && echo hay > /d/y && grep -r needle /d "
                    "&& grep -rl needle /d && printf 'x\\0y\\n' > /bin.dat && grep y /bin.dat") == \
        (0, "/d/s/x:needle\n/d/s/x\ngrep: /bin.dat: binary file matches\n")
    assert out(deb, "grep") == (2, "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
                                   "Try 'grep --help' for more information.\n")
    # busybox grep sets xfunc_error_retval = 2: its usage exits 2 like GNU grep's
    assert out(bb, "grep; echo $?") == \
        (0, "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\n"
            "Usage: grep [OPTIONS]\n2\n")
    assert out(deb, "printf 'a\\nb\\nc\\nd\\n' | grep -A1 b; printf 'a\\nb\\nc\\n' | grep -B1 c") == \
        (0, "b\nc\nb\nc\n")


def test_sort_uniq_cut_tr(deb):
    deb.write("/s", "b 2\na 10\nc 1\n")
    assert out(deb, "sort /s; sort -k2 -n /s; sort -rn -k2 /s; sort -t' ' -k1,1r /s") == \
        (0, "a 10\nb 2\nc 1\nc 1\nb 2\na 10\na 10\nb 2\nc 1\nc 1\nb 2\na 10\n")
    assert out(deb, "printf '3\\n10\\n2\\n3\\n' | sort -n | uniq; printf 'B\\na\\nC\\n' | sort; "
                    "printf 'a\\na\\nb\\n' | uniq -c; printf 'a\\na\\nb\\n' | uniq -d; "
                    "printf 'x\\ny\\nx\\n' | sort -u") == \
        (0, "2\n3\n10\nB\nC\na\n      2 a\n      1 b\na\nx\ny\n")
    assert out(deb, "echo 'a:b:c' | cut -d: -f2; echo 'a,b,c' | cut -d, -f1,3; "
                    "echo abcdef | cut -c2-4; echo abcdef | cut -c-2,5-; printf 'a\\tb\\n' | cut -f2") == \
        (0, "b\na,c\nbcd\nabef\nb\n")
    assert out(deb, "echo hello | tr a-z A-Z; echo hello | tr -d l; echo 'a  b   c' | tr -s ' '; "
                    "echo AbC | tr '[:upper:]' '[:lower:]'; echo hello | tr -cd 'l\\n'; "
                    "echo abc | tr abc x") == (0, "HELLO\nheo\na b c\nabc\nll\nxxx\n")


def test_sed(deb, bb):
    deb.write("/f", "one\ntwo\nthree\n")
    assert out(deb, "sed 's/o/0/' /f; sed 's/o/0/g' /f | head -1; sed -n '2p' /f; sed '1d' /f; "
                    "sed '$d' /f; sed -n '/two/,$p' /f; echo aaa | sed 's/a/b/2'; "
                    "echo abc | sed -E 's/(b)(c)/\\2\\1/'; echo abc | sed 's/b/[&]/'; "
                    "sed -e 's/one/1/' -e 's/two/2/' /f; sed '2q' /f; sed 'y/ot/OT/' /f | head -1") == \
        (0, "0ne\ntw0\nthree\n0ne\ntwo\ntwo\nthree\none\ntwo\ntwo\nthree\naba\nacb\na[b]c\n"
            "1\n2\nthree\none\ntwo\nOne\n")
    assert out(deb, "sed -i 's/two/TWO/' /f && cat /f && sed -i.bak '1d' /f && cat /f.bak | head -1") \
        == (0, "one\nTWO\nthree\none\n")
    assert out(deb, "printf 'a\\nb\\n' | sed '1i\\\ntop'; printf 'a\\n' | sed 'a after'") == \
        (0, "top\na\nb\na\nafter\n")


def test_xargs_seq_tee(deb, bb):
    assert out(deb, "echo a b c | xargs -n1; echo a b | xargs echo x; printf '1\\n2\\n' | "
                    "xargs -I{} echo n{}; echo | xargs echo empty; echo | xargs -r echo none") == \
        (0, "a\nb\nc\nx a b\nn1\nn2\nempty\n")
    assert out(deb, "echo x | xargs nosuch; echo $?; find /etc/hostname -exec nosuch {} \\;") == \
        (0, "xargs: nosuch: No such file or directory\n127\n"
            "find: 'nosuch': No such file or directory\n")
    assert out(deb, "seq 3; seq 1 2 7; seq -s, 3; seq 0.5 1 2; seq 10 -3 1; seq -w 8 10") == \
        (0, "1\n2\n3\n1\n3\n5\n7\n1,2,3\n0.5\n1.5\n10\n7\n4\n1\n08\n09\n10\n")
    assert out(deb, "echo hi | tee /t1 /t2 && cat /t1 /t2 && echo more | tee -a /t1 >/dev/null && "
                    "cat /t1") == (0, "hi\nhi\nhi\nhi\nmore\n")


def test_checksums_base64(deb):
    deb.write("/f", "abc\n")
    assert out(deb, "md5sum /f; sha256sum /f; sha1sum /f; cat /f | md5sum; md5sum /f > /sums; "
                    "md5sum -c /sums; echo abc | base64; echo YWJjCg== | base64 -d") == \
        (0, "0bee89b07a248e27c83fc3d5951213c1  /f\n"
            "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  /f\n"
            "03cfd743661f07975fa2f1220c5194cbaff48451  /f\n"
            "0bee89b07a248e27c83fc3d5951213c1  -\n/f: OK\nYWJjCg==\nabc\n")
    deb.write("/z", ZeroBlob(1 << 20))
    assert out(deb, "sha256sum /z") == \
        (0, "30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58  /z\n")


def test_tar_gzip(deb, bb):
    for fs in (deb, bb):
        r = out(fs, "cd /tmp && echo abc > f && gzip f && ls && gunzip f.gz && cat f && "
                    "mkdir -p d/e && echo x > d/e/g && tar czf d.tgz d && tar tzf d.tgz && "
                    "mkdir x && tar xzf d.tgz -C x && cat x/d/e/g && tar -cf - d | tar -tf - | wc -l")
        assert r == (0, "f.gz\nabc\nd/\nd/e/\nd/e/g\nx\n3\n")
    assert out(deb, "tar xf /nope.tar") == \
        (2, "tar: /nope.tar: Cannot open: No such file or directory\n"
            "tar: Error is not recoverable: exiting now\n")


def test_tar_takes_a_long_option_by_an_unambiguous_prefix(deb):
    """Docker's documented restore, ``tar xvf /backup/backup.tar --strip 1`` (GNU tar, argp):
    ``--strip`` is ``--strip-components``; an unknown or ambiguous option is refused, as
    GNU tar 1.34 refuses it (exit 64), never ignored."""
    assert out(deb, "cd /tmp && mkdir -p d && echo x > d/g && tar cf d.tar d && mkdir y && cd y "
                    "&& tar xvf ../d.tar --strip 1 && cat g") == (0, "d/g\nx\n")
    assert out(deb, "tar --foo -tf /tmp/d.tar") == \
        (64, "tar: unrecognized option '--foo'\n"
             "Try 'tar --help' or 'tar --usage' for more information.\n")
    code, text = out(deb, "tar --st 1 -tf /tmp/d.tar")
    assert code == 64 and text.startswith("tar: option '--st' is ambiguous; possibilities: ")
    assert "'--strip-components'" in text and "'--starting-file'" in text


def test_env_id_date_uname(deb, bb):
    assert out(deb, "env -i A=1 B=2 env; id; id -u; id -un; whoami; id nobody") == \
        (0, "A=1\nB=2\nuid=0(root) gid=0(root) groups=0(root)\n0\nroot\nroot\n"
            "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n")
    assert out(bb, "id") == (0, "uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),"
                                "4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n")
    assert out(deb, "date; date -u +%Y-%m-%dT%H:%M:%S; date -d @0; date +%s; hostname; uname; "
                    "uname -m; nproc; date -d '2024-01-02 03:04:05' +%s") == \
        (0, "Fri Nov 28 08:53:20 UTC 2025\n2025-11-28T08:53:20\nThu Jan  1 00:00:00 UTC 1970\n"
            "1764320000\nabc123\nLinux\nx86_64\n2\n1704164645\n")
    assert out(deb, "env -i /usr/bin/env; env -i nosuch; echo $?") == \
        (0, "env: 'nosuch': No such file or directory\n127\n")


def test_awk(deb, bb):
    assert out(deb, "printf 'a b c\\nd e f\\n' | awk '{print $2}'; awk -F: '{print $1, $7}' "
                    "/etc/passwd | head -2; printf '1\\n2\\n3\\n' | awk '{s += $1} END {print s, NR, s/NR}'") \
        == (0, "b\ne\nroot /bin/bash\ndaemon /usr/sbin/nologin\n6 3 2\n")
    assert out(deb, "printf 'x 1\\ny 2\\nx 3\\n' | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}'"
                    " | sort; printf 'foo\\nbar\\nbaz\\n' | awk '/ba/ && NR > 2'; "
                    "awk 'BEGIN {printf \"%5.2f|%-3s|%d|%x\\n\", 3.14159, \"ab\", 42.9, 255}'") == \
        (0, "x 4\ny 2\nbaz\n 3.14|ab |42|ff\n")
    assert out(deb, "echo 'aaa bbb' | awk '{gsub(/a/, \"X\"); print; n = sub(/b/, \"Y\", $2); "
                    "print n, $0}'; echo 'a,b,c' | awk -F, -v OFS=- '{$1 = $1; print; NF = 2; print}'; "
                    "awk 'function f(a, b) {return a + b} BEGIN {print f(2, 3), substr(\"hello\", 2, 3), "
                    "length(\"abc\"), index(\"abc\", \"c\"), toupper(\"x\"), 100000 * 100000}'") == \
        (0, "XXX bbb\n1 XXX Ybb\na-b-c\na-b\n5 ell 3 3 X 1e+10\n")
    assert out(bb, "awk 'BEGIN {print 100000 * 100000; exit 3}'; echo $?") == (0, "10000000000\n3\n")
    code, text = out(deb, "awk '{print $1' /etc/passwd; echo $?")
    assert text.startswith("awk: syntax error") and text.endswith("\n2\n")
    assert out(deb, "printf 'l1\\nl2\\nl3\\nl4\\n' | awk '/l2/,/l3/'; awk '{print}' /nope; echo $?") == \
        (0, "l2\nl3\nawk: fatal: cannot open file `/nope' for reading: No such file or directory\n2\n")


def test_nl_pads_unnumbered_lines(deb, bb):
    # GNU nl 9.1 and busybox 1.35 nl on this host: an empty line is not numbered but gets the
    # blanks of the number column and separator (width 6 + 1)
    for fs in (deb, bb):
        assert out(fs, "printf 'a\\n\\nb\\n' | nl") == (0, "     1\ta\n       \n     2\tb\n")
