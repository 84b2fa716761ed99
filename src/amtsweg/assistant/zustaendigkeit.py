"""Questions the law texts cannot answer: a friendly pointer to the right contact instead of a guess.

Categories (from what citizens ask social offices): other benefits and laws not in the corpus (Elterngeld,
BAföG, Pflege, Rente, Arbeitslosengeld I, AsylbLG, Krankenversicherung, Wohnberechtigungsschein,
Rundfunkbeitrag, Mindestlohn, tax returns, Schufa, tenancy law), office organisation (opening hours, phone
numbers, one's case worker), the status of one's own Antrag or processing times, portal access, form fields,
local values (rent ceilings of a municipality, local fees) and individual legal advice in a dispute.

Benefits that are only *mentioned* in a question about an in-scope benefit ("Wird das BAföG meines Sohnes
beim Wohngeld angerechnet?") stay in scope: those topics are "weak" and count only if no in-scope benefit
is named. Patterns are matched on the lower-cased question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: benefits and procedures the corpus covers (a question naming one is about the corpus)
_IM_KORPUS = re.compile(
    r"wohngeld|b[üu]rgergeld|grundsicherung|jobcenter|kindergeld|kinderzuschlag|\bkiz\b|unterhaltsvorschuss"
    r"|sozialhilfe|sozialamt|familienkasse|bildung und teilhabe|regelsatz|regelbedarf|hartz|mietzuschuss"
    r"|lastenzuschuss"
)


@dataclass(frozen=True)
class Verweis:
    kategorie: str
    meldung: str
    kontakt: str


@dataclass(frozen=True)
class _Regel:
    muster: re.Pattern[str]
    stark: bool  # True: out of scope even if an in-scope benefit is named
    verweis: Verweis


def _r(muster: str, stark: bool, kategorie: str, meldung: str, kontakt: str) -> _Regel:
    return _Regel(re.compile(muster), stark, Verweis(kategorie, meldung, kontakt))


_NICHT_IM_KORPUS = "Das regeln die Gesetze, aus denen ich antworte, nicht."
REGELN: tuple[_Regel, ...] = (
    _r(
        r"passwort|kennwort|einloggen|\blogin\b|zugangsdaten|jobcenter\.digital|online-?portal|\bapp\b"
        r"|konto (ist )?gesperrt|zwei-faktor",
        True,
        "portal",
        "Fragen zum Zugang zu Online-Portalen (Passwort, Anmeldung) kann ich nicht beantworten.",
        "Bitte nutzen Sie die Funktion „Passwort vergessen“ des Portals oder die Service-Hotline der "
        "Stelle, die das Portal betreibt (zum Beispiel Ihres Jobcenters).",
    ),
    _r(
        r"(stand|status) (von |meines |meinem |des |der )?\w*antrag|antragsnummer|aktenzeichen|kundennummer"
        r"|(wie lange|wann) (dauert|braucht).{0,40}(bearbeit|antrag|bescheid)|bearbeitungs(zeit|dauer)"
        r"|warte (schon|seit)|noch (keine antwort|nichts gehört|keinen bescheid)",
        True,
        "bearbeitungsstand",
        "Wie weit Ihr eigener Antrag ist und wie lange die Bearbeitung dauert, steht in keinem Gesetz.",
        "Den Stand Ihres Antrags kennt nur die Stelle, die ihn bearbeitet (Wohngeldstelle, Jobcenter oder "
        "Familienkasse). Bitte fragen Sie dort nach; wenn über einen Antrag lange nicht entschieden wird, "
        "kann eine Beratungsstelle Sie zu den nächsten Schritten beraten.",
    ),
    _r(
        r"öffnungszeit|offen hat|hat .{0,40}(offen|geöffnet)|geöffnet|telefonnummer|hotline|e-?mail-?adresse"
        r"|\badresse\b|ohne termin|termin (bekommen|vereinbaren|machen)|sachbearbeiter\w* (antwortet|ist nie"
        r"|erreich)|sachbearbeiter\w*.{0,30}(antwortet|meldet sich)|andere[nr]? sachbearbeiter"
        r"|komme (da )?nie durch|nicht erreichbar",
        True,
        "organisation",
        "Öffnungszeiten, Telefonnummern und Zuständigkeiten einzelner Mitarbeiterinnen und Mitarbeiter "
        "stehen in keinem Gesetz.",
        "Bitte sehen Sie auf der Website Ihrer Stadt, Ihres Jobcenters oder der Familienkasse nach oder "
        "rufen Sie die Behördennummer 115 an; Kontaktdaten stehen auch auf Ihrem Bescheid.",
    ),
    _r(
        r"formular.{0,40}(feld|seite|zeile|ausfüll|eintrag)|(feld|zeile) \d+",
        True,
        "formular",
        "Die Felder der Antragsformulare sind je nach Land verschieden und stehen nicht im Gesetz.",
        "Bitte fragen Sie die Stelle, die das Formular herausgibt, oder nutzen Sie deren Ausfüllhilfe.",
    ),
    _r(
        r"richtwert|mietobergrenze|angemessenheitsgrenze|(miete|kdu|unterkunftskosten).{0,60}"
        r"\b(in|im|für) (münchen|berlin|hamburg|köln|frankfurt|stuttgart|landkreis|kreis|stadt|der stadt)\b"
        r"|(landkreis|kreis|stadt) [a-zäöü]+.{0,40}(miete|kdu|geb[üu]hr)"
        r"|geb[üu]hr\w* (der|in|bei) (stadt|gemeinde)",
        True,
        "oertlich",
        "Örtliche Werte wie die Mietobergrenzen eines Landkreises oder Gebühren einer Stadt legt die "
        "Kommune fest; sie stehen nicht in den Bundesgesetzen.",
        "Bitte fragen Sie beim Jobcenter oder bei der Stadt- oder Kreisverwaltung nach; viele Kommunen "
        "veröffentlichen ihre Richtlinie zu den Kosten der Unterkunft.",
    ),
    _r(
        r"soll ich .{0,30}klagen|(anwalt|anwältin)|erfolgsaussicht|ist (das|die|der|es) (so )?rechtens"
        r"|mieterh[öo]hung|k[üu]ndigung (der|meiner) wohnung|vermieter hat .{0,30}gek[üu]ndigt|mietminderung",
        True,
        "rechtsberatung",
        "Eine Rechtsberatung in einem konkreten Streitfall kann ich nicht geben.",
        "Hilfe bekommen Sie bei einer Sozialberatungsstelle, beim Mieterverein, bei einer Rechtsanwältin "
        "oder einem Rechtsanwalt (Beratungshilfe gibt es über das Amtsgericht) oder bei der "
        "Rechtsantragstelle des Sozialgerichts.",
    ),
    _r(
        r"rundfunk|\bgez\b",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Die Befreiung vom Rundfunkbeitrag regelt der Rundfunkbeitragsstaatsvertrag.",
        "Bitte wenden Sie sich an den ARD ZDF Deutschlandradio Beitragsservice.",
    ),
    _r(
        r"familienversichert|familienversicherung|krankenkasse",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Die Kranken- und Familienversicherung regelt das SGB V.",
        "Bitte fragen Sie Ihre Krankenkasse.",
    ),
    _r(
        r"schufa|auskunftei",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Einträge bei Auskunfteien sind nicht in den Sozialgesetzen geregelt.",
        "Bitte wenden Sie sich an eine Schuldnerberatungsstelle oder an die Auskunftei.",
    ),
    _r(
        r"wohnberechtigungsschein|\bwbs\b",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Der Wohnberechtigungsschein beruht auf dem Wohnraumförderungsrecht.",
        "Bitte fragen Sie beim Wohnungsamt Ihrer Stadt oder Gemeinde.",
    ),
    _r(
        r"erwerbsminderungsrente|rente wegen (voller |teilweiser )?erwerbsminderung|em-rente|altersrente"
        r"|rentenversicherung|rentenpunkte|rente beantragen",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Renten regelt das SGB VI.",
        "Beratung gibt die Deutsche Rentenversicherung (kostenlose Servicenummer 0800 1000 4800).",
    ),
    _r(
        r"arbeitslosengeld (1|i)\b|\balg ?(1|i)\b|kurzarbeitergeld|insolvenzgeld|agentur für arbeit",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS
        + " Arbeitslosengeld I und andere Leistungen der Arbeitsförderung regelt das SGB III.",
        "Die Agentur für Arbeit berechnet und bewilligt diese Leistungen.",
    ),
    _r(
        r"asylbewerber|asylblg|asylbewerberleistung",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Leistungen für Asylbewerber regelt das Asylbewerberleistungsgesetz.",
        "Auskunft gibt das zuständige Sozialamt oder die Ausländerbehörde.",
    ),
    _r(
        r"mindestlohn",
        True,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Den Mindestlohn regelt das Mindestlohngesetz.",
        "Auskunft gibt die Mindestlohn-Hotline des Bundesministeriums für Arbeit und Soziales.",
    ),
    _r(
        r"steuererkl[äa]rung|(steuerlich )?absetzen|lohnsteuer|welche zeile",
        True,
        "andere_leistung",
        "Fragen zu Ihrer Steuererklärung beantworte ich nicht.",
        "Bitte wenden Sie sich an Ihr Finanzamt, einen Lohnsteuerhilfeverein oder eine Steuerberatung.",
    ),
    _r(
        r"elterngeld|elternzeit|mutterschutz|mutterschaftsgeld",
        False,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Elterngeld und Elternzeit regelt das Bundeselterngeld- und Elternzeitgesetz.",
        "Bitte wenden Sie sich an die Elterngeldstelle Ihres Landes oder Kreises.",
    ),
    _r(
        r"baf[öo]g",
        False,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Das BAföG regelt das Bundesausbildungsförderungsgesetz.",
        "Bitte wenden Sie sich an das BAföG-Amt (Studierendenwerk oder Amt für Ausbildungsförderung).",
    ),
    _r(
        r"pflegegeld|pflegegrad|pflegekasse|pflegeversicherung",
        False,
        "andere_leistung",
        _NICHT_IM_KORPUS + " Die Pflegeversicherung regelt das SGB XI.",
        "Bitte wenden Sie sich an die Pflegekasse (bei Ihrer Krankenkasse) oder einen Pflegestützpunkt.",
    ),
    _r(
        r"\brente\b|krankenversicherung|krankengeld",
        False,
        "andere_leistung",
        _NICHT_IM_KORPUS,
        "Bitte wenden Sie sich an die Rentenversicherung oder Ihre Krankenkasse.",
    ),
)


def pruefe(frage: str) -> Verweis | None:
    """The referral if the question is outside the corpus, else None."""
    text = " ".join(frage.lower().split())
    im_korpus = bool(_IM_KORPUS.search(text))
    for regel in REGELN:
        if regel.muster.search(text) and (regel.stark or not im_korpus):
            return regel.verweis
    return None
