"""The recorded diffIDs of the catalogue's layers (catalogue/layer_digests.json) are the
ones their recipes give: a recipe changed without `python -m dockstore_magic.catalogue.digests
--write` fails here, not in a student's `docker pull`."""
import json

import pytest

from dockstore_magic.catalogue import digests, lookup

LAYERS = digests.every_layer()


@pytest.mark.parametrize("key", sorted(LAYERS))
def test_the_recorded_digest_is_the_recipes(key):
    assert digests.recorded(LAYERS[key]) == digests.compute(LAYERS[key])


def test_the_table_names_only_layers_that_exist():
    with open(digests.TABLE, encoding="utf-8") as f:
        assert sorted(json.load(f)) == sorted(LAYERS)


def test_a_layer_without_a_record_is_computed(sim, monkeypatch):
    """Without the table a pull computes the same image: same ID, same layer diffIDs."""
    sim.docker("pull -q busybox")
    recorded_id = sim.docker("image inspect -f '{{.Id}} {{.RootFS.Layers}}' busybox").stdout
    sim.docker("rmi busybox")
    monkeypatch.setattr(digests, "recorded", lambda layer: None)
    sim.docker("pull -q busybox")
    assert sim.docker("image inspect -f '{{.Id}} {{.RootFS.Layers}}' busybox").stdout == recorded_id
    assert lookup("busybox").layers[0].key in LAYERS
