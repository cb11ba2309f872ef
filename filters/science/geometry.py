"""Verifiers of the geometry family (independent of synthesis.science.geometry)."""

VERIFIERS: dict = {}
