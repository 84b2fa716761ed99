"""Web: FastAPI app serving server-rendered Jinja templates (KERN UX, HTMX) and a JSON API."""

from amtsweg.web.app import erstelle_app

__all__ = ["erstelle_app"]
