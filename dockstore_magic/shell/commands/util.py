"""Formatting helpers shared by the commands: mode strings, human sizes, dates, size
suffixes, chmod mode parsing."""
from __future__ import annotations

import math
import re
import stat as _st
import time

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
SIX_MONTHS = 31556952 // 2


def mode_string(mode: int) -> str:
    """``drwxr-xr-x``, ``-rwsr-xr-x``, ``c---------`` …"""
    if _st.S_ISDIR(mode):
        t = "d"
    elif _st.S_ISLNK(mode):
        t = "l"
    elif _st.S_ISCHR(mode):
        t = "c"
    elif _st.S_ISBLK(mode):
        t = "b"
    elif _st.S_ISFIFO(mode):
        t = "p"
    elif _st.S_ISSOCK(mode):
        t = "s"
    else:
        t = "-"
    p = []
    for shift, special, ch in ((6, _st.S_ISUID, "s"), (3, _st.S_ISGID, "s"), (0, _st.S_ISVTX, "t")):
        bits = (mode >> shift) & 7
        p.append("r" if bits & 4 else "-")
        p.append("w" if bits & 2 else "-")
        x = bits & 1
        if mode & special:
            p.append(ch if x else ch.upper())
        else:
            p.append("x" if x else "-")
    return t + "".join(p)


def file_type_name(st) -> str:
    m = st.mode
    if _st.S_ISREG(m):
        return "regular empty file" if st.size == 0 else "regular file"
    if _st.S_ISDIR(m):
        return "directory"
    if _st.S_ISLNK(m):
        return "symbolic link"
    if _st.S_ISCHR(m):
        return "character special file"
    if _st.S_ISBLK(m):
        return "block special file"
    if _st.S_ISFIFO(m):
        return "fifo"
    if _st.S_ISSOCK(m):
        return "socket"
    return "weird file"


def human(n: float, busybox: bool = False) -> str:
    """``ls -h``/``du -h``/``df -h`` sizes (powers of 1024, rounded up like GNU)."""
    if n < 1024:
        return str(int(n)) if not busybox or n else "0"
    units = "KMGTPE"
    v = float(n)
    for i, u in enumerate(units):
        v /= 1024.0
        if v < 1024 or i == len(units) - 1:
            if busybox:
                return f"{v:.1f}{u}"
            if v < 10:
                r = math.ceil(v * 10 - 1e-9) / 10
                if r >= 10:
                    return f"{math.ceil(v):d}{u}"
                return f"{r:.1f}{u}"
            r = math.ceil(v - 1e-9)
            if r >= 1024 and i < len(units) - 1:
                return f"1.0{units[i + 1]}"
            return f"{r:d}{u}"
    return str(n)


def ls_date(mtime: float, now: float) -> str:
    t = time.gmtime(mtime)
    mon = MONTHS[t.tm_mon - 1]
    if now - SIX_MONTHS < mtime <= now + 3600:
        return f"{mon} {t.tm_mday:2d} {t.tm_hour:02d}:{t.tm_min:02d}"
    return f"{mon} {t.tm_mday:2d}  {t.tm_year:d}"


def full_time(mtime: float, nanos: bool = True) -> str:
    t = time.gmtime(mtime)
    frac = int(round((mtime - math.floor(mtime)) * 1e9))
    if frac >= 1_000_000_000:
        frac = 999_999_999
    return time.strftime("%Y-%m-%d %H:%M:%S", t) + (f".{frac:09d}" if nanos else "") + " +0000"


_SUFFIX = {"": 1, "c": 1, "w": 2, "b": 512, "k": 1024, "K": 1024, "KB": 1000, "KiB": 1024,
           "M": 1 << 20, "MB": 10 ** 6, "MiB": 1 << 20, "G": 1 << 30, "GB": 10 ** 9,
           "GiB": 1 << 30, "T": 1 << 40, "TB": 10 ** 12, "TiB": 1 << 40, "P": 1 << 50,
           "PB": 10 ** 15, "PiB": 1 << 50, "E": 1 << 60, "m": 1 << 20, "g": 1 << 30,
           "t": 1 << 40}


def parse_size(s: str, allow: str = "") -> int:
    """``1G``, ``10M``, ``512k``, ``1MB`` (powers of 1000), ``2x512`` (dd) → bytes."""
    if "x" in s and allow == "dd":
        total = 1
        for part in s.split("x"):
            total *= parse_size(part, allow)
        return total
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([A-Za-z]*)", s.strip())
    if not m:
        raise ValueError(s)
    num, suf = m.groups()
    if suf not in _SUFFIX:
        raise ValueError(s)
    return int(float(num) * _SUFFIX[suf])


def parse_chmod(spec: str, old: int, is_dir: bool, umask: int, gnu: bool = True) -> int:
    """A new permission value from an octal or symbolic (``u+x,go-w``, ``a=rX``) mode."""
    if re.fullmatch(r"[0-7]+", spec):
        v = int(spec, 8)
        if is_dir and len(spec) <= 3 and gnu:
            # GNU keeps setuid/setgid bits of directories unless given explicitly
            v |= old & (_st.S_ISUID | _st.S_ISGID)
        return v
    mode = old & 0o7777
    for clause in spec.split(","):
        m = re.fullmatch(r"([ugoa]*)((?:[-+=][rwxXstugo]*)+)", clause)
        if not m:
            raise ValueError(spec)
        who, actions = m.groups()
        for am in re.finditer(r"([-+=])([rwxXstugo]*)", actions):
            op, perms = am.groups()
            bits = 0
            if perms in ("u", "g", "o"):
                src = {"u": (mode >> 6) & 7, "g": (mode >> 3) & 7, "o": mode & 7}[perms]
                bits = (src << 6) | (src << 3) | src
            else:
                for c in perms:
                    if c == "r":
                        bits |= 0o444
                    elif c == "w":
                        bits |= 0o222
                    elif c == "x":
                        bits |= 0o111
                    elif c == "X":
                        if is_dir or mode & 0o111:
                            bits |= 0o111
                    elif c == "s":
                        bits |= _st.S_ISUID | _st.S_ISGID
                    elif c == "t":
                        bits |= _st.S_ISVTX
            mask = 0
            if not who:
                mask = (0o777 & ~umask) | _st.S_ISUID | _st.S_ISGID | _st.S_ISVTX
            else:
                for w in (who if "a" not in who else "ugo"):
                    mask |= {"u": 0o4700, "g": 0o2070, "o": 0o1007}[w]
            if who and "o" in who and "u" not in who and "g" not in who:
                mask &= ~(_st.S_ISUID | _st.S_ISGID)
            eff = bits & mask
            if op == "+":
                mode |= eff
            elif op == "-":
                mode &= ~eff
            else:
                clear = 0
                for w in (who or "ugo") if "a" not in who else "ugo":
                    clear |= {"u": 0o4700, "g": 0o2070, "o": 0o1007}[w]
                mode = (mode & ~clear) | eff
    return mode


def octal_mode(mode: int) -> str:
    return f"{mode & 0o7777:o}"
