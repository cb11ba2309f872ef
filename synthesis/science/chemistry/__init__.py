"""Chemistry: structures from SMILES (RDKit), stoichiometry and concentration plots."""

from synthesis.science.chemistry.concentration import ConcentrationTemplate
from synthesis.science.chemistry.formula_question import FormulaQuestionTemplate
from synthesis.science.chemistry.stoichiometry import StoichiometryTemplate
from synthesis.science.chemistry.structure import StructureTemplate
from synthesis.science.chemistry.substitute_edit import SubstituteEditTemplate

TEMPLATES = (StructureTemplate, StoichiometryTemplate, ConcentrationTemplate, SubstituteEditTemplate,
             FormulaQuestionTemplate)
