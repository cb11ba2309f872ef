"""Science generator: function plots whose content is computed exactly with sympy."""
