"""The course's mysql story in a real kernel (nbclient), cell by cell
(``fixtures/mysql-story.ipynb``): without a password the entrypoint refuses to start; with one
it initialises its data folder in the volume (``/var/lib/docker/volumes/data_volume/_data``),
which survives ``docker rm``, and a new container finds it and does not initialise again; the
same with the bind mount ``/data/mysql``, by ``-v`` and by ``--mount``."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "mysql-story.ipynb"

#: what mysql's first start writes in its data folder (docker-library/mysql, mysqld --initialize)
DATA_FILES = ("auto.cnf", "ibdata1", "mysql.ibd", "#innodb_redo", "performance_schema", "sys",
              "ca.pem", "binlog.index")


def _outputs(cell) -> str:
    text = []
    for o in cell.outputs:
        if o.get("output_type") == "stream":
            text.append(o.get("text", ""))
        elif o.get("output_type") == "error":
            # a failed command's error is Docker's whole message (result.CommandFailed),
            # its traceback lines; the evalue holds only the last one
            text.append("\n".join(o.get("traceback", [])) or o.get("evalue", ""))
        elif "text/plain" in o.get("data", {}):
            text.append(o["data"]["text/plain"])
    return "".join(text)


def test_the_mysql_story_runs_cell_by_cell(tmp_path, kernel_env, monkeypatch):
    monkeypatch.setenv("DOCKSTORE_HOME", str(tmp_path / "home"))      # the kernel inherits it
    nb = nbformat.read(FIXTURE, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    cell = {t: _outputs(c) for c in nb.cells for t in c.metadata.get("tags", [])}

    refused = cell["no-password"]
    assert "Database is uninitialized and password option is not specified" in refused
    assert "MYSQL_ROOT_PASSWORD" in refused

    for tag in ("volume-data", "after-rm", "bind-data", "bind-after-rm"):
        for name in DATA_FILES:
            assert name in cell[tag].split("\n"), (tag, name, cell[tag])
    # the volume's folder is the same before and after `docker rm`
    assert cell["after-rm"].endswith(cell["volume-data"])

    assert "Initializing database files" in cell["first-logs"]
    for tag in ("second-logs", "bind-second-logs"):
        # a new container finds the data: no second initialisation, the server starts
        assert "Initializing database files" not in cell[tag], cell[tag]
        assert "ready for connections" in cell[tag]

    assert ('"Type":"bind","Source":"/data/mysql","Destination":"/var/lib/mysql"'
            in cell["bind-mounts"])
    # nothing of the story lands in the notebook's real folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]
