"""The administrative procedure (SGB X): Antrag, Vorgang, Prüfung, Entscheidung, Freigabe, Bescheid,
Widerspruch; automation policy (§ 31a SGB X)."""
