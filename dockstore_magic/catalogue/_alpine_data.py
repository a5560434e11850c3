"""Alpine data shared by the catalogue's ``alpine`` layers and the shell's small sandbox
root (:mod:`dockstore_magic.shell.sandbox`): a module without side effects, importing it
registers no image."""

# Where Alpine's busybox installs its applets (/etc/busybox-paths.d/busybox).
APPLETS = {
    "/bin": """arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg
        dnsdomainname dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip
        gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr
        lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping
        ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial
        sh sleep stat stty su sync tar touch true umount uname usleep watch zcat""",
    "/sbin": """acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty
        halt hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh
        iproute iprule iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat
        mkswap modinfo modprobe nameif nologin pivot_root poweroff reboot rmmod route setconsole
        slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog""",
    "/usr/bin": """[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear
        cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname dos2unix du eject env expand
        expr factor fallocate find flock fold free fuser hd head hexdump hostid id install ipcrm
        ipcs killall last less logger lsof lsusb lzcat lzma md5sum mesg microcom mkfifo mkpasswd
        nc nl nmeter nohup nproc nsenter nslookup od openvt paste patch pgrep pkill pmap printf
        pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid sha1sum
        sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail tee test
        time timeout top tr traceroute traceroute6 tree truncate tty ttysize unexpand uniq
        unix2dos unlink unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock
        volname wc wget which who whoami whois xargs xxd xzcat yes""",
    "/usr/sbin": """add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup
        deluser ether-wake fbset killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe
        rdate rdev readahead remove-shell rfkill sendmail setfont setlogcons""",
}

PASSWD = """\
root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
"""

GROUP = """\
root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
"""
