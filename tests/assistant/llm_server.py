"""A tiny OpenAI-compatible chat completions server with canned replies (test double for a local LLM)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

app = FastAPI()
ANTWORTEN = {
    "Monate": (
        "Wohngeld soll für zwölf Monate bewilligt werden [1]. "
        "Zusätzlich zahlt der Bund jedem Haushalt einen Bonus von 500 Euro im Jahr [1]."
        " Ändern sich die Verhältnisse erheblich, wird der Bewilligungszeitraum verkürzt [1]."
    ),
    "Unterlagen": "Sie brauchen nur Ihren Reisepass und ein Foto [1]. Der Antrag ist kostenlos [1].",
}


@app.post("/v1/chat/completions")
def vervollstaendige(anfrage: dict[str, Any]) -> dict[str, Any]:
    nutzer = anfrage["messages"][-1]["content"]
    frage = nutzer.rsplit("Frage:", 1)[-1]
    text = next((a for k, a in ANTWORTEN.items() if k in frage), "KEINE_QUELLE")
    return {
        "id": "test",
        "object": "chat.completion",
        "model": anfrage.get("model", "test"),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
    }
