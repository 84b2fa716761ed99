"""Connections to the federal e-government infrastructure: FIT-Connect (receiving Anträge) and xdomea
(handing Vorgänge to an e-Akte/DMS or archive). See docs/schnittstellen.md."""
