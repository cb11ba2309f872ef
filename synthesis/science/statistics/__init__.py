"""Statistics and charts: bar, line, pie, scatter and histogram with computed statistics."""

from synthesis.science.statistics.bar import BarTemplate
from synthesis.science.statistics.change_value import ChangeValueEditTemplate
from synthesis.science.statistics.histogram import HistogramTemplate
from synthesis.science.statistics.line import LineTemplate
from synthesis.science.statistics.mean_question import MeanQuestionTemplate
from synthesis.science.statistics.pie import PieTemplate
from synthesis.science.statistics.scatter import ScatterRegressionTemplate

TEMPLATES = (
    BarTemplate,
    LineTemplate,
    PieTemplate,
    ScatterRegressionTemplate,
    HistogramTemplate,
    ChangeValueEditTemplate,
    MeanQuestionTemplate,
)
