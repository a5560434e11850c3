"""Test helpers shared by the unit tests and the real-engine comparison tests.

- :mod:`support.rootfs`: a deterministic busybox root filesystem tarball, fed byte for byte
  to the real engine's ``docker import`` and to the simulator's.
- :mod:`support.realdocker`: a thin wrapper around the Debian 20.10 client ``/usr/bin/docker``
  that remembers and removes everything it created.
"""
