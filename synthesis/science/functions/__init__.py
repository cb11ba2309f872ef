"""Functions and calculus: f, f′, f″, tangents, integrals, roots, extrema, asymptotes."""

from synthesis.science.functions.asymptotes import AsymptotesTemplate
from synthesis.science.functions.derivative import DerivativeTemplate
from synthesis.science.functions.extremum import ReadExtremumTemplate
from synthesis.science.functions.inflection import InflectionTemplate
from synthesis.science.functions.integral import IntegralAreaTemplate
from synthesis.science.functions.shift import ShiftEditTemplate
from synthesis.science.functions.tangent import TangentLineTemplate

TEMPLATES = (DerivativeTemplate, TangentLineTemplate, IntegralAreaTemplate, InflectionTemplate,
             AsymptotesTemplate, ShiftEditTemplate, ReadExtremumTemplate)
