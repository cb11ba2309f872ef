"""Verifiers of the physics family (independent of synthesis.science.physics)."""

VERIFIERS: dict = {}
