"""Rules-as-code. Pure: no database, web framework, clock, network or LLM SDK."""
