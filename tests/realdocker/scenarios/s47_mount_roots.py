"""The root folder of what runc and the daemon mount in a container: a tmpfs (``--tmpfs``,
``--mount type=tmpfs``, a volume of type tmpfs), /proc, /sys, /dev/shm.  Each is dated when
it was mounted (a student's ``ls -l`` once showed a tmpfs from 1970) and has the kernel's
mode: procfs and sysfs ``dr-xr-xr-x``, a tmpfs ``1777`` or its ``tmpfs-mode``."""
from . import Scenario, docker

# dated: modified after the first day of 1970 (times themselves differ between the sides)
DATES = ("for d in /app /sys /proc /dev /dev/shm; do if [ $(stat -c %Y $d) -gt 86400 ]; "
         "then echo \"$d dated\"; else echo \"$d 1970\"; fi; done; "
         "ls -ld /app /sys /proc /dev/shm | cut -c1-10")

SCENARIO = Scenario(
    "mount_roots",
    __doc__,
    steps=[
        docker(f"run --rm --tmpfs /app @{{BASE}} sh -c '{DATES}'"),
        docker(f"run --rm --mount type=tmpfs,dst=/app,tmpfs-mode=1770 @{{BASE}} sh -c '{DATES}'"),
        docker("volume create -o type=tmpfs -o device=tmpfs @{T}-tv"),
        docker(f"run --rm -v @{{T}}-tv:/app @{{BASE}} sh -c '{DATES}'"),
    ],
)
