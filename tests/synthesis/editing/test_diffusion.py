"""The diffusion edit backend, run for real on tiny random FLUX pipelines built offline.

The pipelines' images are noise, but everything else is the production path: the
folder is loaded with `from_pretrained(local_files_only=True)`, the pipeline is called
with the backend's arguments, and the sample is assembled from its output.
"""

from __future__ import annotations

import inspect
import io
import json
import subprocess
import sys
from pathlib import Path

import diffusers
import numpy as np
import pytest
from PIL import Image
from pydantic import ValidationError

from pipelines.spec import format_validation_error
from synthesis.editing.diffusion import backend, instructions, tiny
from synthesis.editing.diffusion.backend import DiffusionEditBackend, call_kwargs, difference_mask, load_square
from synthesis.editing.diffusion.settings import PIPELINES, DiffusionSettings, DiffusionSetupError, check
from synthesis.sample import rows_to_table

SIZE = 64


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("tiny")
    return {"instruct": tiny.build_tiny_pipeline("instruct", root / "kontext"),
            "inpaint": tiny.build_tiny_pipeline("inpaint", root / "fill")}


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> Path:
    """Non-square photos (noise, gradients) in a nested folder, with a file that is not a photo."""
    root = tmp_path_factory.mktemp("photos")
    (root / "street").mkdir()
    rng = np.random.default_rng(0)
    Image.fromarray((rng.random((72, 96, 3)) * 255).astype(np.uint8)).save(root / "noise.png")
    ramp = np.linspace(0, 255, 80, dtype=np.uint8)
    Image.fromarray(np.stack([np.tile(ramp, (70, 1)), np.tile(ramp[::-1], (70, 1)),
                              np.full((70, 80), 90, np.uint8)], axis=2)).save(root / "street" / "gradient.jpg")
    Image.fromarray((rng.random((64, 64, 3)) * 255).astype(np.uint8)).save(root / "street" / "square.webp")
    (root / "notes.txt").write_text("not a photo")
    return root


def settings(model: Path, photos: Path, **overrides) -> DiffusionSettings:
    return DiffusionSettings(**{"model_path": str(model), "source_dirs": (str(photos),), "size": SIZE, "steps": 2, **overrides})


def decode(png: bytes) -> Image.Image:
    return Image.open(io.BytesIO(png))


def generate(seed: int, s: DiffusionSettings):
    return DiffusionEditBackend().generate(seed, s, "editing", "test")


def test_instruct_sample_is_a_complete_edit_record(models, photos):
    sample = generate(3, settings(models["instruct"], photos))
    assert sample.task == "edit" and sample.generator == "editing" and sample.generator_version == "test"
    assert sample.template == f"diffusion.{sample.answer['edit_type']}"
    assert sample.instruction and sample.instruction == sample.answer["instruction_abstract"]
    assert sample.cot.startswith("1. ") and sample.instruction in sample.cot
    source, target, mask = decode(sample.source_image), decode(sample.image), decode(sample.mask)
    assert source.size == target.size == mask.size == (sample.width, sample.height) == (SIZE, SIZE)
    assert (source.mode, target.mode, mask.mode) == ("RGB", "RGB", "L")
    spec = sample.spec
    assert (spec["backend"], spec["pipeline"], spec["kind"], spec["steps"]) == (
        "diffusion", "FluxKontextPipeline", "instruct", 2)
    assert spec["guidance"] == {"guidance_scale": 2.5} and (spec["device"], spec["dtype"]) == ("cpu", "float32")
    assert spec["source_file"] in {"noise.png", "street/gradient.jpg", "street/square.webp"}
    # The source is the listed photo, upright, centre-cropped and resized; the row keeps it as PNG.
    expected, original_size = load_square(Path(spec["source_dir"]) / spec["source_file"], SIZE)
    assert np.array_equal(np.asarray(source), np.asarray(expected)) and spec["source_size"] == list(original_size)
    table = rows_to_table([sample.to_row("job")])  # fits the Arrow schema of the datasets
    assert json.loads(table["answer"][0].as_py())["edit_type"] == sample.answer["edit_type"]


def test_global_edit_records_a_full_mask(models, photos):
    weights = {"season_winter": 1.0, "time_night": 1.0}
    sample = generate(0, settings(models["instruct"], photos, edit_types=weights))
    assert sample.answer["edit_type"] in weights and sample.spec["mask_shape"] == "full"
    assert np.all(np.asarray(decode(sample.mask)) == 255) and sample.labels["mask_fraction"] == 1.0


def test_same_seed_same_bytes_even_after_reloading(models, photos):
    for model in models.values():
        s = settings(model, photos)
        first = generate(11, s)
        backend._pipelines.clear()  # the second run loads the folder again
        second = generate(11, s)
        assert (first.source_image, first.image, first.mask) == (second.source_image, second.image, second.mask)
        assert (first.instruction, first.cot, first.spec) == (second.instruction, second.cot, second.spec)


def test_different_seeds_give_different_targets(models, photos):
    s = settings(models["instruct"], photos)
    assert len({generate(seed, s).image for seed in range(4)}) == 4


@pytest.mark.parametrize("pipeline", ["auto", "FluxKontextInpaintPipeline"])
def test_inpaint_changes_only_inside_the_mask(models, photos, pipeline):
    # FluxKontextInpaintPipeline loads the Kontext folder: the class is chosen, not read.
    model = models["inpaint"] if pipeline == "auto" else models["instruct"]
    for seed in range(3):
        sample = generate(seed, settings(model, photos, pipeline=pipeline))
        assert sample.spec["kind"] == "inpaint" and sample.answer["edit_type"] == "insert_object"
        mask = np.asarray(decode(sample.mask)) > 0
        source = np.asarray(decode(sample.source_image))
        target = np.asarray(decode(sample.image))
        assert np.array_equal(source[~mask], target[~mask])
        assert not np.array_equal(source[mask], target[mask])
        x0, y0, x1, y1 = sample.spec["mask_box"]
        ys, xs = np.nonzero(mask)
        assert x0 <= xs.min() and xs.max() < x1 and y0 <= ys.min() and ys.max() < y1
        assert sample.labels["objects"][0]["box"] == [x0, y0, x1, y1]
        assert sample.spec["edit"]["region"] == sample.labels["objects"][0]["region"]
        assert sample.spec["mask_shape"] in ("rectangle", "ellipse")


def test_loaded_pipeline_class_is_the_recorded_one(models, photos):
    for model, pipeline in ((models["instruct"], "auto"), (models["inpaint"], "auto"),
                            (models["instruct"], "FluxKontextInpaintPipeline")):
        s = settings(model, photos, pipeline=pipeline)
        sample = generate(5, s)
        pipe = backend.load_pipeline(s.model_path, sample.spec["pipeline"], pipeline != "auto", "cpu", "float32")
        assert type(pipe).__name__ == sample.spec["pipeline"]
        assert sample.spec["pipeline"] == (json.loads((model / "model_index.json").read_text())["_class_name"]
                                           if pipeline == "auto" else pipeline)


def test_local_edit_on_an_instruct_pipeline_gets_the_difference_mask(models, photos):
    sample = generate(2, settings(models["instruct"], photos, edit_types={"insert_object": 1.0}, register="explicit"))
    assert sample.spec["mask_shape"] == "difference" and sample.instruction == sample.answer["instruction_explicit"]
    source, target = decode(sample.source_image), decode(sample.image)
    assert decode(sample.mask).tobytes() == difference_mask(source, target, 0.08).tobytes()
    assert 0.0 < sample.labels["mask_fraction"] <= 1.0  # noise weights change the picture


def test_difference_mask_covers_the_change_and_nothing_far_from_it():
    source = Image.new("RGB", (128, 128), (120, 120, 120))
    target = source.copy()
    target.paste((250, 20, 20), (40, 40, 72, 72))
    mask = np.asarray(difference_mask(source, target, 0.08)) > 0
    assert mask[40:72, 40:72].all() and not mask[:20].any() and not mask[:, 100:].any()
    assert not difference_mask(source, source.copy(), 0.08).getbbox()


def test_call_arguments_fit_every_supported_pipeline():
    """Also the Qwen-Image pipelines, which cannot be built here (no torchvision)."""
    source = Image.new("RGB", (SIZE, SIZE))
    mask = Image.new("L", (SIZE, SIZE))
    rng = np.random.default_rng(0)
    for name, traits in PIPELINES.items():
        choice = instructions.draw_edit(rng, {"insert_object": 1.0}, masked=traits.kind == "inpaint")
        kwargs = call_kwargs(traits, choice, source, mask, 2, 1.0, None)
        parameters = inspect.signature(getattr(diffusers, name).__call__).parameters
        assert set(kwargs) <= set(parameters), (name, set(kwargs) - set(parameters))
        assert ("mask_image" in kwargs) == (traits.kind == "inpaint") == ("mask_image" in parameters)
        guidance = "guidance_scale" if traits.guidance == "distilled" else "true_cfg_scale"
        assert kwargs[guidance] == 1.0


def one_line_errors(**data) -> list[str]:
    with pytest.raises(ValidationError) as err:
        DiffusionSettings.model_validate({"model_path": "m", "source_dirs": ["p"], **data})
    lines = format_validation_error(err.value, DiffusionSettings)
    assert all("\n" not in line for line in lines)
    return lines


def test_bad_settings_are_one_line_errors_that_say_what_is_allowed():
    assert "'bfloat16', 'float16' or 'float32'" in one_line_errors(dtype="fp8")[0]
    assert "FluxKontextPipeline" in one_line_errors(pipeline="StableDiffusionPipeline")[0]
    assert "size must be a multiple of 16" in one_line_errors(size=100)[0]
    assert "style_watercolour" in one_line_errors(edit_types={"style_cubism": 1.0})[0]
    assert "allowed: insert_object" in one_line_errors(pipeline="FluxFillPipeline", edit_types={"time_night": 1})[0]
    assert "does not match FluxFillPipeline" in one_line_errors(pipeline="FluxFillPipeline", kind="instruct")[0]
    assert "unknown key; allowed keys:" in one_line_errors(colour="red")[0]
    assert "source_dirs: required field is missing" in format_validation_error(
        pytest.raises(ValidationError, DiffusionSettings, model_path="m").value, DiffusionSettings)
    assert "at least 1 item" in one_line_errors(source_dirs=[])[0]
    assert DiffusionSettings(model_path="m", source_dirs=("p",), pipeline="FluxFillPipeline").kind == "inpaint"


def check_error(s: DiffusionSettings) -> str:
    with pytest.raises(DiffusionSetupError) as err:
        check(s)
    message = str(err.value)
    assert "\n" not in message
    return message


def test_check_fails_fast_in_one_line(models, photos, tmp_path):
    assert check(settings(models["instruct"], photos)).pipeline == "FluxKontextPipeline"
    assert "has no model_index.json" in check_error(settings(tmp_path, photos))
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "sub" / "readme.md").write_text("no photos here")
    assert "has no images" in check_error(settings(models["instruct"], empty))
    assert "is not a folder" in check_error(settings(models["instruct"], tmp_path / "missing"))

    def model_folder(name: str, class_name: str, vae: dict | None = None) -> Path:
        folder = tmp_path / name
        (folder / "vae").mkdir(parents=True)
        (folder / "model_index.json").write_text(json.dumps({"_class_name": class_name}))
        (folder / "vae" / "config.json").write_text(json.dumps(vae or {}))
        return folder

    message = check_error(settings(model_folder("sd", "StableDiffusionPipeline"), photos))
    assert "not a supported editing or inpainting pipeline" in message and "FluxFillPipeline" in message
    qwen = model_folder("qwen", "QwenImageEditPipeline", {"temperal_downsample": [False, True, True]})
    assert "needs torchvision" in check_error(settings(qwen, photos))
    coarse = model_folder("coarse", "FluxKontextPipeline", {"block_out_channels": [8] * 5})
    assert "not a multiple of 32" in check_error(settings(coarse, photos, size=80))
    assert "an inpaint pipeline" in check_error(settings(models["inpaint"], photos, kind="instruct"))
    assert "allowed: insert_object" in check_error(settings(models["inpaint"], photos, edit_types={"time_night": 1}))


def test_settings_import_without_torch_and_check_names_the_extra(models, photos):
    script = (
        "import sys\n"
        "for name in ('torch', 'diffusers', 'transformers'): sys.modules[name] = None\n"
        "from synthesis.editing.diffusion.settings import DiffusionSettings, DiffusionSetupError, check\n"
        "from synthesis.editing.diffusion.backend import DiffusionEditBackend\n"
        f"s = DiffusionSettings(model_path={str(models['instruct'])!r}, source_dirs=[{str(photos)!r}], size=64)\n"
        "for call in (lambda: check(s), lambda: DiffusionEditBackend().generate(0, s, 'editing', '0')):\n"
        "    try:\n"
        "        call()\n"
        "    except DiffusionSetupError as err:\n"
        "        print(err)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True,
                            timeout=60, cwd=Path(__file__).resolve().parents[3])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and all("install the model extra" in line for line in lines)


def test_catalogue_gives_both_registers_and_a_cot_that_bridges_them():
    rng = np.random.default_rng(0)
    for edit_type in instructions.EDIT_TYPES:
        choice = instructions.draw_edit(rng, {edit_type: 1.0}, masked=True)
        assert choice.edit_type == edit_type and choice.explicit != choice.abstract
        abstract_cot = choice.cot("abstract")
        assert choice.abstract in abstract_cot and choice.change in abstract_cot
        assert choice.instruction("explicit") == choice.explicit and choice.change in choice.cot("explicit")
        assert (choice.region is None) == (choice.scope == "global")
    first = [instructions.draw_edit(np.random.default_rng(7), {"insert_object": 1, "weather_fog": 1}, False)
             for _ in range(2)]
    assert first[0] == first[1]
    assert set(instructions.USABLE["inpaint"]) == {"insert_object"}


def test_tiny_cli_builds_a_loadable_folder(tmp_path, capsys):
    tiny.main(["--pipeline", "FluxKontextInpaintPipeline", "--out", str(tmp_path / "ki")])
    assert capsys.readouterr().out.strip() == str(tmp_path / "ki")
    assert json.loads((tmp_path / "ki" / "model_index.json").read_text())["_class_name"] == "FluxKontextInpaintPipeline"
    with pytest.raises(ValueError, match="no tiny build for 'QwenImageEditPipeline'"):
        tiny.build_tiny_pipeline("QwenImageEditPipeline", tmp_path / "q")
