"""xdomea 3.0.0 messages (KoSIT / IT-Planungsrat decision 2017/39): Abgabe.Abgabe.0401 and
Aussonderung.Anbieteverzeichnis.0501, packed as ZIP ``{ProzessID}_{Nachricht}.zip``."""

NAMESPACE = "urn:xoev-de:xdomea:schema:3.0.0"
VERSION = "3.0.0"
