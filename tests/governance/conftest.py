"""Web fixtures of the staff/citizen pages, shared with tests/web."""

from tests.web.conftest import als, app_client, demo  # noqa: F401
