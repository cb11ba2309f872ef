"""Verifiers of the solid family (independent of synthesis.science.solid)."""

VERIFIERS: dict = {}
