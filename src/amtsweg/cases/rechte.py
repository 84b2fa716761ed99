"""Roles and object-level rights. Every service call checks them; routers never decide access."""

from __future__ import annotations

from amtsweg.cases.modelle import Benutzer, Vorgang

BUERGER = "buerger"
SACHBEARBEITUNG = "sachbearbeitung"
TEAMLEITUNG = "teamleitung"
AUFSICHT = "aufsicht"
REVISION = "revision"
ADMINISTRATION = "administration"
KI_VERANTWORTLICHE = "ki_verantwortliche"  # AI governance: full on /governance, no case access
ROLLEN = (BUERGER, SACHBEARBEITUNG, TEAMLEITUNG, AUFSICHT, REVISION, ADMINISTRATION, KI_VERANTWORTLICHE)
BEHOERDENROLLEN = (SACHBEARBEITUNG, TEAMLEITUNG)


class KeinZugriff(Exception):
    """The actor may not see or change this object. Message is safe to show (reveals nothing).

    Raised before any change; the session still commits the audit event of the refusal."""

    protokoll_behalten = True

    def __init__(self) -> None:
        super().__init__("Dieser Vorgang existiert nicht oder Sie haben keinen Zugriff darauf.")


def darf_sehen(benutzer: Benutzer, vorgang: Vorgang) -> bool:
    if benutzer.rolle == BUERGER:
        return vorgang.antragsteller_id == benutzer.id
    if benutzer.rolle in (*BEHOERDENROLLEN, REVISION, KI_VERANTWORTLICHE):  # read-only for the last two
        return benutzer.behoerde_id == vorgang.behoerde_id
    return False


def darf_bearbeiten(benutzer: Benutzer, vorgang: Vorgang) -> bool:
    return benutzer.rolle in BEHOERDENROLLEN and benutzer.behoerde_id == vorgang.behoerde_id


def darf_freigeben(benutzer: Benutzer, vorgang: Vorgang) -> bool:
    return benutzer.rolle == TEAMLEITUNG and benutzer.behoerde_id == vorgang.behoerde_id


def pruefe(erlaubt: bool) -> None:
    if not erlaubt:
        raise KeinZugriff()
