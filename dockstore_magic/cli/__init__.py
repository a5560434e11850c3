"""The docker CLI side of the simulator: argument parsing exactly as docker/cli (cobra +
pflag) does it (``args``, ``spec``), and output formatting as docker/cli prints it
(``table``: tabwriter and column helpers, ``templates``: ``--format`` Go templates, ``units``:
docker/go-units sizes and durations)."""
