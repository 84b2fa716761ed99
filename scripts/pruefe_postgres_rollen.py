"""Check the non-owner role setup of docs/betrieb.md against a PostgreSQL server (creates and drops a
temporary database and two roles): the app role can migrate-to-head and append audit events, but cannot
drop or disable the audit triggers, delete, truncate or update audit events. Needs superuser access."""

import uuid
from sqlalchemy import create_engine, text
from amtsweg.db import Datenbank
from amtsweg.governance.audit import Aktion, protokolliere

basis = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
name = "amtsweg_rollen_" + uuid.uuid4().hex[:8]
v = create_engine(basis, isolation_level="AUTOCOMMIT")
with v.connect() as c:
    for r in ("amtsweg_eigentuemer_t", "amtsweg_app_t"):
        c.execute(text(f"DROP ROLE IF EXISTS {r}"))
    c.execute(text("CREATE ROLE amtsweg_eigentuemer_t LOGIN"))
    c.execute(text("CREATE ROLE amtsweg_app_t LOGIN"))
    c.execute(text(f'CREATE DATABASE "{name}" OWNER amtsweg_eigentuemer_t'))
try:
    eig = Datenbank(f"postgresql+psycopg://amtsweg_eigentuemer_t@127.0.0.1:5432/{name}")
    eig.migriere()
    with eig.engine.begin() as c:
        for stmt in """REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO amtsweg_app_t;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO amtsweg_app_t;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_ereignis FROM amtsweg_app_t;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM amtsweg_app_t;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO amtsweg_app_t""".split(";"):
            c.execute(text(stmt))
    eig.engine.dispose()
    app = Datenbank(f"postgresql+psycopg://amtsweg_app_t@127.0.0.1:5432/{name}")
    app.migriere()  # already at head: must work with the app role
    with app.sitzung() as s:
        protokolliere(s, Aktion.anmeldung, akteur="x", rolle="-")
    print("insert ok")
    for stmt in (
        "DROP TRIGGER audit_unveraenderlich ON audit_ereignis",
        "ALTER TABLE audit_ereignis DISABLE TRIGGER ALL",
        "DELETE FROM audit_ereignis",
        "TRUNCATE audit_ereignis",
        "UPDATE audit_ereignis SET akteur='y'",
    ):
        try:
            with app.engine.begin() as c:
                c.execute(text(stmt))
            print("ALLOWED!", stmt)
        except Exception as e:
            print("refused:", stmt, "->", str(e).splitlines()[0][:80])
    app.engine.dispose()
finally:
    with v.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text("DROP ROLE IF EXISTS amtsweg_eigentuemer_t"))
        c.execute(text("DROP ROLE IF EXISTS amtsweg_app_t"))
