"""Users and groups (from the simulated /etc/passwd and /etc/group) and POSIX permission
checks (root bypasses read/write checks; executing needs some x bit even for root)."""
from __future__ import annotations

import stat as _st
from dataclasses import dataclass

from ..fs.errors import FSError, EACCES, ENOENT

R, W, X = 4, 2, 1


@dataclass
class User:
    name: str
    uid: int
    gid: int
    home: str = "/"
    shell: str = "/bin/sh"
    gecos: str = ""


@dataclass
class Group:
    name: str
    gid: int
    members: list


class UserDB:
    """Name ↔ id lookups over one filesystem (read once per command)."""

    def __init__(self, fs):
        self.users: list[User] = []
        self.groups: list[Group] = []
        try:
            text = fs.read_text("/etc/passwd")
        except (OSError, Exception):
            text = ""
        for line in text.splitlines():
            f = line.split(":")
            if len(f) >= 4 and f[2].lstrip("-").isdigit() and f[3].lstrip("-").isdigit():
                self.users.append(User(f[0], int(f[2]), int(f[3]),
                                       f[5] if len(f) > 5 else "/",
                                       f[6] if len(f) > 6 else "/bin/sh",
                                       f[4] if len(f) > 4 else ""))
        try:
            text = fs.read_text("/etc/group")
        except (OSError, Exception):
            text = ""
        for line in text.splitlines():
            f = line.split(":")
            if len(f) >= 3 and f[2].lstrip("-").isdigit():
                mem = [m for m in (f[3].split(",") if len(f) > 3 else []) if m]
                self.groups.append(Group(f[0], int(f[2]), mem))

    def user_by_uid(self, uid: int) -> User | None:
        for u in self.users:
            if u.uid == uid:
                return u
        return None

    def user_by_name(self, name: str) -> User | None:
        for u in self.users:
            if u.name == name:
                return u
        return None

    def group_by_gid(self, gid: int) -> Group | None:
        for g in self.groups:
            if g.gid == gid:
                return g
        return None

    def group_by_name(self, name: str) -> Group | None:
        for g in self.groups:
            if g.name == name:
                return g
        return None

    def uname(self, uid: int) -> str:
        u = self.user_by_uid(uid)
        return u.name if u else str(uid)

    def gname(self, gid: int) -> str:
        g = self.group_by_gid(gid)
        return g.name if g else str(gid)

    def supplementary(self, uid: int, gid: int) -> list[int]:
        """The process's groups: its primary group plus those listing the user as member."""
        out = [gid]
        u = self.user_by_uid(uid)
        if u is not None:
            for g in self.groups:
                if u.name in g.members and g.gid not in out:
                    out.append(g.gid)
        return out


class Access:
    """Permission checks for one process (uid, gid and supplementary groups)."""

    def __init__(self, fs, uid: int, gid: int, groups: list[int] | None = None):
        self.fs, self.uid, self.gid = fs, uid, gid
        self._groups = groups

    @property
    def groups(self) -> list[int]:
        if self._groups is None:
            self._groups = UserDB(self.fs).supplementary(self.uid, self.gid) \
                if self.uid != 0 else [self.gid]
        return self._groups

    @property
    def root(self) -> bool:
        return self.uid == 0

    def allowed(self, st, want: int) -> bool:
        """Whether ``want`` (R|W|X bits) is granted on a file with stat ``st``."""
        if self.uid == 0:
            if want & X and not st.is_dir:
                return bool(st.mode & 0o111)
            return True
        perm = st.mode & 0o777
        if st.uid == self.uid:
            bits = (perm >> 6) & 7
        elif st.gid in self.groups:
            bits = (perm >> 3) & 7
        else:
            bits = perm & 7
        return (bits & want) == want

    def traverse(self, path: str, cwd: str = "/") -> None:
        """Search (x) permission on every folder leading to ``path`` (EACCES if missing)."""
        if self.uid == 0:
            return
        from ..fs.base import normpath, split
        full = normpath(path, cwd)
        parts = split(full)[:-1]
        cur = "/"
        for p in [""] + parts:
            cur = cur if not p else (cur.rstrip("/") + "/" + p)
            try:
                st = self.fs.stat(cur)
            except FSError:
                return
            if st.is_dir and not self.allowed(st, X):
                raise FSError(EACCES, path)

    def check(self, path: str, want: int, cwd: str = "/", follow: bool = True):
        """stat ``path`` and require ``want``; returns the stat."""
        self.traverse(path, cwd)
        st = (self.fs.stat if follow else self.fs.lstat)(path, cwd=cwd)
        if want and not self.allowed(st, want):
            raise FSError(EACCES, path)
        return st

    def parent_of(self, path: str, cwd: str = "/") -> str:
        from ..fs.base import normpath
        full = normpath(path, cwd)
        if full == "/":
            return "/"
        return full.rsplit("/", 1)[0] or "/"

    def can_create(self, path: str, cwd: str = "/") -> None:
        """Write+search permission on the folder that would hold ``path``."""
        if self.uid == 0:
            return
        parent = self._real_parent(path, cwd)
        self.traverse(parent + "/x", "/")
        try:
            st = self.fs.stat(parent)
        except FSError:
            return
        if not self.allowed(st, W | X):
            raise FSError(EACCES, path)

    def _real_parent(self, path: str, cwd: str) -> str:
        from ..fs.base import join
        try:
            parts = self.fs.resolve(path, follow=False, cwd=cwd)
        except FSError:
            return self.parent_of(path, cwd)
        return join(parts[:-1]) if parts else "/"

    def can_delete(self, path: str, cwd: str = "/") -> None:
        """Removing a directory entry: w+x on the folder, and the sticky-bit rule."""
        if self.uid == 0:
            return
        parent = self._real_parent(path, cwd)
        self.traverse(parent + "/x", "/")
        st = self.fs.stat(parent)
        if not self.allowed(st, W | X):
            raise FSError(EACCES, path)
        if st.mode & _st.S_ISVTX:
            try:
                own = self.fs.lstat(path, cwd=cwd).uid
            except FSError:
                raise FSError(ENOENT, path)
            if own != self.uid and st.uid != self.uid:
                from ..fs.errors import EPERM
                raise FSError(EPERM, path)

    def owner_or_root(self, st) -> bool:
        return self.uid == 0 or st.uid == self.uid
