"""The sample corpus shipped with stimmung: short German news items written by the stimmung team."""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_FIELDS = ("id", "date", "outlet", "title", "text")


def sample_records() -> list[dict]:
    """The sample corpus as a list of dicts (id, date, outlet, title, text, expected)."""
    raw = resources.files("stimmung").joinpath("data/sample_corpus.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in raw.splitlines() if line.strip()]


def load_sample_corpus() -> pd.DataFrame:
    """The sample corpus as a DataFrame with columns id, date (datetime64), outlet, title, text."""
    import pandas as pd

    frame = pd.DataFrame(sample_records(), columns=list(_FIELDS))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame
