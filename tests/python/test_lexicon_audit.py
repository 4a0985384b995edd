"""Audits of the built-in lexicon as a whole: lines that can never count are mistakes nobody would notice.

A multi-word cue that cannot match even its own words, written as a sentence, is dead: an expression that
crosses a clause its words open ("als ob es kein Morgen gäbe", before clause words could open the next
clause), or a phrase form that gives one word another's position ("Erwartungen unerfüllbar"). Conditional
cues (requires=, min=, ratio=, price, separable verbs) need company their own words do not give, and are
left out.
"""

from __future__ import annotations

import stimmung

CONDITIONAL = ("requires=", "min=", "ratio=", "price", "sep=")


def unconditional_expressions() -> list[tuple[str, str]]:
    rows = []
    for line in stimmung.Lexicon.builtin().to_tsv().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, tone, weight, kind, *rest = line.split("\t")
        options = rest[0] if rest else ""
        if kind != "cue" or tone == "-" or len(term.split()) < 2 or float(weight) < 0.05:
            continue
        if "<n>" in term or any(c in options for c in CONDITIONAL):
            continue
        rows.append((term, tone))
    return rows


def test_every_unconditional_expression_scores_its_tone_on_its_own_words():
    scorer = stimmung.Scorer()
    rows = unconditional_expressions()
    assert len(rows) > 5000  # the audit covers the lexicon, not an empty list
    dead = [
        (term, tone) for term, tone in rows if not any(c.tone == tone for c in scorer.score(term + ".").cues)
    ]
    assert dead == []


def test_the_audit_finds_a_dead_line():
    # The line as it was: its phrase form gives "Erwartungen" the position of "unerfüllbar".
    lexicon = stimmung.Lexicon.from_string(
        "Erwartungen unerfüllbar\tbubble\t1.0\tcue\tfree,gap=4,forms=unerfüllbare Erwartungen|unerfüllbar\n"
    )
    result = stimmung.Scorer(lexicon).score("Erwartungen unerfüllbar.")
    assert not any(c.tone == "bubble" for c in result.cues)
