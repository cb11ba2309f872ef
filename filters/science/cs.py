"""Verifiers of the cs family (independent of synthesis.science.cs)."""

VERIFIERS: dict = {}
