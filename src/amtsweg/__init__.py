"""Amtsweg: vom Antrag bis zum Bescheid."""

__version__ = "0.1.0"
