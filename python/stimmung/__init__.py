"""stimmung: scores German news text for bubble, nervousness and hedging tone.

Every score comes with the cues that caused it::

    >>> import stimmung
    >>> s = stimmung.score("Die KI-Blase könnte bald platzen.")
    >>> s.bubble >= 0.5, s.hedging >= 0.5
    (True, True)
    >>> [c.surface for c in s.cues]
    ['KI-Blase', 'könnte', 'platzen']
"""

from __future__ import annotations

from . import schema
from ._core import (
    CancelledError,
    Cue,
    InvalidInputError,
    LexiconEntry,
    LexiconError,
    StimmungError,
    __version__,
    get_log_level,
    set_log_level,
)
from .entities import entity_tones
from .lexicon import Lexicon, Match
from .pandas_ext import register_when_pandas_is_imported, score_frame
from .profile import Profile
from .results import DocumentScore, SentenceScore
from .scorer import (
    MAX_TEXT_BYTES,
    TONES,
    Scorer,
    default_scorer,
    score,
    score_batch,
    score_document,
    split_sentences,
)

# df["text"].stimmung.score(): registered now if pandas is imported, else when it is (pandas_ext.py), so
# that `import stimmung` does not import pandas.
register_when_pandas_is_imported()
del register_when_pandas_is_imported

__all__ = [
    "MAX_TEXT_BYTES",
    "TONES",
    "CancelledError",
    "Cue",
    "DocumentScore",
    "InvalidInputError",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "Match",
    "Profile",
    "Scorer",
    "SentenceScore",
    "StimmungError",
    "__version__",
    "default_scorer",
    "entity_tones",
    "get_log_level",
    "score",
    "score_batch",
    "score_document",
    "schema",
    "score_frame",
    "set_log_level",
    "split_sentences",
]
