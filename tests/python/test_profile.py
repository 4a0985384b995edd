"""The language profile (docs/profile-format.md): built-in, changed from a file without rebuilding, bad
lines, fingerprints, pickles, the splitter and the CLI's --profile."""

import copy
import io
import pickle
import subprocess
import sys

import pandas as pd
import pytest
import stimmung

NEAR_NEGATION = "Es gibt keine große Blase."


def bubble(scorer, text):
    return scorer.score(text).scores["bubble"]


def test_builtin_profile():
    p = stimmung.Profile.builtin()
    assert p.is_builtin and p == stimmung.Profile() and stimmung.Scorer().profile == p
    assert p["negation_reach_after"] == ["4"]
    assert p["complementizers"] == ["dass", "ob"]
    assert p["question_tone"] == ["hedging"]
    assert p["since_words"] == ["seit"]
    assert "negation_reach_after" in stimmung.Profile.setting_names()
    assert stimmung.Profile.from_string(p.to_tsv()) == p
    assert repr(p) == "<stimmung.Profile: built-in>"
    with pytest.raises(KeyError):
        p["no_such_setting"]


def test_negation_reach_from_a_file(tmp_path):
    """Issue 13, item 2: one profile value changed in a file, seen in the scores without rebuilding."""
    path = tmp_path / "short.tsv"
    path.write_text("# a shorter reach\nnegation_reach_after\t1\n", encoding="utf-8")
    profile = stimmung.Profile.from_file(path)
    assert not profile.is_builtin and profile["negation_reach_after"] == ["1"]
    assert bubble(stimmung.Scorer(), NEAR_NEGATION) == 0.0
    changed = stimmung.Scorer(profile=profile)
    assert bubble(changed, NEAR_NEGATION) > 0.4
    assert bubble(changed, "Es gibt keine Blase.") == 0.0
    # A path works too, and so do the batch paths.
    assert bubble(stimmung.Scorer(profile=path), NEAR_NEGATION) == bubble(changed, NEAR_NEGATION)
    assert changed.score_batch([NEAR_NEGATION], 1)["bubble"][0] == bubble(changed, NEAR_NEGATION)
    assert changed.score_batch([NEAR_NEGATION], 1, level="document")["bubble"][0] > 0.4
    assert changed.profile == profile and "changed language profile" in repr(changed)


def test_tone_roles_and_the_splitter():
    off = stimmung.Scorer(profile=stimmung.Profile.from_string("question_tone\t-\n"))
    assert stimmung.score("Platzt die Blase?").scores["hedging"] > 0.4
    assert off.score("Platzt die Blase?").scores["hedging"] == 0.0
    text = "Das sagte Dr. Müller gestern."
    no_dr = stimmung.Profile.from_string("abbreviations\tz b u a\n")
    assert len(stimmung.Scorer().score_document(text).sentences) == 1
    assert len(stimmung.Scorer(profile=no_dr).score_document(text).sentences) == 2
    assert stimmung.split_sentences(text) == [text]
    assert stimmung.split_sentences(text, profile=no_dr) == ["Das sagte Dr.", "Müller gestern."]
    assert stimmung.Scorer(profile=no_dr).split_sentences(text) == ["Das sagte Dr.", "Müller gestern."]


@pytest.mark.parametrize("text, line", [
    ("no_such_setting\t1\n", 1),
    ("# ok\nnegation_reach_after\tfour\n", 2),
    ("\n\nreported_factor\t99\n", 3),
    ("question_tone\tHedging\n", 1),
    ("negation_reach_after 4\n", 1),
])
def test_bad_profile_names_file_and_line(tmp_path, text, line):
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(stimmung.LexiconError) as info:
        stimmung.Profile.from_file(path)
    assert info.value.source == str(path) and info.value.line == line
    assert f"{path}:{line}:" in str(info.value)
    with pytest.raises(stimmung.LexiconError):  # a path given to the Scorer is read the same way
        stimmung.Scorer(profile=path)


def test_unreadable_profile_is_a_lexicon_error(tmp_path):
    with pytest.raises(stimmung.LexiconError, match="No such file"):
        stimmung.Profile.from_file(tmp_path / "missing.tsv")
    with pytest.raises(stimmung.LexiconError, match="directory, not a profile file"):
        stimmung.Profile.from_file(tmp_path)


def test_fingerprint_only_when_changed():
    builtin_print = stimmung.Lexicon.builtin().fingerprint
    assert stimmung.Scorer().fingerprint == builtin_print
    assert stimmung.Scorer(profile=stimmung.Profile.builtin()).fingerprint == builtin_print
    changed = stimmung.Scorer(profile=stimmung.Profile.from_string("modifier_reach\t3\n"))
    assert changed.fingerprint != builtin_print and changed.fingerprint.startswith("stimmung-")
    assert changed.score_batch(["Die Blase platzt."]).attrs["stimmung_lexicon"] == changed.fingerprint


@pytest.mark.parametrize("clone", [lambda x: pickle.loads(pickle.dumps(x)), copy.copy, copy.deepcopy])
def test_pickle_keeps_a_changed_profile(clone):
    profile = stimmung.Profile.from_string("negation_reach_after\t1\n")
    scorer = stimmung.Scorer(profile=profile)
    again = clone(scorer)
    assert again.profile == profile and bubble(again, NEAR_NEGATION) == bubble(scorer, NEAR_NEGATION) > 0.4
    assert again.fingerprint == scorer.fingerprint
    assert clone(profile) == profile and hash(clone(profile)) == hash(profile)
    # The built-in profile is not pickled: the state of a normal scorer stays as it was.
    assert "profile" not in stimmung.Scorer().__getstate__()
    assert "profile" not in stimmung.Scorer(profile=stimmung.Profile.builtin()).__getstate__()
    assert scorer.__getstate__()["profile"] == profile


def _run(*args: str, text: str = NEAR_NEGATION) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "stimmung", *args]
    return subprocess.run(command, input=text.encode(), capture_output=True, check=False)


def test_cli_profile(tmp_path):
    path = tmp_path / "short.tsv"
    path.write_text("negation_reach_after\t1\n", encoding="utf-8")
    score = ("score", "-", "--lines", "-q", "--level", "sentence")
    plain, changed = _run(*score), _run(*score, "--profile", str(path))
    assert plain.returncode == 0 and changed.returncode == 0, changed.stderr.decode()
    a, b = pd.read_csv(io.BytesIO(plain.stdout)), pd.read_csv(io.BytesIO(changed.stdout))
    assert a["bubble"][0] == 0.0 and b["bubble"][0] > 0.4
    assert a["lexicon"][0] != b["lexicon"][0]  # provenance names the profile
    explained = _run("explain", NEAR_NEGATION, "--colour", "never", "--profile", str(path))
    assert explained.returncode == 0 and "negated" not in explained.stdout.decode(), explained.stdout
    bad = tmp_path / "bad.tsv"
    bad.write_text("negation_reach_after\tx\n", encoding="utf-8")
    for command in (score, ("explain", NEAR_NEGATION)):
        failed = _run(*command, "--profile", str(bad))
        assert failed.returncode == 1 and f"{bad}:1:" in failed.stderr.decode()
        assert b"Traceback" not in failed.stderr
