"""Tone per entity: aggregate sentence scores over the sentences that mention an entity.

An entity is given with its aliases, ``{"Nvidia": ["Nvidia", "NVIDIA"], "OpenAI": ["OpenAI"]}``. A sentence
mentions an entity when one of its aliases occurs in it, case-sensitively, starting at a word boundary.
How the alias may end is the ``match`` mode:

``"german"`` (the default) reads German forms of a name:

* the genitive and plural -s, also written with an apostrophe: ``Nvidias Kurs``, ``AMDs Umsatz``,
  ``SAPs Cloud``, ``Nvidia's``, ``Nvidia’s`` (U+2019); ``Siemens’ Chef`` (an apostrophe alone);
* hyphen compounds, with any hyphen character: ``Nvidia-Chef``, ``Oracle-Aktien``, ``Nvidia‑Chips``
  (U+2011), ``Nvidia–Aktie`` (an en dash typed as a hyphen), ``KI-Nvidia``;
* inside a multi-word alias, any hyphen matches any hyphen, any apostrophe any apostrophe and a space any
  run of white space (``S&P 500`` finds it with a no-break space, U+00A0).

A name glued to a word without a hyphen does not match: ``Oraclekonferenz``, ``SAPiens``,
``Intelligenz`` (for ``Intel``), ``Bayern`` (for ``Bayer``). German hyphenates compounds with a name,
and a closed compound cannot be told from an unrelated word that starts with the same letters; list such
a compound as an alias of its own if a corpus spells it that way.

``"exact"`` is the matching of stimmung 0.1: the alias as a whole word, nothing glued to it
(``Nvidia-Aktie`` and ``Nvidia's`` match, ``Nvidias`` does not; add inflected forms as aliases).

Design notes
------------
An :class:`EntityMatcher` compiles one regular expression for the whole entity set: an alternation of
every distinct alias (longest first), each in its own group, inside a lookahead at a word start, so
``finditer`` visits every position where some alias begins and the group says which alias it is. Aliases
that are prefixes of one another ("Deutsche", "Deutsche Bank") can both begin at one position; the
alternation reports the longer one, so for those pairs alone the shorter alias is tried there as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from re import Pattern
from typing import TYPE_CHECKING, Any, Union

from . import schema
from .results import THRESHOLD, DocumentScore, SentenceScore

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .scorer import Scorer

Entities = Mapping[str, Union[str, Sequence[str]]]

#: The match modes, "german" (German forms of a name) and "exact" (the alias as a whole word only).
MATCH_MODES = ("german", "exact")

# Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en dash (typed for a hyphen by word processors),
# small and full-width hyphen-minus.
_HYPHENS = "-\u2010\u2011\u2012\u2013\ufe63\uff0d"
# Apostrophe, right and left single quotation marks, modifier letter apostrophe (a word character for
# the regex engine, so exact mode stops at it), acute accent and grave accent typed for an apostrophe.
_APOSTROPHES = "'\u2019\u2018\u02bc\u00b4`"
_HYPHEN_CLASS = "[" + re.escape(_HYPHENS) + "]"
_APOSTROPHE_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
# After a name ending in a letter or digit: genitive/plural s, 's, or an apostrophe alone (Siemens').
_GERMAN_ENDING = f"(?:s|{_APOSTROPHE_CLASS}s?)?"
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")


def _check_match(match: str) -> None:
    if match not in MATCH_MODES:
        raise ValueError(f"match must be 'german' or 'exact', not {match!r}")


def _aliases(aliases: str | Sequence[str]) -> list[str]:
    if isinstance(aliases, str):
        aliases = [aliases]
    usable = [a for a in aliases if isinstance(a, str) and a.strip()]
    if not usable:
        raise ValueError("an entity needs at least one non-empty alias")
    return usable


def _normalized(alias: str, match: str) -> str:
    """The alias with the characters german mode treats as one (hyphens, apostrophes, white space) made
    one; two aliases with the same normalized form match the same texts."""
    if match == "exact":
        return alias
    alias = _SPACES.sub(" ", alias)
    return "".join("-" if c in _HYPHENS else "'" if c in _APOSTROPHES else c for c in alias)


def _alias_regex(normalized: str, match: str) -> str:
    """The regex of one alias (from :func:`_normalized`), without the boundaries around it."""
    if match == "exact":
        return re.escape(normalized)
    parts = [_HYPHEN_CLASS if c == "-" else _APOSTROPHE_CLASS if c == "'" else r"\s+" if c == " "
             else re.escape(c) for c in normalized]
    if _WORD_CHAR.match(normalized[-1]):
        parts.append(_GERMAN_ENDING)
    return "".join(parts)


def _bounded(alternatives: Iterable[str]) -> str:
    # \w is Unicode-aware, so umlauts are word characters: "Müller" does not start inside "XMüller".
    return rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)"


def alias_pattern(aliases: str | Sequence[str], match: str = "german") -> Pattern[str]:
    """A regular expression that finds any of ``aliases`` as the module docstring describes for ``match``
    ("german" or "exact"); raises ValueError for no usable alias or an unknown mode."""
    _check_match(match)
    forms = {_normalized(a, match) for a in _aliases(aliases)}
    # Longest first, so "Open AI Labs" is what a match covers rather than "Open AI".
    return re.compile(_bounded(_alias_regex(f, match) for f in sorted(forms, key=len, reverse=True)))


class EntityMatcher:
    """Which entities a text mentions, for a whole entity set at once.

    Args:
        entities: entity name -> alias or list of aliases.
        match: "german" (genitive -s and hyphen compounds match, the default) or "exact" (whole words only);
            see :mod:`stimmung.entities`.

    Raises:
        ValueError: an empty mapping, an entity without a non-empty alias, an unknown ``match``.
    """

    __slots__ = ("_groups", "_nested", "_regex", "match", "names")

    def __init__(self, entities: Entities, match: str = "german") -> None:
        _check_match(match)
        if not isinstance(entities, Mapping) or not entities:
            raise ValueError("entities must be a non-empty mapping of entity name to aliases")
        self.match = match
        self.names: tuple[str, ...] = tuple(entities)
        owners: dict[str, list[str]] = {}  # normalized alias -> entities, in entity order
        for name, aliases in entities.items():
            for alias in _aliases(aliases):
                names = owners.setdefault(_normalized(alias, match), [])
                if name not in names:
                    names.append(name)
        forms = sorted(owners, key=len, reverse=True)
        self._groups: list[tuple[str, ...]] = [tuple(owners[f]) for f in forms]
        # Where an alias matches, a shorter one can match too only if it is a prefix of it (a longer one
        # would have come first in the alternation).
        self._nested: list[list[tuple[Pattern[str], tuple[str, ...]]]] = []
        for f in forms:
            self._nested.append([(re.compile(_bounded([_alias_regex(g, match)])), tuple(owners[g]))
                                 for g in forms if g != f and f.startswith(g)])
        body = "|".join(f"({_alias_regex(f, match)})" for f in forms)
        self._regex = re.compile(rf"(?<!\w)(?=(?:{body})(?!\w))")

    def mentions_any(self, text: str) -> bool:
        """Whether ``text`` mentions any entity: a cheap test before a text is scored at all."""
        return self._regex.search(text) is not None

    def mentioned(self, text: str) -> list[str]:
        """The entities ``text`` mentions, in the order they were given."""
        found: set[str] = set()
        for m in self._regex.finditer(text):
            group = m.lastindex
            assert group is not None  # one alias group takes part in every match
            found.update(self._groups[group - 1])
            for pattern, names in self._nested[group - 1]:
                if pattern.match(text, m.start()):
                    found.update(names)
            if len(found) == len(self.names):
                break
        return [name for name in self.names if name in found]

    def __repr__(self) -> str:
        return f"<stimmung.entities.EntityMatcher: {len(self.names)} entities, match={self.match!r}>"


def mentioning_sentences(doc: DocumentScore, matcher: EntityMatcher) -> dict[str, list[SentenceScore]]:
    """Per entity mentioned in ``doc`` (in the order of ``matcher.names``), the sentences that mention it.

    The one definition of "a sentence mentions an entity": used by :func:`entity_tones` and by the entity
    columns of :func:`stimmung.spark.score_spark`."""
    found: dict[str, list[SentenceScore]] = {}
    for sentence in doc.sentences:
        for name in matcher.mentioned(sentence.text):
            found.setdefault(name, []).append(sentence)
    return {name: found[name] for name in matcher.names if name in found}


def entity_tones(
    documents: str | DocumentScore | Iterable[Any],
    entities: Entities,
    *,
    scorer: Scorer | None = None,
    match: str = "german",
) -> pd.DataFrame:
    """Tone per entity over the sentences that mention it.

    Args:
        documents: one text or :class:`DocumentScore`, or an iterable of them (list, Series, ...);
            None/NaN items are skipped.
        entities: entity name -> alias or list of aliases.
        scorer: the :class:`stimmung.Scorer` for texts (default: the built-in lexicon).
        match: how an alias matches, case-sensitively and from a word start: "german" (default) also
            finds the genitive/plural -s ("Nvidias", "AMD's") and hyphen compounds with any hyphen
            character ("Oracle-Aktien", "Nvidia‑Chips"), not a name glued to a word ("Oraclekonferenz");
            "exact" only the alias as a whole word (stimmung 0.1). See :mod:`stimmung.entities`.

    Returns:
        One row per entity (in the order given): ``entity``, ``n_documents`` and ``n_sentences``
        (mentioning it), and per tone ``<tone>`` (mean sentence score) and ``<tone>_share`` (share of
        those sentences where the tone is present, score >= 0.5). NaN for entities never mentioned.
    """
    import pandas as pd

    from .scorer import _is_missing, default_scorer

    matcher = EntityMatcher(entities, match)
    scorer = scorer if scorer is not None else default_scorer()
    if isinstance(documents, (str, DocumentScore)):
        documents = [documents]

    tones: Sequence[str] = scorer.tones
    names = matcher.names
    sums: dict[str, list[float]] = {}
    present: dict[str, list[int]] = {}
    n_sent = {name: 0 for name in names}
    n_docs = {name: 0 for name in names}
    for doc in documents:
        if not isinstance(doc, DocumentScore):
            if _is_missing(doc):
                continue
            if not isinstance(doc, str):
                raise TypeError(f"documents must hold str or DocumentScore, not {type(doc).__name__}")
            # Only documents that mention an entity at all are scored.
            if not matcher.mentions_any(doc):
                continue
            doc = scorer.score_document(doc)
        tones = list(doc.mean)
        for name, sentences in mentioning_sentences(doc, matcher).items():
            n_docs[name] += 1
            n_sent[name] += len(sentences)
            s = sums.setdefault(name, [0.0] * len(tones))
            k = present.setdefault(name, [0] * len(tones))
            for sentence in sentences:
                for i, value in enumerate(sentence.scores.values()):
                    s[i] += value
                    k[i] += value >= THRESHOLD

    rows = []
    for name in names:
        n = n_sent[name]
        means = [sums[name][i] / n if n else float("nan") for i in range(len(tones))]
        shares = [present[name][i] / n if n else float("nan") for i in range(len(tones))]
        rows.append([name, n_docs[name], n, *means, *shares])
    columns = schema.names(schema.entity_table_columns(tones))
    return pd.DataFrame(rows, columns=columns)
