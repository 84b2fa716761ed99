"""Thin routers: parse, call a service, map errors — no business logic."""
