"""The root command group of ``amtsweg``: German help texts and component sub-apps imported on first use
(so ``amtsweg --help`` and a single calculation stay light)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

# typer vendors its own click (typer._click); its classes are reached through typer.core only.
Befehl = Any  # a typer click command or group

#: Help text of every ``--help`` option (click's own is English).
HILFE_TEXT = "Diese Hilfe anzeigen und beenden."

def _deutsche_markierungen() -> None:
    """German words for the markers typer's help prints ("[default: …]", "[required]"); called only when a
    help page is rendered, so a normal command never imports the help renderer."""
    from typer import rich_utils

    rich_utils.DEFAULT_STRING = "[Standard: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[Pflicht]"
    rich_utils.ENVVAR_STRING = "[Umgebungsvariable: {}]"


def _deutsche_hilfe(befehl: Befehl) -> Befehl:
    """German text for the --help option of ``befehl`` and all its subcommands; flags show no "<bool>"."""
    original = befehl.get_help_option
    formatiere = befehl.format_help

    def hilfe_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.help = HILFE_TEXT
            option.metavar = ""
        return option

    def format_help(ctx: Any, formatter: Any) -> None:
        _deutsche_markierungen()
        formatiere(ctx, formatter)

    befehl.get_help_option = hilfe_option
    befehl.format_help = format_help
    for parameter in getattr(befehl, "params", []):
        if getattr(parameter, "is_flag", False) and parameter.metavar is None:
            parameter.metavar = ""
    for unter in getattr(befehl, "commands", {}).values():
        _deutsche_hilfe(unter)
    return befehl


class _Verzoegert(TyperCommand):
    """A subcommand whose module is imported only when it runs (``amtsweg --help`` stays light)."""

    def __init__(self, name: str, hilfe: str, laden: Callable[[], Befehl]) -> None:
        super().__init__(name, help=hilfe, short_help=hilfe, add_help_option=False)
        self._laden = laden

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        echt = _deutsche_hilfe(self._laden())
        return echt.make_context(info_name, args, parent=parent, **extra)


def _typer_app(modul: str, name: str = "app") -> Callable[[], Befehl]:
    def laden() -> Befehl:
        import importlib

        return typer.main.get_command(getattr(importlib.import_module(modul), name))

    return laden


def _einzelbefehl(modul: str, befehl: str, hilfe: str) -> Callable[[], Befehl]:
    """A single command function ``befehl`` of ``modul``, imported on first use."""

    def laden() -> Befehl:
        import importlib

        einzeln = typer.Typer(add_completion=False)
        einzeln.command(befehl, help=hilfe)(getattr(importlib.import_module(modul), befehl))
        return typer.main.get_command(einzeln)

    return laden


FRAGE_HILFE = "Eine Frage an den Assistenten (Antwort nur aus Quellen, mit Zitaten)"
INDEX_HILFE = "Suchindex des Assistenten (inkrementell) aufbauen"
NEU_HILFE = "Laufende Bewilligungen zum Stichtag neu berechnen (Probelauf mit Bericht)"
#: Component sub-apps, registered by name and help text, imported on first use.
VERZOEGERT: dict[str, tuple[str, Callable[[], Befehl]]] = {
    "frage": (FRAGE_HILFE, _einzelbefehl("amtsweg.assistant.kommandos", "frage", FRAGE_HILFE)),
    "index": (INDEX_HILFE, _einzelbefehl("amtsweg.assistant.kommandos", "index", INDEX_HILFE)),
    "neuberechnung": (
        NEU_HILFE,
        _einzelbefehl("amtsweg.neuberechnung.kommandos", "neuberechnung", NEU_HILFE),
    ),
    "gefaehrdung": (
        "Gefährdungsbeurteilung für Baustellen",
        _typer_app("amtsweg.prevention.gefaehrdung.kommandos"),
    ),
    "praevention": (
        "Risikobasierte Auswahl von Präventionsbesuchen",
        _typer_app("amtsweg.prevention.kommandos"),
    ),
    "korpus": (
        "Synthetischer Dokumentenkorpus mit Grundwahrheit (Evaluation)",
        _typer_app("amtsweg.documents.korpus.kommandos"),
    ),
    "governance": (
        "KI-Governance: Register, Überwachung, Berichte",
        _typer_app("amtsweg.governance.kommandos"),
    ),
    "xdomea": (
        "xdomea: Abgabe an E-Akte/DMS, Aussonderung an das Archiv",
        _typer_app("amtsweg.schnittstellen.xdomea.kommandos"),
    ),
    "fitconnect": (
        "FIT-Connect: Anträge aus Onlinediensten empfangen",
        _typer_app("amtsweg.schnittstellen.fitconnect.kommandos"),
    ),
}


class Amtsweg(TyperGroup):
    """The root group: German help texts, component sub-apps loaded lazily."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for name, (hilfe, laden) in VERZOEGERT.items():
            self.add_command(_Verzoegert(name, hilfe, laden))
        _deutsche_hilfe(self)
