"""Importers: third-party word lists as stimmung lexicons with user-defined tones.

Design notes
------------
Each importer translates its input into the native TSV format (docs/lexicon-format.md) and lets the C++
parser build the lexicon. The generated TSV has exactly one line per input line (skipped input lines
become blank lines), so ``LexiconEntry.source`` and every :class:`stimmung.LexiconError` name the
original file and line, whether the problem is found here or by the C++ parser.

SentiWS v2.0 (``Lemma|POS<TAB>weight<TAB>inflection,inflection,...``) has weights in [-1, 1]. A stimmung
cue weight must be positive (a tone score is ``1 - 2^-S`` over the positive evidence ``S``), so negative
weights cannot simply be summed with positive ones. ``negative=`` chooses what to do with them:

* ``"split"`` (default): two tones, ``<tone>_pos`` for positive and ``<tone>_neg`` for negative words,
  each with the absolute weight. Good and bad news stay apart and both directions are scored.
* ``"abs"``: one tone ``<tone>`` with the absolute weight: how emotionally charged a text is, regardless
  of direction.
* ``"positive"`` / ``"negative"``: keep one direction only, as tone ``<tone>``.

Weights are multiplied by ``scale`` (SentiWS weights are small: most are below 0.1, so ``scale=1`` means
even the strongest word alone, weight 1.0, just makes the tone present) and capped at 3, the largest
cue weight. Words with weight 0 are skipped (a cue of weight 0 would remove an entry). SentiWS lists the
inflected forms itself, so entries are ``exact`` with ``forms=``: they match the lemma and the listed
forms, nothing the German inflection generator would guess.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable
from pathlib import Path

from . import _core
from .lexicon import Lexicon, PathLike, check_lexicon_file, load_lexicon

_TONE = re.compile(r"[a-z][a-z0-9_]*\Z")
_POS = {"NN": "noun", "VVINF": "verb", "ADJX": "adj", "ADV": "other"}
_MAX_WEIGHT = 3.0
_NEGATIVE_MODES = ("split", "abs", "positive", "negative")


def lexicon_error(source: str, line: int, message: str) -> _core.LexiconError:
    """A :class:`stimmung.LexiconError` naming ``source`` and ``line``, like the C++ parser's."""
    err = _core.LexiconError(f"{source}:{line}: {message}")
    err.source = source
    err.line = line
    return err


def _check_tone(tone: str) -> None:
    if not isinstance(tone, str) or not _TONE.match(tone):
        raise ValueError(f"tone must match [a-z][a-z0-9_]*, not {tone!r}")


def _read_lines(path: PathLike) -> tuple[str, list[str]]:
    source = os.fspath(path)
    check_lexicon_file(source)
    try:
        raw = Path(source).read_bytes()
    except OSError as e:
        raise _core.StimmungError(f"cannot read lexicon file {source}: {e.strerror or e}") from None
    if raw.startswith(b"\xef\xbb\xbf"):  # UTF-8 byte order mark (SentiWS's positive file has one)
        raw = raw[3:]
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out = []
    for number, line in enumerate(lines, 1):
        try:
            out.append(line.decode("utf-8").rstrip("\r"))
        except UnicodeDecodeError as e:
            raise lexicon_error(source, number, f"not valid UTF-8 ({e.reason} at byte {e.start})") from None
    return source, out


def _clean_word(word: str) -> str:
    return " ".join(word.split())


def _check_word(word: str, source: str, number: int) -> None:
    if any(ch in word for ch in "\t|,=#"):
        raise lexicon_error(source, number, f"{word!r} contains a character lexicon terms cannot hold")


def sentiws_entries(path: PathLike, tone: str = "polarity", negative: str = "split",
                    scale: float = 1.0) -> tuple[str, list[str]]:
    """Translates one SentiWS v2.0 file into TSV lines (one per input line). Returns (source, lines)."""
    _check_tone(tone)
    if negative not in _NEGATIVE_MODES:
        raise ValueError(f"negative must be one of {', '.join(_NEGATIVE_MODES)}, not {negative!r}")
    if not (isinstance(scale, (int, float)) and scale > 0 and math.isfinite(scale)):
        raise ValueError(f"scale must be a positive number, not {scale!r}")
    source, lines = _read_lines(path)
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            out.append("")
            continue
        fields = line.split("\t")
        if len(fields) == 2:  # some copies drop the empty inflection column entirely
            fields.append("")
        if len(fields) != 3:
            raise lexicon_error(
                source,
                number,
                f"expected 'Lemma|POS<TAB>weight<TAB>forms', got {len(fields)} tab-separated fields",
            )
        head, weight_text, forms_text = fields
        lemma, bar, pos = head.partition("|")
        lemma = _clean_word(lemma)
        if not bar or not lemma:
            raise lexicon_error(source, number, f"expected 'Lemma|POS' in the first field, got {head!r}")
        try:
            weight = float(weight_text)
        except ValueError:
            raise lexicon_error(source, number, f"weight {weight_text!r} is not a number") from None
        if not math.isfinite(weight) or not -1.0 <= weight <= 1.0:
            raise lexicon_error(source, number, f"weight {weight_text!r} is outside [-1, 1]")
        forms = [_clean_word(f) for f in forms_text.split(",")]
        forms = [f for f in forms if f and f != lemma]
        for word in (lemma, *forms):
            _check_word(word, source, number)
        if negative == "split":
            entry_tone = f"{tone}_pos" if weight > 0 else f"{tone}_neg"
        elif negative == "abs":
            entry_tone = tone
        elif (negative == "positive") != (weight > 0):
            out.append("")
            continue
        else:
            entry_tone = tone
        w = min(abs(weight) * scale, _MAX_WEIGHT)
        if w == 0:
            out.append("")
            continue
        options = ["exact", f"pos={_POS.get(pos.strip(), 'other')}"]
        if forms:
            options.append("forms=" + "|".join(dict.fromkeys(forms)))
        out.append(f"{lemma}\t{entry_tone}\t{w:.6g}\tcue\t{','.join(options)}")
    return source, out


def read_sentiws(
    *paths: PathLike, tone: str = "polarity", negative: str = "split", scale: float = 1.0
) -> Lexicon:
    """Reads SentiWS v2.0 files (usually ``SentiWS_v2.0_Positive.txt`` and ``..._Negative.txt``) as a
    lexicon of user-defined tone(s); see the module notes for ``negative`` and ``scale``.

    Extend the built-in lexicon with it to score both: ``Lexicon.builtin().extended(read_sentiws(...))``.
    Raises :class:`stimmung.LexiconError` naming the file and line of a malformed line.
    """
    if not paths:
        raise ValueError("read_sentiws needs at least one file")
    result = Lexicon()
    for path in paths:
        source, lines = sentiws_entries(path, tone, negative, scale)
        result = result.extended(Lexicon.from_string("\n".join(lines) + "\n", source))
    return result


def read_wordlist(path: PathLike, tone: str, weight: float = 1.0, exact: bool = True) -> Lexicon:
    """Reads a plain word list (one word or phrase per line; blank lines and ``#`` comments skipped) as
    cues of ``tone`` with ``weight``.

    Lists that spell out every inflected form, such as the BPW dictionary, want ``exact=True`` (the
    default: match each listed form, no generated inflections); lists of lemmas want ``exact=False``.
    Matching is case-insensitive either way, so lower-case lists match capitalised nouns.
    """
    _check_tone(tone)
    if not (isinstance(weight, (int, float)) and 0 < weight <= _MAX_WEIGHT):
        raise ValueError(f"weight must be in (0, {_MAX_WEIGHT:g}], not {weight!r}")
    source, lines = _read_lines(path)
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        word = _clean_word(line)
        if not word or word.startswith("#"):
            out.append("")
            continue
        _check_word(word, source, number)
        out.append(f"{word}\t{tone}\t{weight:g}\tcue" + ("\texact" if exact else ""))
    return Lexicon.from_string("\n".join(out) + "\n", source)


def load(spec: PathLike) -> Lexicon:
    """A lexicon from a command-line style spec: ``PATH`` (native TSV), ``sentiws:PATH`` (SentiWS v2.0,
    default options) or ``words:TONE:PATH`` (a word list of tone TONE); see
    :func:`stimmung.lexicon.load_lexicon`, which this is."""
    return load_lexicon(spec)


def builtin_with(specs: Iterable[PathLike]) -> Lexicon:
    """The built-in lexicon extended by each spec of :func:`load`, in order (:meth:`Lexicon.extended`)."""
    return Lexicon.builtin().extended(*specs)


__all__ = ["builtin_with", "lexicon_error", "load", "read_sentiws", "read_wordlist", "sentiws_entries"]
