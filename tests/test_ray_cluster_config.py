"""ray_cluster.yaml is a valid Ray cluster launcher config (Ray's own schema), for its AWS
provider and for every provider block documented in its comments; its node types,
autoscaling bounds, install pins and token setup are what the README promises."""

import copy
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml
from ray.autoscaler._private.util import prepare_config, validate_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "ray_cluster.yaml"
BLOCK = re.compile(r"^# ---- provider: (\w+) ----\n(.*?)^# ---- end ----", re.MULTILINE | re.DOTALL)


def load() -> dict:
    return yaml.safe_load(CONFIG.read_text())


def documented_providers() -> dict[str, dict]:
    blocks = {}
    for name, body in BLOCK.findall(CONFIG.read_text()):
        blocks[name] = yaml.safe_load("\n".join(line.removeprefix("#")[1:] for line in body.splitlines()))
    return blocks


def test_cluster_config_passes_rays_schema():
    config = prepare_config(load())
    validate_config(config)
    assert any("pip install" in c for c in config["setup_commands"])


def test_schema_check_catches_a_broken_config():
    config = prepare_config(load())
    config["max_workers"] = "many"
    with pytest.raises(jsonschema.ValidationError):
        validate_config(config)


def test_node_types_and_autoscaling_bounds():
    config = load()
    types = config["available_node_types"]
    assert config["head_node_type"] == "head" and set(types) == {"head", "cpu_worker", "gpu_worker"}
    assert types["head"]["resources"] == {"CPU": 0}  # no actors on the head
    assert types["cpu_worker"]["resources"].get("GPU", 0) == 0
    assert types["gpu_worker"]["resources"]["GPU"] >= 1
    for name in ("cpu_worker", "gpu_worker"):
        assert 0 <= types[name]["min_workers"] <= types[name]["max_workers"]
    assert types["cpu_worker"]["max_workers"] + types["gpu_worker"]["max_workers"] <= config["max_workers"]


def test_setup_installs_the_project_at_its_pins_with_token_auth():
    config = load()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = dict(re.match(r"([\w\-\[\],.]+)==(\S+)", d).groups() for d in pyproject["dependencies"])
    assert pins["ray[data,train,default]"] == "2.60.0"
    commands = config["setup_commands"] + config["available_node_types"]["gpu_worker"]["worker_setup_commands"]
    assert any("pip install -q -e '.[ocr]'" in c for c in config["setup_commands"])
    # Anything pinned in the config itself agrees with pyproject (vLLM is GPU-only, not in it).
    for name, version in re.findall(r"([A-Za-z][\w\-]*)==([\w.]+)", " ".join(commands)):
        assert name == "vllm" or pins.get(name) == version, (name, version)
    # Every node runs Ray from the project's venv, with token auth and the shared token file.
    for c in config["head_start_ray_commands"][1:] + config["worker_start_ray_commands"][1:]:
        assert "RAY_AUTH_MODE=token" in c and "unisynth/.venv/bin/ray start" in c
    assert config["file_mounts"]["~/.ray/auth_token"] == "~/.ray/auth_token"
    assert any("unisynth/.venv/bin:$PATH" in c for c in config["setup_commands"])


@pytest.mark.parametrize("provider", ["gcp", "azure", "local"])
def test_documented_provider_blocks_pass_rays_schema(provider):
    block = documented_providers()[provider]
    config = copy.deepcopy(load())
    config["provider"], config["auth"] = block["provider"], block["auth"]
    if provider == "local":
        # One node type for on-prem clusters: Ray fills it in itself.
        del config["available_node_types"], config["head_node_type"]
    else:
        assert set(block["node_config"]) == set(config["available_node_types"])
        for name, node_config in block["node_config"].items():
            config["available_node_types"][name]["node_config"] = node_config
    prepared = prepare_config(config)
    validate_config(prepared)
    assert prepared["provider"]["type"] == provider
