"""Tone per entity: aggregate sentence scores over the sentences that mention an entity.

An entity is given with its aliases, ``{"Nvidia": ["Nvidia", "NVIDIA"], "OpenAI": ["OpenAI"]}``. A sentence
mentions an entity when one of the aliases occurs in it as a whole word: case-sensitive, not inside a
longer word ("Nvidia-Aktie" mentions Nvidia, "Nvidias" does not; add inflected aliases if needed).
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


def alias_pattern(aliases: str | Sequence[str]) -> Pattern[str]:
    """A regular expression matching any alias as a whole word (case-sensitive)."""
    if isinstance(aliases, str):
        aliases = [aliases]
    aliases = [a for a in aliases if isinstance(a, str) and a.strip()]
    if not aliases:
        raise ValueError("an entity needs at least one non-empty alias")
    # Longest first, so "Open AI Labs" wins over "Open AI"; \w is Unicode-aware (umlauts are letters).
    alternatives = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def entity_patterns(entities: Entities) -> dict[str, Pattern[str]]:
    """Entity name -> :func:`alias_pattern` of its aliases; raises ValueError for an empty mapping or an
    entity without a usable alias."""
    if not isinstance(entities, Mapping) or not entities:
        raise ValueError("entities must be a non-empty mapping of entity name to aliases")
    return {name: alias_pattern(aliases) for name, aliases in entities.items()}


def mentions_any(text: str, patterns: Mapping[str, Pattern[str]]) -> bool:
    """Whether ``text`` mentions any entity: a cheap test before a text is scored at all."""
    return any(p.search(text) for p in patterns.values())


def mentioning_sentences(
    doc: DocumentScore, patterns: Mapping[str, Pattern[str]]
) -> dict[str, list[SentenceScore]]:
    """Per entity mentioned in ``doc`` (in the order of ``patterns``), the sentences that mention it.

    The one definition of "a sentence mentions an entity": used by :func:`entity_tones` and by the entity
    columns of :func:`stimmung.spark.score_spark`."""
    found: dict[str, list[SentenceScore]] = {}
    for sentence in doc.sentences:
        for name, pattern in patterns.items():
            if pattern.search(sentence.text):
                found.setdefault(name, []).append(sentence)
    return {name: found[name] for name in patterns if name in found}


def entity_tones(
    documents: str | DocumentScore | Iterable[Any],
    entities: Entities,
    *,
    scorer: Scorer | None = None,
) -> pd.DataFrame:
    """Tone per entity over the sentences that mention it.

    Args:
        documents: one text or :class:`DocumentScore`, or an iterable of them (list, Series, ...);
            None/NaN items are skipped.
        entities: entity name -> alias or list of aliases.
        scorer: the :class:`stimmung.Scorer` for texts (default: the built-in lexicon).

    Returns:
        One row per entity (in the order given): ``entity``, ``n_documents`` and ``n_sentences``
        (mentioning it), and per tone ``<tone>`` (mean sentence score) and ``<tone>_share`` (share of
        those sentences where the tone is present, score >= 0.5). NaN for entities never mentioned.
    """
    import pandas as pd

    from .scorer import _is_missing, default_scorer

    patterns = entity_patterns(entities)
    scorer = scorer if scorer is not None else default_scorer()
    if isinstance(documents, (str, DocumentScore)):
        documents = [documents]

    tones: Sequence[str] = scorer.tones
    sums: dict[str, list[float]] = {}
    present: dict[str, list[int]] = {}
    n_sent = {name: 0 for name in patterns}
    n_docs = {name: 0 for name in patterns}
    for doc in documents:
        if not isinstance(doc, DocumentScore):
            if _is_missing(doc):
                continue
            if not isinstance(doc, str):
                raise TypeError(f"documents must hold str or DocumentScore, not {type(doc).__name__}")
            # Only documents that mention an entity at all are scored.
            if not mentions_any(doc, patterns):
                continue
            doc = scorer.score_document(doc)
        tones = list(doc.mean)
        for name, sentences in mentioning_sentences(doc, patterns).items():
            n_docs[name] += 1
            n_sent[name] += len(sentences)
            s = sums.setdefault(name, [0.0] * len(tones))
            k = present.setdefault(name, [0] * len(tones))
            for sentence in sentences:
                for i, value in enumerate(sentence.scores.values()):
                    s[i] += value
                    k[i] += value >= THRESHOLD

    rows = []
    for name in patterns:
        n = n_sent[name]
        means = [sums[name][i] / n if n else float("nan") for i in range(len(tones))]
        shares = [present[name][i] / n if n else float("nan") for i in range(len(tones))]
        rows.append([name, n_docs[name], n, *means, *shares])
    columns = schema.names(schema.entity_table_columns(tones))
    return pd.DataFrame(rows, columns=columns)
