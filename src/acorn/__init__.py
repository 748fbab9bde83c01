"""Acorn: turn any business website into a grounded voice receptionist."""

__version__ = "0.1.0"
