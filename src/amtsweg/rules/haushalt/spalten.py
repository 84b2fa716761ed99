"""The columnar form of households: one numpy array per field, persons grouped by household.

The single-household path and the batch path both build this form, so every rule has one
definition that runs on arrays (see ARCHITECTURE.md § 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from amtsweg.rules.haushalt.eingabe import (
    ABZUEGE,
    EINKOMMENSARTEN,
    ROLLEN,
    UNTERHALTSARTEN,
    Haushalt,
)

I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]

ART = {art: i for i, art in enumerate(EINKOMMENSARTEN)}
ROLLE = {rolle: i for i, rolle in enumerate(ROLLEN)}
UNTERHALTSART = {art: i for i, art in enumerate(UNTERHALTSARTEN)}
#: Fields with one value per household (all others but start/unterhalt_* have one per person).
HAUSHALTSFELDER = frozenset(
    {
        "mietstufe",
        "kosten",
        "eigentum",
        "heizkosten",
        "angemessene_kosten",
        "warmwasser_dezentral",
        "kdu_traeger",
    }
)


@dataclass(frozen=True, slots=True)
class Haushaltsspalten:
    # households (length H)
    start: I64  # index of each household's first person; persons of a household are contiguous
    mietstufe: I64
    kosten: I64  # Bruttokaltmiete or Belastung, cents per month
    eigentum: B
    # persons (length P)
    haushalt: I64
    rolle: I64
    alter: I64
    brutto: I64  # shape (len(EINKOMMENSARTEN), P): one contiguous row per income type, cents per month
    elterngeld_plus: B
    anzahl_abzuege: I64
    kindergeld: B
    grad_der_behinderung: I64
    haeuslich_pflegebeduerftig: B
    ns_verfolgt: B
    grundrentenzeiten_jahre: I64
    ausgeschlossen: B  # § 7 WoGG
    # fields used by SGB II, Kinderzuschlag and the Vorrangprüfung (persons)
    netto: I64  # shape like brutto; -1 where netto_monat was not given
    vermoegen: I64
    schwanger: B
    erwerbsfaehig: I64  # 1 yes, 0 no, -1 not stated (derive from age)
    bewilligungsbeginn: I64  # proleptic ordinal of the date, 0 if not stated
    in_ausbildung: B
    mehrbedarf_teilhabe: B
    merkzeichen_g: B
    mehrbedarf_ernaehrung: I64
    #: month of birth as index 12 * year + month - 1 (-1 without a geburtsdatum), and whether the person
    #: was born on the 1st: she completes k months of age in month ``geburtsmonat + k``, or one month
    #: earlier if born on the 1st (the day before the birthday, § 187 Abs. 2, § 188 Abs. 2 BGB)
    geburtsmonat: I64
    geboren_am_ersten: B
    # households
    heizkosten: I64
    angemessene_kosten: I64  # -1 if not stated
    warmwasser_dezentral: B
    kdu_traeger: npt.NDArray[np.object_]  # name of the kommunaler Träger or None
    # maintenance payments (length E, one per payment)
    unterhalt_person: I64
    unterhalt_art: I64
    unterhalt_betrag: I64
    unterhalt_tituliert: B

    @property
    def anzahl_haushalte(self) -> int:
        return int(self.start.shape[0])

    def je_haushalt(self, werte: I64) -> I64:
        """Sum a per-person integer array per household (exact, int64)."""
        return np.add.reduceat(werte, self.start) if werte.shape[0] else np.zeros(0, np.int64)

    def bereich(self, von: int, bis: int) -> Haushaltsspalten:
        """Households ``von`` to ``bis`` (exclusive) as views, for splitting work across threads."""
        p_von = int(self.start[von])
        p_bis = int(self.start[bis]) if bis < self.anzahl_haushalte else int(self.haushalt.shape[0])
        groessen = np.diff(np.append(self.start[von:bis], p_bis))
        return self._teil(slice(von, bis), slice(p_von, p_bis), groessen)

    def auswahl(self, haushalte: I64) -> Haushaltsspalten:
        """The given households (ascending indexes), copied; used when a batch mixes Stichtage."""
        personen = np.flatnonzero(np.isin(self.haushalt, haushalte))
        groessen = np.bincount(self.haushalt, minlength=self.anzahl_haushalte)[haushalte]
        return self._teil(haushalte, personen, groessen)

    def _teil(self, h: slice | I64, p: slice | I64, groessen: I64) -> Haushaltsspalten:
        werte: dict[str, object] = {}
        for feld in fields(self):
            wert = getattr(self, feld.name)
            if feld.name in ("start", "haushalt") or feld.name.startswith("unterhalt_"):
                continue
            if feld.name in HAUSHALTSFELDER:
                werte[feld.name] = wert[h]
            else:
                werte[feld.name] = wert[:, p] if wert.ndim == 2 else wert[p]
        if isinstance(p, slice):
            u = (self.unterhalt_person >= p.start) & (self.unterhalt_person < p.stop)
            werte["unterhalt_person"] = self.unterhalt_person[u] - p.start
        else:
            u = np.isin(self.unterhalt_person, p)
            werte["unterhalt_person"] = np.searchsorted(p, self.unterhalt_person[u]).astype(np.int64)
        for name in ("unterhalt_art", "unterhalt_betrag", "unterhalt_tituliert"):
            werte[name] = getattr(self, name)[u]
        return Haushaltsspalten(
            start=np.concatenate([[0], np.cumsum(groessen)[:-1]]).astype(np.int64),
            haushalt=np.repeat(np.arange(len(groessen), dtype=np.int64), groessen),
            **werte,  # type: ignore[arg-type]
        )

    def anzahl_je_haushalt(self, maske: B) -> I64:
        return self.je_haushalt(maske.astype(np.int64))


def geburtsmonat_aus_ordinalen(ordinale: I64) -> tuple[I64, B]:
    """``geburtsmonat`` and ``geboren_am_ersten`` from proleptic ordinals of birth dates (0 = not stated)."""
    tage = (ordinale - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    monate = tage.astype("datetime64[M]")
    erster = (tage - monate.astype("datetime64[D]")).astype(np.int64) == 0
    bekannt = ordinale > 0
    index = np.where(bekannt, monate.astype(np.int64) + 12 * 1970, -1).astype(np.int64)
    return index, erster & bekannt


def aus_haushalten(haushalte: Sequence[Haushalt], mietstufen: Sequence[int]) -> Haushaltsspalten:
    """Columnar form of validated households; ``mietstufen`` already resolved (one per household)."""
    personen = [p for h in haushalte for p in h.personen]
    groessen = np.array([len(h.personen) for h in haushalte], dtype=np.int64)
    start = np.concatenate([[0], np.cumsum(groessen)[:-1]]).astype(np.int64)
    brutto = np.zeros((len(EINKOMMENSARTEN), len(personen)), dtype=np.int64)
    netto = np.zeros((len(EINKOMMENSARTEN), len(personen)), dtype=np.int64)
    plus = np.zeros(len(personen), dtype=np.bool_)
    u_person: list[int] = []
    u_art: list[int] = []
    u_betrag: list[int] = []
    u_titel: list[bool] = []
    for i, person in enumerate(personen):
        for einkommen in person.einkommen:
            brutto[ART[einkommen.art], i] += einkommen.brutto_monat
            if einkommen.netto_monat is None or netto[ART[einkommen.art], i] < 0:
                netto[ART[einkommen.art], i] = -1
            else:
                netto[ART[einkommen.art], i] += einkommen.netto_monat
            plus[i] |= einkommen.plus
        for zahlung in person.unterhalt_gezahlt:
            u_person.append(i)
            u_art.append(UNTERHALTSART[zahlung.art])
            u_betrag.append(zahlung.betrag_monat)
            u_titel.append(zahlung.tituliert)

    def spalte(werte: list[int] | list[bool], dtype: type) -> npt.NDArray[np.generic]:
        return np.array(werte, dtype=dtype)

    geburt = geburtsmonat_aus_ordinalen(
        np.array([p.geburtsdatum.toordinal() if p.geburtsdatum else 0 for p in personen], dtype=np.int64)
    )
    return Haushaltsspalten(
        start=start,
        mietstufe=np.array(mietstufen, dtype=np.int64),
        kosten=np.array([h.wohnung.kosten_monat for h in haushalte], dtype=np.int64),
        eigentum=np.array([h.wohnung.art == "eigentum" for h in haushalte], dtype=np.bool_),
        haushalt=np.repeat(np.arange(len(haushalte), dtype=np.int64), groessen),
        rolle=np.array([ROLLE[p.rolle] for p in personen], dtype=np.int64),
        alter=np.array([p.alter for p in personen], dtype=np.int64),
        brutto=brutto,
        elterngeld_plus=plus,
        anzahl_abzuege=np.array([sum(a in p.abzuege for a in ABZUEGE) for p in personen], dtype=np.int64),
        kindergeld=np.array([p.kindergeld for p in personen], dtype=np.bool_),
        grad_der_behinderung=np.array([p.grad_der_behinderung for p in personen], dtype=np.int64),
        haeuslich_pflegebeduerftig=np.array([p.haeuslich_pflegebeduerftig for p in personen], dtype=np.bool_),
        ns_verfolgt=np.array([p.ns_verfolgt for p in personen], dtype=np.bool_),
        grundrentenzeiten_jahre=np.array([p.grundrentenzeiten_jahre for p in personen], dtype=np.int64),
        ausgeschlossen=np.array([p.vom_wohngeld_ausgeschlossen for p in personen], dtype=np.bool_),
        netto=netto,
        vermoegen=np.array([p.vermoegen for p in personen], dtype=np.int64),
        schwanger=np.array([p.schwanger for p in personen], dtype=np.bool_),
        erwerbsfaehig=np.array(
            [-1 if p.erwerbsfaehig is None else int(p.erwerbsfaehig) for p in personen], dtype=np.int64
        ),
        bewilligungsbeginn=np.array(
            [p.bewilligungsbeginn.toordinal() if p.bewilligungsbeginn else 0 for p in personen],
            dtype=np.int64,
        ),
        in_ausbildung=np.array([p.in_ausbildung for p in personen], dtype=np.bool_),
        mehrbedarf_teilhabe=np.array([p.mehrbedarf_teilhabe for p in personen], dtype=np.bool_),
        merkzeichen_g=np.array([p.merkzeichen_g for p in personen], dtype=np.bool_),
        mehrbedarf_ernaehrung=np.array([p.mehrbedarf_ernaehrung_monat for p in personen], dtype=np.int64),
        geburtsmonat=geburt[0],
        geboren_am_ersten=geburt[1],
        heizkosten=np.array([h.wohnung.heizkosten_monat or 0 for h in haushalte], dtype=np.int64),
        angemessene_kosten=np.array(
            [
                -1 if h.wohnung.angemessene_kosten_monat is None else h.wohnung.angemessene_kosten_monat
                for h in haushalte
            ],
            dtype=np.int64,
        ),
        warmwasser_dezentral=np.array([h.wohnung.warmwasser_dezentral for h in haushalte], dtype=np.bool_),
        kdu_traeger=np.array([h.wohnung.kdu_traeger for h in haushalte], dtype=object),
        unterhalt_person=spalte(u_person, np.int64),  # type: ignore[arg-type]
        unterhalt_art=spalte(u_art, np.int64),  # type: ignore[arg-type]
        unterhalt_betrag=spalte(u_betrag, np.int64),  # type: ignore[arg-type]
        unterhalt_tituliert=spalte(u_titel, np.bool_),  # type: ignore[arg-type]
    )
