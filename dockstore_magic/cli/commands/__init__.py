"""The docker commands the simulator implements, by canonical name (see cli/spec.py)."""
from __future__ import annotations

from . import containers as c, images as i, volumes as v, system as s, build as b
from . import transfer as tr

COMMANDS = {
    "run": c.cmd_run, "create": c.cmd_create, "start": c.cmd_start, "stop": c.cmd_stop,
    "restart": c.cmd_restart, "update": c.cmd_update, "kill": c.cmd_kill, "rm": c.cmd_rm, "exec": c.cmd_exec,
    "ps": c.cmd_ps, "logs": c.cmd_logs, "diff": c.cmd_diff, "commit": c.cmd_commit,
    "cp": c.cmd_cp, "container prune": c.cmd_container_prune, "rename": c.cmd_rename,
    "wait": c.cmd_wait, "port": c.cmd_port, "top": c.cmd_top,
    "stats": c.cmd_stats,
    "images": i.cmd_images, "history": i.cmd_history, "tag": i.cmd_tag, "rmi": i.cmd_rmi,
    "pull": i.cmd_pull, "import": i.cmd_import, "image prune": i.cmd_image_prune,
    "volume create": v.cmd_volume_create, "volume ls": v.cmd_volume_ls,
    "volume inspect": v.cmd_volume_inspect, "volume rm": v.cmd_volume_rm,
    "volume prune": v.cmd_volume_prune,
    "info": s.cmd_info, "version": s.cmd_version, "system df": s.cmd_system_df,
    "system prune": s.cmd_system_prune, "builder prune": s.cmd_builder_prune,
    "inspect": s.cmd_inspect, "container inspect": s.cmd_container_inspect,
    "image inspect": s.cmd_image_inspect,
    "build": b.cmd_build,
    "save": tr.cmd_save, "load": tr.cmd_load, "export": tr.cmd_export,
}
