from amtsweg.assistant.analyse import Analysator, stamm


def test_umlaut_and_ae_spellings_share_a_stem() -> None:
    ana = Analysator()
    assert ana.terme("Anträge") == ana.terme("Antraege")
    assert ana.terme("Straße") == ana.terme("Strasse")


def test_compound_split_from_corpus_vocabulary() -> None:
    ana = Analysator.aus_texten(["Wohngeld Wohngeld Antrag Antrag Kinder Kinder Zuschlag Zuschlag"])
    assert ana.zerlege("wohngeldantrag") == ["wohngeld", "antrag"]
    terme = ana.terme("Wohngeldantrag")
    assert stamm("wohngeldantrag") in terme and stamm("antrag") in terme
    assert ana.zerlege("kinderzuschlag") == ["kinder", "zuschlag"]
    assert ana.zerlege("haus") == []


def test_stop_words_removed_and_misspellings_corrected() -> None:
    ana = Analysator.aus_texten(["Voraussetzungen Voraussetzungen beantragen beantragen Wohngeld Wohngeld"])
    assert ana.terme("Was ist das?") == []
    assert ana.terme("Vorraussetzungen", anfrage=True) == ana.terme("Voraussetzungen")
    assert ana.terme("Wohngelt", anfrage=True) == ana.terme("Wohngeld")
    assert ana.terme("bearntragen", anfrage=True) == ana.terme("beantragen")
