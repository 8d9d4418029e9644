"""Junkan (循環): the circular-economy information hub."""

__version__ = "0.1.0"
