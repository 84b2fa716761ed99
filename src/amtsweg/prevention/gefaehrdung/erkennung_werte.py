"""Facts in a free-text site description: numbers with units, counts ("zu dritt"), durations, persons,
other employers, working alone, construction year, overhead-line voltage and distance, soil.

Works on the normalised text (lower case, ä -> ae, ß -> ss). Every match records its span, so the caller
can list the numbers that were *not* understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ZAHL = r"(\d+(?:[.,]\d+)?)"
_LEITUNG = (
    r"(?:freileitung|oberleitung|stromleitung|ueberlandleitung|kv-leitung|leitung\b|hausanschluss"
    r"|dachstaender)"
)
_STROM = r"strom|elektr|freileitung|oberleitung|dachstaender|\d\s*-?\s*(?:v|volt|kv)\b"
ZAHLWOERTER = {
    "ein": 1, "eine": 1, "einem": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwoelf": 12, "zwanzig": 20, "dreissig": 30,
}  # fmt: skip
ZU_N = {"zweit": 2, "dritt": 3, "viert": 4, "fuenft": 5, "sechst": 6, "siebt": 7, "acht": 8}
_WORTZAHL = "(" + "|".join(sorted(ZAHLWOERTER, key=len, reverse=True)) + ")"
PERSONEN = (
    r"(?:beschaeftigte\w*|mitarbeiter\w*|arbeiter\w*|arbeitnehmer\w*|personen|leute|monteure?|mann"
    r"|kollegen|gesellen|helfer\w*)"
)


@dataclass(slots=True)
class Fakten:
    werte: dict[str, float] = field(default_factory=dict)
    schalter: dict[str, bool] = field(default_factory=dict)
    boden: str | None = None
    spannen: list[tuple[int, int]] = field(default_factory=list)  # character spans understood
    gruende: dict[str, str] = field(default_factory=dict)  # field -> text fragment it came from

    def setze(self, feld: str, wert: float, m: re.Match[str]) -> None:
        if feld not in self.werte:
            self.werte[feld] = wert
            self.gruende[feld] = m.group(0).strip()
        self.spannen.append(m.span())

    def schalte(self, feld: str, m: re.Match[str]) -> None:
        self.schalter[feld] = True
        self.gruende.setdefault(feld, m.group(0).strip())
        self.spannen.append(m.span())


def zahl(text: str) -> float:
    text = text.strip()
    if text in ZAHLWOERTER:
        return float(ZAHLWOERTER[text])
    return float(text.replace(",", "."))


_MUSTER: dict[str, list[str]] = {
    "absturzhoehe_m": [
        rf"{_ZAHL}\s*(?:m|meter)\b[^.;\d]{{0,25}}?(?:hoch|hoehe|absturz|ueber (?:dem )?boden)",
        rf"(?:hoehe|absturzhoehe|traufhoehe|arbeitshoehe|firsthoehe|standhoehe)\s*(?:von|:)?\s*(?:ca\.?|etwa|rund)?\s*{_ZAHL}\s*(?:m|meter)\b",
        rf"in\s*{_ZAHL}\s*(?:m|meter)\s*hoehe",
        rf"(?:traufe|first|dachkante|attika|oberkante|belag|geruestlage)\w*\s*(?:bei|in|auf|von|:)?\s*"
        rf"(?:ca\.?|etwa|rund)?\s*{_ZAHL}\s*(?:m|meter)\b",
        rf"(?:bis|auf)\s*{_ZAHL}\s*(?:m|meter)\s*(?:hoehe|hoch)",
    ],
    "grabentiefe_m": [
        rf"{_ZAHL}\s*(?:m|meter)\b[^.;\d]{{0,20}}?tief",
        rf"(?:tiefe|grabentiefe|aushubtiefe|schachttiefe)\s*(?:von|:)?\s*(?:ca\.?|etwa|rund)?\s*{_ZAHL}\s*(?:m|meter)\b",
    ],
    "freileitung_abstand_m": [
        rf"{_ZAHL}\s*(?:m|meter)\s*(?:abstand|entfernt|neben|unter|seitlich|von der|zur|bis zur)"
        rf"[^.;\d]{{0,30}}?{_LEITUNG}",
        rf"{_LEITUNG}[^.;\d]{{0,40}}?(?:abstand|entfernt|neben)[^.;\d]{{0,25}}?{_ZAHL}\s*(?:m|meter)\b",
        rf"{_LEITUNG}[^.;\d]{{0,40}}?{_ZAHL}\s*(?:m|meter)\s*(?:entfernt|abstand|daneben|neben|seitlich|heran)",
        rf"{_LEITUNG}[^.;\d]{{0,60}}?(?:bis auf|naeher als|unter)\s*{_ZAHL}\s*(?:m|meter)\b",
    ],
    "freileitung_spannung_kv": [rf"{_ZAHL}\s*-?\s*kv\b"],
    "beschaeftigte_gleichzeitig": [
        rf"{_ZAHL}\s*{PERSONEN}\b",
        rf"\b{_WORTZAHL}\s+{PERSONEN}\b",
        rf"(?:kolonne|team|trupp)\s*(?:von|aus)\s*{_ZAHL}",
    ],
    "arbeitstage": [
        rf"{_ZAHL}\s*(?:arbeitstage|arbeitstagen|tage|tagen)\b",
        rf"\b{_WORTZAHL}\s+(?:arbeitstage|tage)\b",
    ],
    "wochen": [rf"{_ZAHL}\s*(?:wochen|woche)\b", rf"\b{_WORTZAHL}\s+wochen?\b"],
    "stunden": [rf"{_ZAHL}\s*(?:stunden|stunde|std\.?|h)\b", rf"\b{_WORTZAHL}\s+stunden?\b"],
    "personentage": [rf"{_ZAHL}\s*personentage"],
    "asbest_personenstunden": [rf"{_ZAHL}\s*personenstunden"],
    "asbest_fasern_m3": [rf"{_ZAHL}\s*(?:fasern|f)\s*/\s*m(?:3|³)"],
    "laerm_dba": [rf"{_ZAHL}\s*db\s*\(?a\)?"],
    "hand_arm_ms2": [rf"{_ZAHL}\s*m/s(?:2|²)"],
    "boeschungswinkel_grad": [rf"{_ZAHL}\s*(?:grad|°)"],
    "baujahr": [
        r"(?:baujahr|bj\.?|errichtet|gebaut|erbaut|aus dem jahr|aus den jahren?|von)"
        r"\s*(?:ca\.?|etwa|um)?\s*(1[89]\d\d|20[0-2]\d)",
        r"\b(1[89]\d\d|20[0-2]\d)\s*(?:gebaut|errichtet|erbaut)",
    ],
}

_SCHALTER: dict[str, list[str]] = {
    "allein": [r"(?<!nicht )(?<!nie )\ballein(?:e)?\b", r"\balleinarbeit\b", r"\beinzelarbeit"],
    "mehrere_arbeitgeber": [
        r"subunternehm\w*",
        r"nachunternehm\w*",
        r"fremdfirm\w*",
        r"(?:andere[rnms]?|zweite[rnms]?|weitere[rnms]?)"
        r"\s+(?:firma|firmen|arbeitgeber|unternehmen|betrieb\w*|gewerk\w*)",
        r"mehrere\s+(?:firmen|gewerke|arbeitgeber)",
        r"\belektriker\s+(?:von|der|einer)\s+\w+",
        r"\bauch\s+(?:ein|eine|der|die)\s+\w+(?:firma|betrieb)",
    ],
    "fahrer_ohne_unterweisung": [
        r"(?:helfer|aushilf|praktikant|azubi|lehrling|hilfsarbeiter)\w*\s+(?:\w+\s+){0,3}(?:faehrt|bedient|steuert)",
        r"(?:faehrt|bedient|steuert)\s+(?:\w+\s+){0,3}(?:helfer|aushilf|praktikant|azubi|lehrling|hilfsarbeiter)",
        r"(?:ohne|keine?)\s+(?:\w+\s+)?(?:unterweisung|einweisung|fuehrerschein|befaehigung|schulung|schein)",
        r"nicht\s+(?:unterwiesen|eingewiesen|geschult)",
        r"\bungeschult",
        r"\bunerfahren",
    ],
    "bagger_hebt": [
        r"bagger\w*[^.;]{0,60}?(?:hebt|heben|einheb|gehoben|am haken|anschlag|als kran)",
        r"(?:hebt|heben|einheb|gehoben)[^.;]{0,40}?(?:mit dem|mit einem|per)\s+\w*bagger",
    ],
    "ohne_verkehrsrechtliche_anordnung": [
        r"(?:ohne|keine)\s+(?:\w+\s+)?(?:verkehrsrechtliche\s+)?anordnung",
        r"anordnung\s+(?:fehlt|liegt\s+(?:noch\s+)?nicht)",
        r"anordnung\s+(?:haben|hat|gibt\s+es)\s+(?:wir|er|sie|es)?\s*(?:noch\s+)?(?:nicht|keine)",
        r"ohne\s+(?:\w+\s+)?(?:absicherung|absperrung|genehmigung)",
    ],
    "sicherungsposten": [
        r"sicherungsposten",
        r"(?:zweiter|zweite person|kollege)\s+(?:bleibt\s+)?(?:oben|aussen|draussen)",
    ],
    "lueftung_technisch": [
        r"(?:technische|mechanische)\s+(?:be)?lueftung",
        r"\blueft\w*\s+mit\s+\w*geblaese",
        r"absaugung\s+der\s+abgase",
    ],
    "verbau": [
        r"(?<!ohne )(?<!kein )\bverbau(?:boxen|box|platten|tafeln|gestellt|t)?\b"
        r"(?!\s+(?:fehlt|gibt es nicht))",
        r"\bgrabenverbau",
        r"\bverbaut\b",
    ],
    "freileitung_freigeschaltet": [r"freigeschaltet", r"abgeschaltet", r"spannungsfrei"],
}

_BODEN = [
    (r"\b(?:sand|kies|sandig|kiesig|schotter)\w*", "nichtbindig"),
    (r"steif\w*\s+(?:bindig|lehm|ton|mergel)|(?:lehm|ton|mergel)\w*\s*,?\s*steif", "steif_bindig"),
    (r"weich\w*\s+(?:bindig|lehm|ton)|(?:lehm|ton)\w*\s*,?\s*weich", "weich_bindig"),
    (r"\bfels\w*", "fels"),
]


#: yes/no facts whose pattern already contains the negation ("ohne Anordnung", "nicht unterwiesen")
_SELBST_VERNEINT = {"fahrer_ohne_unterweisung", "ohne_verkehrsrechtliche_anordnung"}
_VERNEINT_DAVOR = re.compile(r"\b(?:kein\w*|ohne|nicht|nie|noch nicht)\s+(?:\w+\s+){0,2}$")
_VERNEINT_DANACH = re.compile(
    r"^\w*\s+(?:\w+\s+){0,2}(?:fehlt|fehlen|nicht|gibt es (?:keine\w*|nicht)|ist aus|sind aus|ausgefallen)\b"
)


def _verneint(text: str, m: re.Match[str], feld: str) -> bool:
    """A safety-relevant yes-fact must not be taken from a negated phrase ("keine technische Lüftung",
    "Leitung ist nicht freigeschaltet", "Sicherungsposten fehlt"); the window ends at a clause boundary."""
    if feld in _SELBST_VERNEINT:
        return False
    davor = re.split(r"[,;.:!?]", text[max(0, m.start() - 40) : m.start()])[-1]
    danach = re.split(r"[,;.:!?]", text[m.end() : m.end() + 40])[0]
    return bool(_VERNEINT_DAVOR.search(davor) or _VERNEINT_DANACH.search(danach))


def fakten(text: str) -> Fakten:
    """All facts found in the normalised ``text``."""
    f = Fakten()
    for feld, muster in _MUSTER.items():
        for m_text in muster:
            m = re.search(m_text, text)
            if m:
                f.setze(feld, zahl(m.group(1)), m)
                break
    for m in re.finditer(r"\bzu\s+(zweit|dritt|viert|fuenft|sechst|siebt|acht)\b", text):
        f.setze("beschaeftigte_gleichzeitig", float(ZU_N[m.group(1)]), m)
    for m in re.finditer(r"(\d+(?:[.,]\d+)?)\s*-?\s*(?:v|volt)\b", text):
        f.setze("freileitung_spannung_kv", zahl(m.group(1)) / 1000, m)
    elektrisch = re.search(_STROM, text) is not None
    if (
        elektrisch
        and re.search(r"hausanschluss|niederspannung", text)
        and "freileitung_spannung_kv" not in f.werte
    ):
        m = re.search(r"hausanschluss|niederspannung", text)
        assert m is not None
        f.setze("freileitung_spannung_kv", 0.4, m)
    for feld, muster in _SCHALTER.items():
        for m_text in muster:
            m = next((x for x in re.finditer(m_text, text) if not _verneint(text, x, feld)), None)
            if m:
                f.schalte(feld, m)
                break
    for m_text, boden in _BODEN:
        m = re.search(m_text, text)
        if m:
            f.boden = boden
            f.spannen.append(m.span())
            break
    if "arbeitstage" not in f.werte and "wochen" in f.werte:
        f.werte["arbeitstage"] = f.werte["wochen"] * 5  # five working days per week
    f.werte.pop("wochen", None)
    if f.werte.get("beschaeftigte_gleichzeitig") == 1:
        f.schalter["allein"] = True
    if f.schalter.get("allein") and "beschaeftigte_gleichzeitig" not in f.werte:
        f.werte["beschaeftigte_gleichzeitig"] = 1
    # A voltage is an overhead-line fact only if the text speaks of a line
    if not re.search(r"leitung|hausanschluss|mast", text):
        f.werte.pop("freileitung_spannung_kv", None)
    if not elektrisch:  # a water or gas house connection is no overhead line
        f.werte.pop("freileitung_abstand_m", None)
    return f


def nicht_zugeordnet(text: str, spannen: list[tuple[int, int]]) -> list[str]:
    """Numbers (with the word after them) that no rule used."""
    rest = []
    for m in re.finditer(r"\d+(?:[.,]\d+)?(?:\s*[-/]?\s*[a-z³²°%()]+)?", text):
        if not any(a <= m.start() < e or a < m.end() <= e for a, e in spannen):
            rest.append(m.group(0).strip())
    return list(dict.fromkeys(rest))
