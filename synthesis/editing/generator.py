"""EditingGenerator: the `editing` generator. Each seed draws an edit type, a layout it
can be made on and a scene; the edit turns the scene graph into the target graph; both
are rendered; the mask comes from the edited nodes' footprints. The sample carries both
instruction registers, the CoT that resolves the abstract one, both graphs and their
diff (the verifier in filters/edit_verify.py checks all of it).

With `backend: diffusion` the seed goes to a diffusers editing pipeline instead
(synthesis/editing/diffusion/).
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from synthesis.editing import describe, layouts
from synthesis.editing.edits import EDITS, EditResult, NotApplicable
from synthesis.editing.graph import Scene, diff
from synthesis.editing.params import EditingParams
from synthesis.editing.render import Rendered, edit_mask, render
from synthesis.generator import Generator
from synthesis.sample import Sample

PNG_LEVEL = 3  # zlib level: 3 is ~3× faster than the default 6 and ~5 % larger


def png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=PNG_LEVEL)
    return buf.getvalue()


def _weighted(rng: np.random.Generator, weights: dict[str, float]) -> str:
    names = sorted(weights)
    p = np.array([weights[n] for n in names], float)
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def cot_text(scene: Scene, result: EditResult) -> str:
    steps = [describe.summary(scene)] + result.steps + [f"The concrete edit: {result.explicit}"]
    return "\n".join(f"{i}. {step}" for i, step in enumerate(steps, 1))


def object_labels(scene: Scene, rendered: Rendered) -> list[dict]:
    return [{"id": n.id, "kind": n.kind, "category": n.category, "color": n.color, "name": describe.noun(n),
             "box": list(rendered.boxes[n.id])} for n in scene.nodes if n.id in rendered.boxes]


class EditingGenerator(Generator):
    name = "editing"
    version = "0.1.0"
    Params = EditingParams

    def __init__(self) -> None:
        self._diffusion = None

    def check_params(self, params: EditingParams) -> None:
        if params.backend == "diffusion":
            from synthesis.editing.diffusion.settings import check

            check(params.diffusion)

    def __call__(self, seed: int, params: EditingParams) -> Sample:
        if params.backend == "diffusion":
            if self._diffusion is None:
                from synthesis.editing.diffusion.backend import DiffusionEditBackend

                self._diffusion = DiffusionEditBackend()
            return self._diffusion.generate(seed, params.diffusion, self.name, self.version)
        rng = np.random.default_rng(seed)
        pairs = params.pairs()
        edit_name = _weighted(rng, {k: params.edit_types[k] for k in pairs})
        edit = EDITS[edit_name]
        last = "no attempt"
        for _ in range(params.max_tries):
            layout = _weighted(rng, {lay: params.layouts[lay] for lay in pairs[edit_name]})
            side = 64 * int(rng.integers(-(-params.size_px_min // 64), params.size_px_max // 64 + 1))
            aspect = params.aspects[int(rng.integers(len(params.aspects)))]
            width, height = (64 * round(side * aspect / 64), side) if aspect >= 1 else (side, 64 * round(side / aspect / 64))
            scene = layouts.compose(rng, layout, width, height)
            try:
                result = edit.fn(rng, scene)
            except NotApplicable as exc:
                last = str(exc)
                continue
            before, after = render(scene), render(result.target)
            mask = edit_mask(scene, result.target, before, after, result.region, result.nodes)
            if np.array_equal(np.asarray(before.image), np.asarray(after.image)):
                last = "the edit changed no pixel"
                continue
            return self._sample(seed, rng, params, scene, result, before, after, mask)
        raise RuntimeError(f"{edit_name}: no applicable scene in {params.max_tries} tries (last: {last})")

    def _sample(self, seed, rng, params, scene: Scene, result: EditResult, before: Rendered, after: Rendered,
                mask: np.ndarray) -> Sample:
        register = _weighted(rng, dict(params.instruction_register))
        instruction = result.abstract if register == "abstract" else result.explicit
        graph_diff = diff(scene, result.target)
        answer = {"edit_type": EDITS[result.edit_type].name, "family": EDITS[result.edit_type].family,
                  "subtype": result.subtype, "register": register, "instruction_explicit": result.explicit,
                  "instruction_abstract": result.abstract, "diff": graph_diff, "facts": result.facts,
                  "mask_region": result.region}
        spec = {"backend": "scene", "layout": scene.layout, "width": scene.width, "height": scene.height,
                "edit_type": result.edit_type, "source_graph": scene.to_dict(),
                "target_graph": result.target.to_dict()}
        labels = {"objects": object_labels(result.target, after), "source_objects": object_labels(scene, before)}
        return Sample(
            generator=self.name, generator_version=self.version, template=result.edit_type, task="edit", seed=seed,
            instruction=instruction, cot=cot_text(scene, result), answer=answer,
            image=png(after.image), source_image=png(before.image),
            mask=png(Image.fromarray(mask.astype(np.uint8) * 255, "L")),
            width=scene.width, height=scene.height, labels=labels, spec=spec)
