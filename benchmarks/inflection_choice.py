"""Why stimmung generates inflected forms instead of stemming: a measurement.

    .venv/bin/pip install PyStemmer && .venv/bin/python benchmarks/inflection_choice.py

Two ways to let a lexicon lemma match its inflected forms are compared on pairs the team wrote:
  * generated forms (what stimmung does): the lemma's forms are generated at build time and looked up exactly;
  * Snowball's German stemmer (PyStemmer, the same algorithm as Debian's libstemmer): a token matches a lemma
    when both have the same stem.
FORMS must match their lemma; TRAPS are distinct words (often a verb spelled like a noun cue, in the case
they have in running text) that must not match. The script prints recall on FORMS and false matches on TRAPS.
"""

from __future__ import annotations

import sys

import stimmung

try:
    import Stemmer  # PyStemmer
except ImportError:  # pragma: no cover
    sys.exit("PyStemmer is needed: .venv/bin/pip install PyStemmer")

# (token as it stands in text, lemma of the built-in lexicon)
FORMS = [
    ("Blasen", "Blase"),
    ("Spekulationsblasen", "Spekulationsblase"),
    ("Sorgen", "Sorge"),
    ("Ängste", "Angst"),
    ("Ängsten", "Angst"),
    ("Zweifeln", "Zweifel"),
    ("Crashs", "Crash"),
    ("Hypes", "Hype"),
    ("Unsicherheiten", "Unsicherheit"),
    ("Übertreibungen", "Übertreibung"),
    ("Exzessen", "Exzess"),
    ("Turbulenzen", "Turbulenz"),
    ("Bedenken", "Bedenken"),
    ("Nervosität", "Nervosität"),
    ("Gerüchte", "Gerücht"),
    ("Gerüchten", "Gerücht"),
    ("Vorwürfe", "Vorwurf"),
    ("nervöse", "nervös"),
    ("nervösen", "nervös"),
    ("nervöser", "nervös"),
    ("nervösesten", "nervös"),
    ("überbewertete", "überbewertet"),
    ("überbewerteten", "überbewertet"),
    ("überbewertetsten", "überbewertet"),
    ("überhitzten", "überhitzt"),
    ("panische", "panisch"),
    ("besorgter", "besorgt"),
    ("unsicherer", "unsicher"),
    ("volatiler", "volatil"),
    ("spekulativen", "spekulativ"),
    ("gereizte", "gereizt"),
    ("angespannten", "angespannt"),
    ("befürchtet", "befürchten"),
    ("befürchteten", "befürchten"),
    ("zittern", "zittern"),
    ("zitterten", "zittern"),
    ("verunsicherte", "verunsichern"),
    ("kritisiert", "kritisieren"),
    ("warnte", "warnen"),
    ("gewarnt", "warnen"),
    ("platzte", "platzen"),
    ("geplatzt", "platzen"),
    ("zu platzen", "platzen"),
    ("bricht heute ein", "einbrechen"),
    ("eingebrochen", "einbrechen"),
    ("einzubrechen", "einbrechen"),
    ("brach zusammen", "zusammenbrechen"),
    ("zusammengebrochen", "zusammenbrechen"),
    ("spekulierten", "spekulieren"),
    ("vermutete", "vermuten"),
    ("dementierte", "dementieren"),
    ("streiten", "streiten"),
    ("stritten", "streiten"),
    ("abgestürzt", "abstürzen"),
]
# Distinct words that must not match the cue (as they stand in running text).
TRAPS = [
    ("sorgen", "Sorge"),
    ("sorgten", "Sorge"),
    ("Drucker", "Druck"),
    ("Indizes", "Indiz"),
    ("Schienen", "scheinen"),
    ("blasen", "Blase"),
    ("Angestellte", "Angst"),
    ("sorgfältig", "Sorge"),
    ("Panikraum", "Panik"),
    ("Kritiker", "Kritik"),
    ("Kläger", "Klage"),
    ("Spannungsnetz", "Spannung"),
    ("Crashkurs", "Crash"),
    ("Warner", "warnen"),
    ("Streitkräfte", "Streit"),
    ("Blasinstrument", "Blase"),
    ("Zweifelsfall", "Zweifel"),
    ("Gallenblase", "Blase"),
    ("Harnblase", "Blase"),
    ("sicherlich", "sicher"),
    ("Sicherung", "sicher"),
]


def matches_generated(scorer: stimmung.Scorer, token: str, lemma: str) -> bool:
    # Score the token inside a neutral sentence, so that sentence-initial capitalization plays no part.
    tone = {e.term: e.tone for e in scorer.lexicon.entries() if e.kind == "cue"}.get(lemma)
    return any(c.tone == tone for c in scorer.score("Heute " + token + " in Berlin").cues)


def matches_snowball(stemmer, lemmas: set, token: str, lemma: str) -> bool:
    # Snowball stems lowercase words; an exact lexicon word wins before stemming (exact first).
    word = token.split()[0].lower()
    if word in lemmas and word != lemma.lower():
        return False
    return stemmer.stemWord(word) == stemmer.stemWord(lemma.lower())


def main() -> int:
    scorer = stimmung.Scorer()
    stemmer = Stemmer.Stemmer("german")
    lemmas = {e.term.lower() for e in scorer.lexicon.entries()}
    missing = sorted({lemma for _, lemma in FORMS + TRAPS} - {e.term for e in scorer.lexicon.entries()})
    if missing:
        print("lemmas not in the built-in lexicon (ignored):", ", ".join(missing))
    forms = [(t, lem) for t, lem in FORMS if lem not in missing]
    traps = [(t, lem) for t, lem in TRAPS if lem not in missing]
    rows = []
    for name, fn in (
        ("generated forms (stimmung)", lambda t, lem: matches_generated(scorer, t, lem)),
        ("Snowball German stemmer", lambda t, lem: matches_snowball(stemmer, lemmas, t, lem)),
    ):
        hit = [t for t, lem in forms if fn(t, lem)]
        false = [t for t, lem in traps if fn(t, lem)]
        missed = [t for t, lem in forms if not fn(t, lem)]
        rows.append((name, len(hit), len(forms), len(false), len(traps), missed, false))
    print(f"{'method':<28} {'forms matched':>14} {'traps matched':>14}")
    for name, h, n, f, m, missed, false in rows:
        print(f"{name:<28} {h:>6}/{n:<7} {f:>6}/{m:<7}")
        print(f"    missed forms: {', '.join(missed) or '-'}")
        print(f"    false matches: {', '.join(false) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
