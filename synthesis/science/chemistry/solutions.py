"""Solution chemistry at 25 °C: strong acid–strong base titration curves and serial
dilutions (C1·V1 = C2·V2). Volumes in mL, concentrations in mol/L."""

from __future__ import annotations

import math
from dataclasses import dataclass

KW = 1.0e-14  # ionic product of water at 25 °C

STRONG_ACIDS = ("HCl", "HNO3", "HBr", "HClO4")
STRONG_BASES = ("NaOH", "KOH")


@dataclass(frozen=True)
class Titration:
    titrand: str  # "acid" (acid in the flask, base from the burette) or "base"
    acid: str
    base: str
    flask_conc: float  # mol/L
    flask_volume: float  # mL
    titrant_conc: float  # mol/L

    @property
    def equivalence_volume(self) -> float:
        """Titrant volume (mL) that delivers as many moles as the flask holds."""
        return self.flask_conc * self.flask_volume / self.titrant_conc

    def ph(self, added: float) -> float:
        """pH after `added` mL of titrant. Net strong acid d = (n_H − n_OH)/V (mol/L);
        with water, [H⁺] = (d + √(d² + 4Kw))/2, written so that neither sign of d
        loses digits to cancellation."""
        n_flask, n_added = self.flask_conc * self.flask_volume, self.titrant_conc * added  # mmol
        excess_acid = n_flask - n_added if self.titrand == "acid" else n_added - n_flask
        d = excess_acid / (self.flask_volume + added)
        root = math.sqrt(d * d + 4 * KW)
        h = (d + root) / 2 if d >= 0 else 2 * KW / (root - d)
        return -math.log10(h)


@dataclass(frozen=True)
class Dilution:
    solute: str
    stock: float  # mol/L
    transfer: float  # mL of the previous tube taken into each new one
    total: float  # mL each new tube is made up to
    tubes: int

    @property
    def factor(self) -> float:
        return self.total / self.transfer

    def concentrations_mM(self) -> list[float]:
        """mmol/L in tubes 1..n: tube k holds stock / factor^k."""
        return [1000.0 * self.stock * (self.transfer / self.total) ** k for k in range(1, self.tubes + 1)]


def first_below(values: list[float], target: float) -> int:
    """1-based index of the first value at or below `target` (0 when none is)."""
    return next((i for i, v in enumerate(values, 1) if v <= target), 0)
