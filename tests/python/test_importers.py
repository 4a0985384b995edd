"""Custom lexicons: native TSV, SentiWS v2.0, word lists; merging, overriding, lookup and errors."""

import pytest
import stimmung
from stimmung.importers import load, read_sentiws, read_wordlist

SENTIWS_POS = (
    "\ufeffAufschwung|NN\t0.6\tAufschwunges,Aufschwungs,Aufschwünge,Aufschwüngen\r\n"
    "Agilität|NN\t0.0040\t\r\n"
    "glänzend|ADJX\t0.5\tglänzende,glänzenden,glänzender\r\n"
)
SENTIWS_NEG = (
    "Einbruch|NN\t-0.9\tEinbruchs,Einbrüche,Einbrüchen\r\nverlieren|VVINF\t-0.4\tverlor,verloren\r\n"
)


@pytest.fixture
def sentiws_files(tmp_path):
    pos = tmp_path / "SentiWS_v2.0_Positive.txt"
    neg = tmp_path / "SentiWS_v2.0_Negative.txt"
    pos.write_bytes(SENTIWS_POS.encode("utf-8"))
    neg.write_bytes(SENTIWS_NEG.encode("utf-8"))
    return pos, neg


def test_sentiws_split_tones_bom_crlf_and_empty_forms(sentiws_files):
    lex = read_sentiws(*sentiws_files)
    assert lex.tones == ["bubble", "nervousness", "hedging", "polarity_pos", "polarity_neg"]
    entries = {e.term: e for e in lex.entries()}
    assert set(entries) == {"Aufschwung", "Agilität", "glänzend", "Einbruch", "verlieren"}
    assert entries["Einbruch"].tone == "polarity_neg" and entries["Einbruch"].weight == pytest.approx(0.9)
    assert entries["Agilität"].forms == [] and entries["Aufschwung"].exact
    assert entries["Einbruch"].source.endswith("SentiWS_v2.0_Negative.txt:1")
    scorer = stimmung.Scorer(stimmung.Lexicon.builtin().extended(lex))
    s = scorer.score("Nach dem Einbruch der Kurse folgte kein Aufschwung, die Anleger verloren Geld.")
    assert s["polarity_neg"] > 0.5
    assert {c.term for c in s.cues_for("polarity_neg")} == {"Einbruch", "verlieren"}
    assert [c.negated for c in s.cues_for("polarity_pos")] == [True]  # "kein Aufschwung"
    assert "polarity_pos" in scorer.score_batch(["glänzende Zahlen"]).columns


def test_sentiws_abs_and_one_sided_modes(sentiws_files):
    lex = stimmung.Lexicon.from_sentiws(*sentiws_files, negative="abs", tone="emotion", scale=2)
    assert lex.tones[3:] == ["emotion"]
    assert {e.term: e.weight for e in lex.entries()}["Einbruch"] == pytest.approx(1.8)
    only_neg = read_sentiws(*sentiws_files, negative="negative")
    assert {e.term for e in only_neg.entries()} == {"Einbruch", "verlieren"}
    with pytest.raises(ValueError):
        read_sentiws(*sentiws_files, negative="flip")


def test_sentiws_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Gut|ADJX\t0.3\tgute\r\nSchlecht|ADJX\tsehr\tschlechte\r\n")
    with pytest.raises(stimmung.LexiconError, match=r"bad\.txt:2") as err:
        read_sentiws(bad)
    assert err.value.line == 2 and err.value.source == str(bad)
    bad.write_bytes(b"Gut\t0.3\tgute\r\n")
    with pytest.raises(stimmung.LexiconError, match=r"bad\.txt:1.*Lemma\|POS"):
        read_sentiws(bad)
    bad.write_bytes(b"Gut|ADJX\t0.3\tgute\r\n\xff\xfe|NN\t0.1\t\r\n")
    with pytest.raises(stimmung.LexiconError, match=r"bad\.txt:2.*UTF-8"):
        read_sentiws(bad)
    with pytest.raises(stimmung.StimmungError, match="missing.txt"):
        read_sentiws(tmp_path / "missing.txt")


def test_real_sentiws(peers_dir):
    folder = peers_dir / "sentiws"
    lex = read_sentiws(folder / "SentiWS_v2.0_Positive.txt", folder / "SentiWS_v2.0_Negative.txt")
    assert len(lex) > 3000
    scorer = stimmung.Scorer(stimmung.Lexicon.builtin().extended(lex))
    s = scorer.score("Die Krise verschärft sich, ein Desaster für die Anleger.")
    assert s["polarity_neg"] > 0 and s["polarity_pos"] == 0


def test_wordlist_and_bpw(peers_dir):
    unc = read_wordlist(peers_dir / "bpw" / "UNC.txt", "uncertainty")
    neg = stimmung.Lexicon.from_wordlist(peers_dir / "bpw" / "NEG.txt", "negative", weight=0.5)
    assert len(unc) > 1500 and len(neg) > 10000
    scorer = stimmung.Scorer(stimmung.Lexicon.builtin().extended(unc, neg))
    assert scorer.tones[3:] == ("uncertainty", "negative")
    frame = scorer.score_batch(["Der Abbau von Stellen ist ungewiss."])
    assert frame["negative"].iloc[0] > 0 and frame["uncertainty"].iloc[0] > 0


def test_wordlist_comments_blank_lines_and_line_numbers(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("# meine Wörter\n\nRakete\nzum Mond\n", encoding="utf-8")
    lex = read_wordlist(words, "hype", weight=1.2)
    assert [(e.term, e.source.rsplit(":", 1)[1]) for e in lex.entries()] == [
        ("Rakete", "3"),
        ("zum Mond", "4"),
    ]
    s = stimmung.Scorer(lex).score("Die Aktie fliegt wie eine Rakete zum Mond.")
    assert s["hype"] > 0.5
    words.write_text("gut\nschlecht|böse\n", encoding="utf-8")
    with pytest.raises(stimmung.LexiconError, match=r"words\.txt:2"):
        read_wordlist(words, "x")
    with pytest.raises(ValueError):
        read_wordlist(words, "Not A Tone")


def test_merge_override_and_remove(tmp_path):
    a = stimmung.Lexicon.from_string("Rakete\thype\t1\tcue\nMond\thype\t1\tcue\n", "a.tsv")
    b = stimmung.Lexicon.from_string("Rakete\thype\t2\tcue\nMond\thype\t0\tcue\n", "b.tsv")
    merged = stimmung.Lexicon.merged(a, b)
    weights = {e.term: e.weight for e in merged.entries(tone="hype")}
    assert weights["Rakete"] == 2
    assert stimmung.Scorer(merged).score("Mond").scores["hype"] == 0  # weight 0 removes the cue
    tsv = tmp_path / "c.tsv"
    tsv.write_text("Blase\tbubble\t0.1\tcue\tcompound=both\n", encoding="utf-8")
    weak = stimmung.Lexicon.builtin().extended(tsv)
    assert stimmung.Scorer(weak).score("Die Blase.").bubble < stimmung.score("Die Blase.").bubble
    assert merged.to_frame().columns[0] == "term"
    assert isinstance(load(tsv), stimmung.Lexicon)


def test_lookup_reports_match_types():
    lex = stimmung.Lexicon.builtin()
    exact = lex.lookup("Blase")
    assert [(m.term, m.tone, m.match) for m in exact] == [("Blase", "bubble", "exact")]
    assert exact[0].source  # file:line of the entry
    assert [(m.term, m.match) for m in lex.lookup("Immobilienblase")] == [("Blase", "compound")]
    assert [(m.term, m.match) for m in lex.lookup("Blasen")] == [("Blase", "inflected")]
    assert lex.lookup("Tisch") == []
    user = stimmung.Lexicon.from_string("Rakete\thype\t1\tcue\n")
    assert user.lookup("Raketen")[0].tone == "hype"
    assert lex.entries(kind="negator") and all(e.kind == "negator" for e in lex.entries(kind="negator"))
