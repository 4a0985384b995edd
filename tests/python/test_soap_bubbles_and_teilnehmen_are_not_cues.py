"""Two false cues that were fixed, pinned by name so that they stay fixed.

(a) Soap bubbles (Seifenblasen) in a garden are literal bubbles: bubble 0 (GUIDELINE.md, Clarifications,
    "Scope": "literal bubbles (Seifenblasen, Gallenblase, Blasenentzündung) are 0 bubble"), while a market
    called a soap bubble is bubble tone like any "Blase" of a market. The minimal pairs mp041 and mp219
    (tests/data/minimal_pairs.tsv) compare one sentence of each kind; these tests check the absolute
    scores of several.
(b) "nahm ... an der Konferenz teil" is "teilnehmen" (take part); its "nahm ... an" must not be read as the
    separable "annehmen" (assume), a hedging cue, which "Wir nehmen an, dass ..." still is. No minimal
    pair covers it.
The sentences are our own.
"""

import pytest
import stimmung

GARDEN = [
    "Kinder machen im Garten Seifenblasen.",
    "Im Garten schweben bunte Seifenblasen über den Rasen.",
    "Auf der Wiese pustet das Mädchen Seifenblasen in die Luft.",
    "Die Kinder ließen im Garten Seifenblasen platzen.",
    "Die Seifenblase platzte.",
]
MARKET = [
    "Die Kurse sind eine Seifenblase, die bald platzt.",
    "Der Aktienmarkt ist eine Seifenblase.",
    "Die Bewertungen der KI-Aktien gleichen einer Seifenblase.",
    "Die Börsenrally ist nur eine Seifenblase, die bald platzen wird.",
]
TAKING_PART = [
    "Die Ministerin nahm an der Konferenz teil.",
    "Der Vorstand nimmt an der Hauptversammlung teil.",
    "Alle Aktionäre nahmen an der Abstimmung teil.",
    "Die Ministerin nahm gestern in Berlin an der Konferenz teil.",
    "Mehrere Banken haben an der Auktion teilgenommen.",
]
ASSUMING = [
    "Wir nehmen an, dass die Zinsen steigen.",
    "Analysten nehmen an, dass die Notenbank die Zinsen senkt.",
    "Die Ministerin nahm an, dass die Konferenz verschoben wird.",
]


@pytest.mark.parametrize("text", GARDEN)
def test_soap_bubbles_in_a_garden_score_no_bubble(text):
    assert stimmung.score(text).bubble == 0.0
    assert stimmung.score_document(text).mean["bubble"] == 0.0


@pytest.mark.parametrize("text", MARKET)
def test_a_market_called_a_soap_bubble_scores_bubble(text):
    score = stimmung.score(text)
    assert score.bubble >= 0.5  # present (guideline: explicit bubble of a market, 2)
    assert any(c.term == "Seifenblase" and c.weight > 0 for c in score.cues)


@pytest.mark.parametrize("text", TAKING_PART)
def test_nahm_an_etwas_teil_gives_no_hedging_cue_from_annehmen(text):
    score = stimmung.score(text)
    assert [c for c in score.cues if c.term == "annehmen"] == []
    assert score.hedging == 0.0


@pytest.mark.parametrize("text", ASSUMING)
def test_nehmen_an_dass_still_gives_a_hedging_cue_from_annehmen(text):
    score = stimmung.score(text)
    assert [c.tone for c in score.cues if c.term == "annehmen"] == ["hedging"]
    assert score.hedging > 0.0
