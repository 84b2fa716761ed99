"""Fixtures shared with the web tests (logged-in clients on the demo accounts) for the staff download."""

from tests.web.conftest import als, app_client, demo  # noqa: F401
