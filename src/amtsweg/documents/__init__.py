"""Nachweise: intake, OCR, classification and extraction as proposals a person confirms."""
