"""Functions and calculus: f, f′, f″, tangents, integrals, roots, extrema, asymptotes."""

from synthesis.science.functions.derivative import DerivativeTemplate

TEMPLATES = (DerivativeTemplate,)
