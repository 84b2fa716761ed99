"""``amtsweg fitconnect …``."""

from __future__ import annotations

import typer

app = typer.Typer(help="FIT-Connect: Anträge aus Onlinediensten empfangen", no_args_is_help=True)
