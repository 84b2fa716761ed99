"""Request and response models of the JSON API (German field names as in the Haushalt JSON)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field


class Fehler(BaseModel):
    fehler: str = Field(description="Deutsche Fehlermeldung")


class Feldfehler(BaseModel):
    feld: str = Field(description="JSON-Pfad der fehlerhaften Angabe, z. B. haushalt.personen[0].alter")
    fehler: str


class CsrfToken(BaseModel):
    csrf_token: str = Field(description="Im Kopffeld X-CSRF-Token bei jedem POST mitsenden")


class AntragEingabe(BaseModel):
    behoerde: str = Field(description="Schlüssel der zuständigen Behörde, z. B. demo-wohngeld")
    leistung: Literal["wohngeld"] = "wohngeld"
    art: Literal["erstantrag", "weiterleistung", "aenderung"] = "erstantrag"
    vorgaenger: str | None = Field(None, description="Vorgangsnummer des früheren Antrags")
    bemerkung: str = Field("", max_length=5000)
    haushalt: dict[str, Any] = Field(description="Haushalt-JSON (docs/schema/haushalt.schema.json)")


class Zeitpunkt(BaseModel):
    zeitpunkt: dt.datetime
    aktion: str
    text: str


class AntragStatus(BaseModel):
    nummer: str
    leistung: str
    art: str
    status: str
    status_bezeichnung: str
    eingegangen_am: dt.datetime
    frist: dt.date | None
    automatisch: bool
    zeitachse: list[Zeitpunkt] = []


class DokumentAntwort(BaseModel):
    id: int
    dateiname: str
    mime: str
    groesse: int
    sha256: str
    status: str


class Korbeintrag(BaseModel):
    nummer: str
    leistung: str
    art: str
    status: str
    status_bezeichnung: str
    eingegangen_am: dt.datetime
    frist: dt.date | None
    fristlage: Literal["", "bald", "ueberfaellig"]
    antragsteller: str
    zugewiesen_an: str | None
    automatisch: bool


class Korb(BaseModel):
    vorgaenge: list[Korbeintrag]
    gesamt: int
    #: true: more than ``gesamt`` Vorgänge match (the count stops at 1 000)
    gesamt_gedeckelt: bool = False
    seite: int
    pro_seite: int
    seiten: int
    #: opaque cursors for ``?cursor=`` (null: no further Vorgänge in that direction)
    naechster_cursor: str | None = None
    vorheriger_cursor: str | None = None

    @classmethod
    def aus(cls, korb: Any) -> Korb:
        """The API view of a ``cases.arbeitskorb.Korbseite``."""
        return cls(
            vorgaenge=[
                Korbeintrag(
                    nummer=z.nummer,
                    leistung=z.leistung,
                    art=z.art,
                    status=z.status,
                    status_bezeichnung=z.status_bezeichnung,
                    eingegangen_am=z.eingegangen_am,
                    frist=z.frist,
                    fristlage=z.fristlage,
                    antragsteller=z.antragsteller,
                    zugewiesen_an=z.zugewiesen_an,
                    automatisch=z.automatisch,
                )
                for z in korb.zeilen
            ],
            gesamt=korb.gesamt,
            gesamt_gedeckelt=korb.gesamt_gedeckelt,
            seite=korb.filter.seite or 1,
            pro_seite=korb.filter.pro_seite,
            seiten=korb.seiten,
            naechster_cursor=korb.weiter,
            vorheriger_cursor=korb.zurueck,
        )


class Berechnungsschritt(BaseModel):
    norm: str
    text: str
    wert: str


class BerechnungAntwort(BaseModel):
    nummer: str
    status: str
    betrag_monat: str = Field(description="Euro mit Punkt als Dezimaltrenner, z. B. 178.00")
    betrag_cent: int
    stichtag: dt.date
    regelwerk_version: str
    begruendung: list[Berechnungsschritt]


class EntscheidungEingabe(BaseModel):
    art: Literal["bewilligung", "teilbewilligung", "ablehnung"]
    gruende: list[str] = Field(default_factory=list, description="Pflicht bei Ablehnung und Teilbewilligung")
    vorbehalt: str = Field(
        default="",
        max_length=2000,
        description="Begründung, wenn trotz ungeprüfter Nachweise entschieden wird (protokolliert)",
    )


class EntscheidungAntwort(BaseModel):
    nummer: str
    status: str
    art: str
    betrag_cent: int
    bewilligung_von: dt.date | None
    bewilligung_bis: dt.date | None
    freigabe_erforderlich: bool


class FreigabeEingabe(BaseModel):
    freigeben: bool = Field(True, description="false: zur Überarbeitung zurückweisen (dann grund angeben)")
    grund: str = Field("", max_length=2000)


class NachforderungEingabe(BaseModel):
    beschreibung: str = Field(max_length=2000)
    frist: dt.date


class StatusAntwort(BaseModel):
    nummer: str
    status: str
    status_bezeichnung: str


FEHLER: dict[int | str, dict[str, Any]] = {
    401: {"model": Fehler, "description": "Nicht angemeldet"},
    403: {"model": Fehler, "description": "Keine Berechtigung oder CSRF-Token fehlt"},
    404: {"model": Fehler, "description": "Vorgang unbekannt oder kein Zugriff"},
    409: {"model": Fehler, "description": "Im aktuellen Verfahrensstand nicht möglich"},
}


# --- helpers ---------------------------------------------------------------------------------------
