"""The SGB II parameters of one Stichtag, prepared as integers (cents, tenths of a percent)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from amtsweg.rules.engine.geld import euro_als_cent
from amtsweg.rules.engine.parameter import ParameterSatz, lade_ordner

I64 = npt.NDArray[np.int64]
PARAMETER_ORDNER = Path(__file__).parent / "parameter"
#: § 65a SGB II: start of the Grundsicherungsgeld (new § 12, new name, § 22 Abs. 1 Satz 6).
STICHTAG_NEU = dt.date(2026, 7, 1)


def parameter() -> ParameterSatz:
    return lade_ordner(PARAMETER_ORDNER)


def promille(prozent: Any) -> int:
    """A percentage as an integer number of tenths of a percent: "2.3" -> 23, "17" -> 170."""
    wert = Decimal(str(prozent)) * 10
    if wert != wert.to_integral_value():
        raise ValueError(f"{prozent} % hat mehr als eine Nachkommastelle")
    return int(wert)


@dataclass(frozen=True, slots=True)
class GrundsicherungsWerte:
    stichtag: dt.date
    regelbedarf: I64  # (7,) cents, index = Regelbedarfsstufe 1..6 (index 0 unused)
    mb_schwangere: int  # tenths of a percent
    mb_ae_pauschal: int
    mb_ae_je_kind: int
    mb_ae_hoechstens: int
    mb_ae_unter_7: int
    mb_ae_unter_16: int
    mb_teilhabe: int
    mb_merkzeichen_g: int
    mb_warmwasser: I64  # (7,) tenths of a percent by Regelbedarfsstufe
    grundabsetzbetrag: int  # cents
    stufen: tuple[tuple[int, int, int], ...]  # (von, bis, tenths of a percent), cents
    obergrenze_mit_kind: int
    alter_abs_2b_unter: int
    geringfuegigkeitsgrenze: int
    vermoegen_je_person_alt: int
    vermoegen_karenz_erste: int
    vermoegen_karenz_weitere: int
    vermoegen_karenz_monate: int
    vermoegen_neu: tuple[tuple[int, int], ...]  # (ab_alter, cents); empty before 2026-07-01
    kdu_karenz_monate: int
    kdu_obergrenze_promille: int  # 1500 = 1.5 x; 0 = no cap
    mindestalter: int
    altersgrenze_monate: dict[int, int]
    bezeichnung: str
    sofortzuschlag: int  # cents per month (§ 72 Abs. 1 Satz 1)

    def altersgrenze_fuer_jahrgang(self, jahrgang: int) -> int:
        erster, letzter = min(self.altersgrenze_monate), max(self.altersgrenze_monate)
        return self.altersgrenze_monate[min(max(jahrgang, erster), letzter)]


@cache
def werte_am(stichtag: dt.date) -> GrundsicherungsWerte:
    """All SGB II parameters in force on ``stichtag`` (raises outside their validity)."""
    p = parameter()
    rbs = [0] + [euro_als_cent(w) for w in p.am("regelbedarfsstufen", stichtag)]
    mb = p.am("mehrbedarf_prozent", stichtag)
    ab = p.am("absetzbetraege", stichtag)
    v_alt = p.am("vermoegen_alt", stichtag)
    v_neu = p.am("vermoegen_neu", stichtag) if stichtag >= STICHTAG_NEU else []
    kdu = p.am("kdu_karenzzeit", stichtag)
    ag = p.am("altersgrenze", stichtag)
    faktor = kdu["obergrenze_faktor"]
    return GrundsicherungsWerte(
        stichtag=stichtag,
        regelbedarf=np.array(rbs, dtype=np.int64),
        mb_schwangere=promille(mb["schwangere"]),
        mb_ae_pauschal=promille(mb["alleinerziehend_pauschal"]),
        mb_ae_je_kind=promille(mb["alleinerziehend_je_kind"]),
        mb_ae_hoechstens=promille(mb["alleinerziehend_hoechstens"]),
        mb_ae_unter_7=int(mb["alleinerziehend_kind_unter_7"]),
        mb_ae_unter_16=int(mb["alleinerziehend_kind_unter_16"]),
        mb_teilhabe=promille(mb["teilhabe"]),
        mb_merkzeichen_g=promille(mb["merkzeichen_g"]),
        mb_warmwasser=np.array([0] + [promille(x) for x in mb["warmwasser"]], dtype=np.int64),
        grundabsetzbetrag=euro_als_cent(ab["grundabsetzbetrag"]),
        stufen=tuple(
            (euro_als_cent(s["von"]), euro_als_cent(s["bis"]), promille(s["prozent"])) for s in ab["stufen"]
        ),
        obergrenze_mit_kind=euro_als_cent(ab["obergrenze_mit_kind"]),
        alter_abs_2b_unter=int(ab["alter_abs_2b_unter"]),
        geringfuegigkeitsgrenze=euro_als_cent(p.am("geringfuegigkeitsgrenze", stichtag)),
        vermoegen_je_person_alt=euro_als_cent(v_alt["je_person"]),
        vermoegen_karenz_erste=euro_als_cent(v_alt["karenz_erste_person"]),
        vermoegen_karenz_weitere=euro_als_cent(v_alt["karenz_je_weitere"]),
        vermoegen_karenz_monate=int(v_alt["karenzzeit_monate"]),
        vermoegen_neu=tuple((int(s["ab_alter"]), euro_als_cent(s["betrag"])) for s in v_neu),
        kdu_karenz_monate=int(kdu["monate"]),
        kdu_obergrenze_promille=0 if faktor is None else int(Decimal(str(faktor)) * 1000),
        mindestalter=int(ag["mindestalter"]),
        altersgrenze_monate={int(k): int(v) for k, v in ag["jahrgang_monate"].items()},
        bezeichnung=str(p.am("bezeichnung", stichtag)),
        sofortzuschlag=euro_als_cent(p.am("sofortzuschlag", stichtag)),
    )


_EPOCHE = dt.date(1970, 1, 1).toordinal()


def monatsanfang_plus(ordinal: I64, monate: int) -> I64:
    """Ordinal of the first day of the month ``monate`` months after the month of each date (0 stays 0)."""
    tage = (ordinal - _EPOCHE).astype("datetime64[D]")
    monat = tage.astype("datetime64[M]") + np.timedelta64(monate, "M")
    ergebnis: I64 = monat.astype("datetime64[D]").astype(np.int64) + _EPOCHE
    return np.where(ordinal > 0, ergebnis, 0).astype(np.int64)
