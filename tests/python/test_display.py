"""Jupyter display: HTML with cues highlighted per tone, tooltips, negation, escaping and score bars."""

import html
import re

import stimmung
from stimmung.display import TONE_COLOURS, tone_colour


def marks(markup):
    return re.findall(
        r'<mark class="([^"]*)" data-tone="([^"]*)" style="([^"]*)" title="([^"]*)">(.*?)</mark>', markup
    )


def test_sentence_html_highlights_cues_with_tone_colours_and_tooltips():
    s = stimmung.score("Die KI-Blase könnte bald platzen.")
    markup = s._repr_html_()
    found = marks(markup)
    surfaces = [m[4] for m in found]
    assert "KI-Blase" in surfaces and "könnte" in surfaces
    blase = next(m for m in found if m[4] == "KI-Blase")
    assert blase[1] == "bubble" and TONE_COLOURS["bubble"] in blase[2]
    tooltip = html.unescape(blase[3])
    assert "Blase" in tooltip and "compound" in tooltip and "weight" in tooltip
    hedge = next(m for m in found if m[4] == "könnte")
    assert TONE_COLOURS["hedging"] in hedge[2]
    # score bars for every tone
    assert markup.count('class="stimmung-bar"') == 3
    for tone in stimmung.TONES:
        assert f">{tone}<" in markup


def test_negated_cues_are_struck_through_with_modifiers_in_tooltip():
    markup = stimmung.score("Von einer Blase kann keine Rede sein.")._repr_html_()
    blase = next(m for m in marks(markup) if m[4] == "Blase")
    assert "stimmung-negated" in blase[0] and "line-through" in blase[2]
    assert "negated" in html.unescape(blase[3])


def test_all_text_is_escaped():
    text = '<script>alert("x")</script> & die Blase platzt'
    markup = stimmung.score(text)._repr_html_()
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup and "&amp;" in markup
    lex = stimmung.Lexicon.from_string("Blase<b>\tbubble\t1\tcue\n")
    weird = stimmung.Scorer(lex).score("Die Blase<b> platzt")
    assert "<b>" not in weird._repr_html_()


def test_document_html_uses_document_offsets_and_shows_mean_max_share():
    text = "Die Börsen sind ruhig. Die Panik an den Märkten ist enorm. Die KI-Blase könnte bald platzen."
    doc = stimmung.score_document(text)
    markup = doc._repr_html_()
    assert [m[4] for m in marks(markup)] == [text[c.start : c.end] for c in doc.cues]
    assert markup.count('class="stimmung-sentence"') == 3
    assert "max" in markup and "share" in markup and "3 sentences" in markup


def test_user_defined_tones_get_their_own_colour_and_bar():
    lex = stimmung.Lexicon.builtin().extended(
        stimmung.Lexicon.from_string("Rakete\thype\t1\tcue\nMond\tmoon\t1\tcue\n")
    )
    scorer = stimmung.Scorer(lex)
    s = scorer.score("Die Rakete fliegt zum Mond, die Blase wächst.")
    markup = s._repr_html_()
    found = {m[4]: m for m in marks(markup)}
    hype, moon = tone_colour("hype", scorer.tones), tone_colour("moon", scorer.tones)
    assert hype != moon and hype not in TONE_COLOURS.values()
    assert hype in found["Rakete"][2] and moon in found["Mond"][2]
    assert markup.count('class="stimmung-bar"') == 5 and ">hype<" in markup
    assert "stimmung-cue" in scorer.score_document("Die Rakete. Der Mond.")._repr_html_()


def test_overlapping_cues_are_each_described():
    from types import SimpleNamespace

    from stimmung.display import highlight_ansi, highlight_html

    def cue(start, end, tone, term, negated=False):
        return SimpleNamespace(
            start=start,
            end=end,
            tone=tone,
            term=term,
            match="phrase",
            base_weight=1.0,
            weight=0.0 if negated else 1.0,
            modifiers=["negated"] if negated else [],
            negated=negated,
        )

    text = "die Wogen glätten sich"
    cues = [cue(4, 17, "nervousness", "Wogen glätten"), cue(10, 17, "hype", "glätten", negated=True)]
    found = marks(highlight_html(text, cues, ["bubble", "nervousness", "hedging", "hype"]))
    assert [m[4] for m in found] == ["Wogen ", "glätten"]
    assert "Wogen glätten" in html.unescape(found[1][3]) and "glätten (hype" in html.unescape(found[1][3])
    assert "line-through" in found[1][2] and "line-through" not in found[0][2]
    assert highlight_ansi(text, cues, [], colour=False) == "die [Wogen glätten] sich"


def test_explain_shows_one_word_cue_of_two_tones(capsys):
    # "Crash" is a cue of bubble and of nervousness on the same words: the terminal highlighter once
    # compared the two Cue objects while sorting and crashed.
    from stimmung.cli import main

    assert main(["explain", "--colour", "never", "Ein Crash an der Börse droht."]) == 0
    out = capsys.readouterr().out
    assert "[Crash]" in out


def test_explain_cli_colours(capsys):
    from stimmung.cli import main

    assert (
        main(["explain", "--colour", "always", "Von einer Blase kann keine Rede sein, die Panik wächst."])
        == 0
    )
    out = capsys.readouterr().out
    assert "\033[35m\033[9mBlase" in out  # bubble colour, struck through
    assert "\033[31mPanik" in out


def test_explain_file_shows_each_sentence_as_a_document_scores_it(tmp_path, capsys):
    import stimmung
    from stimmung.cli import main

    text = "Die Tech-Rally wirkt überhitzt. Händler sprechen von Panik.\nDas Wetter bleibt freundlich."
    path = tmp_path / "artikel.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["explain", "--colour", "never", "--file", str(path)]) == 0
    out = capsys.readouterr().out
    doc = stimmung.Scorer().score_document(text)
    assert out.startswith(f"== {path}\n")
    for sentence in doc.sentences:  # every sentence, with the scores the document gives it
        assert "  " + "  ".join(f"{t}={s:.2f}" for t, s in sentence.scores.items()) in out
    assert out.count("\n\n") == len(doc.sentences) - 1
    assert "[überhitzt]" in out and "[Panik]" in out
    assert f"document: bubble mean={doc.mean['bubble']:.2f} max={doc.max['bubble']:.2f}" in out


def test_explain_reads_standard_input(monkeypatch, capsys):
    import io

    from stimmung.cli import main

    data = "Die Blase platzt. Die Anleger sind nervös.".encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["explain", "--colour", "never", "-f", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("== (standard input)\n") and "[Blase]" in out and "[nervös]" in out


def test_explain_text_of_several_sentences_is_split(capsys):
    from stimmung.cli import main

    assert main(["explain", "--colour", "never", "Die Blase platzt. Es könnte regnen."]) == 0
    out = capsys.readouterr().out
    assert "Die [Blase] [platzt].\n" in out and "Es [könnte] regnen.\n" in out and "document:" in out
    # One sentence is shown as before: no document line.
    assert main(["explain", "--colour", "never", "Die Blase platzt."]) == 0
    assert "document:" not in capsys.readouterr().out


def test_explain_says_when_its_text_is_a_file_name(tmp_path, monkeypatch, capsys):
    from stimmung.cli import main

    (tmp_path / "artikel.txt").write_text("Die Blase platzt.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["explain", "--colour", "never", "artikel.txt"]) == 0
    captured = capsys.readouterr()
    assert "'artikel.txt' is also a file; --file artikel.txt explains its sentences" in captured.err
    assert captured.out.startswith("artikel.txt\n")  # the words themselves, as asked


def test_explain_bad_input_gives_a_clear_error(tmp_path, capsys):
    from stimmung.cli import main

    assert main(["explain"]) == 2
    assert "give a text to explain, or --file PATH" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Die Blase \xff platzt.")
    assert main(["explain", "--file", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "not valid UTF-8" in captured.err and captured.out == ""
    assert main(["explain", "--file", str(tmp_path / "missing.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err
