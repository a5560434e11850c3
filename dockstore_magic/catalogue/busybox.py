"""``busybox`` (the glibc variant, which the plain tags point to), linux/amd64.

Modelled: ``busybox:1.37.0`` (tags latest, 1.37, 1, unstable, glibc, …; created
2024-09-26T21:31:42Z, ~4.42 MB) and ``busybox:1.36.1`` (tags 1.36, stable, …; created
2023-05-18T22:34:17Z, ~4.26 MB), as docker-library/busybox builds them: ``busybox
--install /bin`` makes every applet a HARD LINK to ``/bin/busybox`` (``ls -li /bin`` shows one
inode), so the layer counts the binary once.  glibc's NSS libraries, ``getconf`` from Debian
and buildroot's skeleton ``/etc/passwd``, ``group`` and ``shadow`` complete the rootfs.
"""
from __future__ import annotations

from ._build import Layout, digest_of, epoch, hist
from ._debian_data import NSSWITCH      # Debian's (libc-bin), copied by the image's builder
from .registry import CatalogueImage, CatalogueLayer, register

# BusyBox 1.36/1.37 ``make defconfig`` applets (``busybox --list``), all installed in /bin.
APPLETS = """
[ [[ acpid add-shell addgroup adduser adjtimex ar arch arp arping ascii ash awk base32 base64
basename bc beep blkdiscard blkid blockdev bootchartd brctl bunzip2 bzcat bzip2 cal cat chat
chattr chgrp chmod chown chpasswd chpst chroot chrt chvt cksum clear cmp comm conspy cp cpio
crc32 crond crontab cryptpw cttyhack cut date dc dd deallocvt delgroup deluser depmod devmem df
dhcprelay diff dirname dmesg dnsd dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases
echo ed egrep eject env envdir envuidgid ether-wake expand expr factor fakeidentd fallocate false
fatattr fbset fbsplash fdflush fdformat fdisk fgconsole fgrep find findfs flock fold free
freeramdisk fsck fsck.minix fsfreeze fstrim fsync ftpd ftpget ftpput fuser getfattr getopt getty
grep groups gunzip gzip halt hd hdparm head hexdump hexedit hostid hostname httpd hush hwclock
i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifenslave ifplugd ifup inetd init
inotifyd insmod install ionice iostat ip ipaddr ipcalc ipcrm ipcs iplink ipneigh iproute iprule
iptunnel kbd_mode kill killall killall5 klogd last less link linux32 linux64 linuxrc ln loadfont
loadkmap logger login logname logread losetup lpd lpq lpr ls lsattr lsmod lsof lspci lsscsi lsusb
lzcat lzma lzop makedevs makemime man md5sum mdev mesg microcom mim mkdir mkdosfs mke2fs mkfifo
mkfs.ext2 mkfs.minix mkfs.vfat mknod mkpasswd mkswap mktemp modinfo modprobe more mount
mountpoint mpstat mt mv nameif nanddump nandwrite nbd-client nc netstat nice nl nmeter nohup
nologin nproc nsenter nslookup ntpd nuke od openvt partprobe passwd paste patch pgrep pidof ping
ping6 pipe_progress pivot_root pkill pmap popmaildir poweroff powertop printenv printf ps pscan
pstree pwd pwdx raidautorun rdate rdev readahead readlink readprofile realpath reboot reformime
remove-shell renice reset resize resume rev rm rmdir rmmod route rpm rpm2cpio rtcwake run-init
run-parts runlevel runsv runsvdir rx script scriptreplay sed seedrng sendmail seq setarch
setconsole setfattr setfont setkeycodes setlogcons setpriv setserial setsid setuidgid sh sha1sum
sha256sum sha3sum sha512sum showkey shred shuf slattach sleep smemcap softlimit sort split
ssl_client start-stop-daemon stat strings stty su sulogin sum sv svc svlogd svok swapoff swapon
switch_root sync sysctl syslogd tac tail tar taskset tc tcpsvd tee telnet telnetd test tftp tftpd
time timeout top touch tr traceroute traceroute6 tree true truncate ts tsort tty ttysize tunctl
ubiattach ubidetach ubimkvol ubirename ubirmvol ubirsvol ubiupdatevol udhcpc udhcpc6 udhcpd
udpsvd uevent umount uname unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime users
usleep uudecode uuencode vconfig vi vlock volname w wall watch watchdog wc wget which who whoami
whois xargs xxd xz xzcat yes zcat zcip
""".split()

# buildroot's system/skeleton files, as copied by the image's Dockerfile.builder.
PASSWD = """\
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
"""

GROUP = """\
root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
"""

# "sed -ri -e 's/^root::/root:*:/'" (CVE-2019-5021)
SHADOW = """\
root:*:::::::
daemon:*:::::::
bin:*:::::::
sys:*:::::::
sync:*:::::::
mail:*:::::::
www-data:*:::::::
operator:*:::::::
nobody:*:::::::
"""


def tzif_utc() -> bytes:
    """/usr/share/zoneinfo/UTC as zic writes it: TZif v2, one type "UTC", footer "UTC0"."""
    import struct
    head = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, 0, 1, 4)
    body = struct.pack(">lBB", 0, 0, 0) + b"UTC\0"
    return head + body + head + body + b"\nUTC0\n"


# Debian bookworm glibc 2.36 (amd64) file sizes.
GLIBC_LIBS = {
    "libc.so.6": 1922136,
    "ld-linux-x86-64.so.2": 210904,
    "libm.so.6": 907784,
    "libresolv.so.2": 68104,
    "libnss_compat.so.2": 43968,
    "libnss_dns.so.2": 14480,
    "libnss_files.so.2": 14480,
    "libnss_hesiod.so.2": 26896,
    "libpthread.so.0": 14480,
}


def _rootfs(version: str, mtime: float, target: int):
    def build():
        fam = f"busybox:{version}-glibc"
        L = Layout(mtime, fam)
        L.dir("/bin")
        # the binary: its size is what is left of the real layer size once the rest is known
        L.bulk("/bin/busybox", 1_100_000, mode=0o755)
        for applet in APPLETS:
            L.hardlink("/bin/busybox", f"/bin/{applet}")
        L.blob("/bin/getconf", 35200)
        L.dir("/dev")
        L.dir("/etc")
        L.text("/etc/group", GROUP)
        L.text("/etc/passwd", PASSWD)
        L.text("/etc/shadow", SHADOW, mode=0o600)
        L.text("/etc/nsswitch.conf", NSSWITCH)
        L.text("/etc/localtime", tzif_utc())
        for d in ("if-down.d", "if-post-down.d", "if-pre-up.d", "if-up.d"):
            L.dir(f"/etc/network/{d}")
        L.dir("/home", 0o755, 65534, 65534)
        L.dir("/lib")
        for name, size in GLIBC_LIBS.items():
            L.blob(f"/lib/{name}", size)
        L.link("lib", "/lib64")
        L.dir("/root", 0o700)
        L.dir("/tmp", 0o1777)
        L.dir("/usr/bin")
        L.link("../../bin/env", "/usr/bin/env")
        L.dir("/usr/sbin", 0o755, 1, 1)
        L.dir("/var/spool/mail", 0o755, 8, 8)
        L.dir("/var/www")
        return L.finish(target)
    return build


def _image(version: str, created: str, target: int, tags: list[str], debian: str) -> None:
    created_by = f"BusyBox {version} (glibc), Debian {debian}"
    layer = CatalogueLayer(key=f"busybox:{version}-glibc@{created}", created_by=created_by,
                           size_hint=target, builder=_rootfs(version, epoch(created), target))
    image = CatalogueImage(
        repository="busybox", tag=tags[0], aliases=tags[1:], layers=[layer],
        config={
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["sh"],
        },
        history=[hist(created, created_by)],
        created=created,
        repo_digest=digest_of(f"busybox:{version}-glibc manifest index"),
        version_note=f"BusyBox {version}, glibc variant built on Debian {debian}",
    )
    register(image, tags)


_image("1.37.0", "2024-09-26T21:31:42Z", 4_420_000,
       ["latest", "1.37.0", "1.37", "1", "unstable", "glibc", "1.37.0-glibc", "1.37-glibc",
        "1-glibc", "unstable-glibc"], "12")
_image("1.36.1", "2023-05-18T22:34:17Z", 4_264_000,
       ["1.36.1", "1.36", "stable", "1.36.1-glibc", "1.36-glibc", "stable-glibc"], "12")
