"""Verifiers of the chemistry family (independent of synthesis.science.chemistry)."""

VERIFIERS: dict = {}
