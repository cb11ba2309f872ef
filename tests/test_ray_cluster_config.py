"""ray_cluster.yaml is a valid Ray cluster launcher config (Ray's own schema)."""

from pathlib import Path

import jsonschema
import pytest
import yaml
from ray.autoscaler._private.util import prepare_config, validate_config

CONFIG = Path(__file__).resolve().parent.parent / "ray_cluster.yaml"


def test_cluster_config_passes_rays_schema():
    config = prepare_config(yaml.safe_load(CONFIG.read_text()))
    validate_config(config)
    assert any("pip install" in c for c in config["setup_commands"])


def test_schema_check_catches_a_broken_config():
    config = prepare_config(yaml.safe_load(CONFIG.read_text()))
    config["max_workers"] = "many"
    with pytest.raises(jsonschema.ValidationError):
        validate_config(config)
