"""Junkan connector SDK: shared vocabulary helpers, identifiers and (later) connectors."""

__version__ = "0.1.0"
