"""Governance: audit trail, AI register, oversight metrics and reports."""
