"""The generator contract and the registry that finds generators by name.

A generator is a class with `name`, `version`, a pydantic `Params` model (unknown keys
are errors) and `__call__(seed, params) -> Sample`. All randomness comes from
`numpy.random.default_rng(seed)`, so the same (params, seed) gives byte-identical
images. `__init__` does the one-off work (font index, caches) so that a Ray actor pays
it once; `check_params` does the environment checks (a font that is not installed)
that must fail before a job starts.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from synthesis.sample import Sample


class GeneratorParams(BaseModel):
    """Base for every generator's parameters: strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Generator(ABC):
    name: ClassVar[str]
    version: ClassVar[str]
    Params: ClassVar[type[GeneratorParams]] = GeneratorParams

    def check_params(self, params: GeneratorParams) -> None:  # noqa: B027 - optional hook
        """Raise ValueError with a one-line message if `params` cannot run here."""

    @abstractmethod
    def __call__(self, seed: int, params: GeneratorParams) -> Sample: ...


# name -> "module:Class". Imported lazily so that validating a spec does not pay for
# every generator's imports (matplotlib, sympy, ...).
GENERATORS: dict[str, str] = {
    "text_rendering": "synthesis.text_rendering.generator:TextRenderingGenerator",
    "science": "synthesis.science.generator:ScienceGenerator",
    "editing": "synthesis.editing.generator:EditingGenerator",
}


def load_plugin(path: str, base: type) -> type:
    """Import `module:Class` and check that it is a `base` subclass."""
    module, _, attr = path.partition(":")
    try:
        cls = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as err:
        raise KeyError(f"cannot import {path!r} ({type(err).__name__}: {err})") from None
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise KeyError(f"{path!r} is not a {base.__name__} subclass")
    return cls


def generator_class(name: str) -> type[Generator]:
    """A registered generator by name, or a plugin given as `package.module:Class`."""
    if ":" in name:
        return load_plugin(name, Generator)
    try:
        return load_plugin(GENERATORS[name], Generator)
    except KeyError:
        if name in GENERATORS:
            raise
        raise KeyError(
            f"unknown generator {name!r}; allowed: {', '.join(sorted(GENERATORS))} "
            "or a plugin as 'package.module:Class'"
        ) from None
