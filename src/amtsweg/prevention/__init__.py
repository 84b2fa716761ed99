"""Prävention: risk-based targeting of prevention visits and the Gefährdungsbeurteilung assistant.

Sub-modules (targeting): ``modelle`` (database tables), ``einlesen`` (CSV/Parquet import with a validation
report), ``erzaehlung`` (accident narrative classifier), ``risiko_merkmale`` / ``risiko_modell`` (firm risk
model), ``metriken`` (evaluation), ``besuchsplan`` (worklists, accept/skip, fairness and drift), ``kommandos``
(Typer sub-app). The Gefährdungsbeurteilung assistant lives in ``gefaehrdung``.
"""
