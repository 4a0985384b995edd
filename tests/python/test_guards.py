"""API guards (issue 12): wrong arguments raise instead of giving wrong answers or crashing the process."""

import pickle
import subprocess
import sys

import pandas as pd
import pytest
import stimmung
from stimmung import _core


def test_score_batch_refuses_a_dataframe():
    df = pd.DataFrame({"text": ["Die Blase platzt."]})
    with pytest.raises(TypeError, match="DataFrame"):  # before: scored the column label 'text'
        stimmung.score_batch(df)
    with pytest.raises(TypeError, match="DataFrame"):
        stimmung.Scorer().score_batch(df, level="document")


def test_score_frame_refuses_duplicate_column_names():
    df = pd.DataFrame([["Die Blase platzt.", "Ruhe."]], columns=["text", "text"])
    with pytest.raises(ValueError, match="duplicate column"):  # before: wrong scores
        stimmung.score_frame(df, "text")


def test_lexicon_loaders_refuse_a_directory(tmp_path):
    for load in (stimmung.Lexicon.from_file, lambda p: stimmung.Lexicon.from_wordlist(p, "hype"),
                 stimmung.Lexicon.from_sentiws, lambda p: stimmung.Lexicon.builtin().extended(p),
                 stimmung.Scorer):
        with pytest.raises(stimmung.LexiconError, match="directory"):  # before: an empty lexicon
            load(tmp_path)
    with pytest.raises(stimmung.LexiconError, match="No such file"):
        stimmung.Lexicon.from_file(tmp_path / "missing.tsv")


@pytest.mark.parametrize("spec", ["{d}", "words:hype:{d}", "sentiws:{d}", "{d}/missing.tsv"])
def test_cli_lexicon_must_be_a_regular_readable_file(tmp_path, spec):
    (tmp_path / "in.txt").write_text("Die Blase platzt.\n", encoding="utf-8")
    for command in (["score", str(tmp_path / "in.txt")], ["explain", "Die Blase platzt."]):
        proc = subprocess.run(
            [sys.executable, "-m", "stimmung", *command, "--lexicon", spec.format(d=tmp_path)],
            capture_output=True,
        )
        assert proc.returncode == 1 and proc.stderr.count(b"\n") == 1, proc.stderr
        assert b"cannot read lexicon" in proc.stderr and b"Traceback" not in proc.stderr


def _uninitialised_uses():
    """(class name, how an object without __init__ is made, what is then done with it)."""

    def ctor_new(cls):
        return cls.__new__(cls)

    def pickle_newobj(cls):  # protocol 2 NEWOBJ: calls tp_new directly, as a crafted 30-byte pickle can
        return pickle.loads(
            b"\x80\x02c" + cls.__module__.encode() + b"\n" + cls.__name__.encode() + b"\n)\x81."
        )

    def subclass_without_init(cls):
        sub = type("Sub", (cls,), {"__init__": lambda self, *a: None})
        return sub()

    uses = {
        "Scorer": [
            lambda o: o.score("Die Blase platzt."),
            lambda o: o.score_document("x"),
            lambda o: o.score_batch(["x"], 1, "sentence", False),
            lambda o: o.tones,
            lambda o: o.lexicon,
            lambda o: o.strict_utf8,
        ],
        "Lexicon": [
            len,
            lambda o: o.to_tsv(),
            lambda o: o.tones,
            lambda o: o.entries(),
            lambda o: o.extended(_core.Lexicon.builtin()),
            lambda o: _core.Scorer(o, False),
            lambda o: _core.Lexicon.builtin().extended(o),
        ],
        "Cue": [lambda o: o.surface, lambda o: o.weight, lambda o: o.modifiers, repr],
        "SentenceScore": [lambda o: o.scores, lambda o: o.cues, lambda o: o.start],
        "DocumentScore": [lambda o: o.sentences, lambda o: o.mean, lambda o: o.n_sentences],
        "LexiconEntry": [lambda o: o.term, lambda o: o.forms, lambda o: o.kind, repr],
        "Profile": [
            lambda o: o.to_tsv(),
            lambda o: o.values("modifier_reach"),
            lambda o: o.is_builtin(),
            lambda o: o == _core.Profile.builtin(),
            lambda o: _core.Scorer(_core.Lexicon.builtin(), False, [], o),
            lambda o: _core.split_sentences("Dr. Weber. Er kam.", o),
        ],
    }
    return [
        (name, make, use)
        for name, fns in uses.items()
        for make in (ctor_new, pickle_newobj, subclass_without_init)
        for use in fns
    ]


def test_every_core_class_is_covered():
    classes = {
        n
        for n in dir(_core)
        if isinstance(getattr(_core, n), type) and not issubclass(getattr(_core, n), BaseException)
    }
    assert classes == {name for name, _, _ in _uninitialised_uses()}


@pytest.mark.parametrize(
    "name", ["Scorer", "Lexicon", "Cue", "SentenceScore", "DocumentScore", "LexiconEntry", "Profile"]
)
def test_uninitialised_core_objects_raise_instead_of_crashing(name):
    # In a child process: before, these segfaulted (or read garbage), which would take pytest down.
    code = (
        "import sys\n"
        "sys.path.insert(0, {!r})\n"
        "import test_guards as t\n"
        "from stimmung import _core\n"
        "for name, make, use in t._uninitialised_uses():\n"
        "    if name != {!r}:\n"
        "        continue\n"
        "    try:\n"
        "        use(make(getattr(_core, name)))\n"
        "    except (TypeError, ValueError, RuntimeError, MemoryError) as e:\n"
        "        print('raised', type(e).__name__, str(e)[:60], flush=True)\n"
        "    else:\n"
        "        print('no error', flush=True)\n"
    ).format(str(__import__("pathlib").Path(__file__).parent), name)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"{name}: exit {proc.returncode}: {proc.stdout[-500:]} {proc.stderr[-500:]}"
    lines = proc.stdout.splitlines()
    assert len(lines) == sum(n == name for n, _, _ in _uninitialised_uses())
    assert all(line.startswith("raised TypeError") for line in lines), proc.stdout


def test_python_wrappers_with_bad_pickle_state_raise():
    for cls in (stimmung.Scorer, stimmung.Lexicon, stimmung.Profile):
        obj = cls.__new__(cls)
        with pytest.raises((AttributeError, TypeError, KeyError, stimmung.StimmungError)):
            obj.__setstate__({"version": 1})
    bare = stimmung.Scorer.__new__(stimmung.Scorer)
    with pytest.raises(AttributeError):
        bare.score("Die Blase platzt.")
    # A constructed object still works, and so do the objects C++ returns.
    s = stimmung.Scorer()
    assert (
        s.score("Die Blase platzt.").bubble >= 0.5
        and len(s.score_document("Die Blase platzt.").sentences) == 1
    )
    assert pickle.loads(pickle.dumps(s)).score("Die Blase platzt.").bubble >= 0.5
