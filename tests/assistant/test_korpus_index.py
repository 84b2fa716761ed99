from pathlib import Path

from amtsweg.assistant.index import Korpus, baue_index, index_datei
from amtsweg.assistant.korpus import Quellen, lies_gesetz
from amtsweg.rules.engine.norm import Norm


def test_law_chunked_by_absatz_with_norm(quellen: Quellen) -> None:
    assert quellen.gesetze is not None
    abschnitte = list(lies_gesetz(quellen.gesetze / "WoGG-BJNR185610008.md"))
    zitate = [a.zitat for a in abschnitte]
    assert zitate[:2] == ["§ 22 Abs. 1 WoGG", "§ 22 Abs. 2 WoGG"]
    assert Norm.aus_dict(abschnitte[2].norm or {}) == Norm("WoGG", "25", absatz=1)
    assert "zwölf Monate" in abschnitte[2].text and "Inhaltsübersicht" not in " ".join(zitate)


def test_service_modules_and_pages(korpus: Korpus) -> None:
    titel = {a.titel for a in korpus.abschnitte}
    assert "Kinderzuschlag – Voraussetzungen" in titel and "Kinderzuschlag – Kurztext" in titel
    assert "Wohngeldstelle Musterstadt – Unterlagen" in titel
    assert all(a.link == f"/assistent/quelle/{a.id}" for a in korpus.abschnitte)


def test_index_is_incremental(quellen: Quellen, tmp_path: Path) -> None:
    ziel = index_datei(tmp_path / "d")
    erst = baue_index(quellen, ziel)
    assert (erst.neu, erst.unveraendert) == (3, 0)
    assert quellen.seiten is not None
    (quellen.seiten / "wohngeld.md").write_text(
        "# Neu\n\nDie Stelle zieht um in das Rathaus.\n", encoding="utf-8"
    )
    zweit = baue_index(quellen, ziel)
    assert (zweit.neu, zweit.unveraendert, zweit.entfernt) == (1, 2, 0)
    assert any("Rathaus" in a.text for a in Korpus.lade(ziel).abschnitte)
