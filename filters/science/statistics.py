"""Verifiers of the statistics family (independent of synthesis.science.statistics)."""

VERIFIERS: dict = {}
