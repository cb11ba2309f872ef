"""Chemistry: structures from SMILES (RDKit), stoichiometry and concentration plots."""

TEMPLATES: tuple = ()
