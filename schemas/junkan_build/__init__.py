"""Generators for the Junkan vocabulary artefacts (development tool; not shipped in the SDK)."""
