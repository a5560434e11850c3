"""Colours and words shared by every drawing (graphviz, the pure-Python SVG, the explorer).

The drawings carry their own light background, so they read the same in light and dark
themes (JupyterLab shows ``image/svg+xml`` in an ``<img>``: the page's CSS never reaches it)."""

FONT = "Helvetica,Arial,sans-serif"
BACKGROUND = "#ffffff"
TEXT = "#1f2328"
MUTED = "#57606a"

FILL = {
    "layer": "#eaf0f8", "shared": "#fff4c2", "image": "#d7e6ff", "init": "#f0f0f0",
    "rw": "#e3f5e6", "container": "#ffffff", "volume": "#e1effc", "bind": "#fff0e0",
    "tmpfs": "#f4e8f7",
}
BORDER = {
    "layer": "#4a6fa5", "shared": "#a77b00", "image": "#1f4e9a", "init": "#8c959f",
    "rw": "#2e7d32", "container": "#24292f", "volume": "#1565c0", "bind": "#c25e00",
    "tmpfs": "#7b1fa2",
}
EDGE = {
    "stack": "#57606a", "image": "#1f4e9a", "upper": "#2e7d32", "volume": "#1565c0",
    "bind": "#c25e00", "tmpfs": "#7b1fa2",
}
CLUSTER = {
    "layers": "#f6f8fa", "container": "#f3faf4", "volumes": "#eef6fd", "host": "#fff8f0",
    "memory": "#faf3fc",
}
MARK = {"A": "#1a7f37", "C": "#b35900", "D": "#c62828"}
MARK_WORD = {"A": "added", "C": "copied up", "D": "deleted"}
