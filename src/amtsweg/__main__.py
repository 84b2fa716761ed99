from amtsweg.cli import app

app()
