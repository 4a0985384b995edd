"""Texts over 4 GiB - 1 bytes of UTF-8 (stimmung.MAX_TEXT_BYTES) are refused, not truncated.

The core's check is tested in C++ on a real 4 GiB view (tests/cpp/test_text_size.cpp); a 4 GiB Python str
is too heavy for a test, so here: the constant, where it is documented, how a batch names the text, and
the CLI's per-record error, with the limit lowered for the run.
"""

import math
import re
from pathlib import Path

import pandas as pd
import pytest
import stimmung
from stimmung import _core, _io, cli
from stimmung.scorer import _texts_from

ROOT = Path(__file__).resolve().parents[2]


def test_max_text_bytes_is_exported_and_documented():
    assert stimmung.MAX_TEXT_BYTES == _core.MAX_TEXT_BYTES == 2**32 - 1
    assert "MAX_TEXT_BYTES" in stimmung.__all__
    assert ".. data:: MAX_TEXT_BYTES" in (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert "MAX_TEXT_BYTES" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "kMaxTextBytes" in (ROOT / "docs" / "cpp.md").read_text(encoding="utf-8")
    unreleased = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").split("## [0.1.0]")[0]
    assert "4 GiB" in unreleased
    for method in (stimmung.Scorer.score, stimmung.Scorer.score_document, stimmung.Scorer.score_batch):
        assert "MAX_TEXT_BYTES" in (method.__doc__ or "")


def test_a_refused_batch_text_is_named_by_its_position_in_the_callers_texts():
    # C++ numbers the texts of the piece it was handed; score_batch hands over pieces.
    message = "texts[3] is 4294967296 bytes of UTF-8; stimmung scores texts of at most 4294967295 bytes"
    with pytest.raises(stimmung.InvalidInputError, match=re.escape("texts[1048579] is 4294967296")):
        with _texts_from(1 << 20):
            raise _core.InvalidInputError(message)
    with pytest.raises(ValueError, match=re.escape("texts[3] is")):  # InvalidInputError is a ValueError
        with _texts_from(0):
            raise _core.InvalidInputError(message)


def test_text_size_error_counts_bytes_of_utf8_not_characters():
    assert _io.text_size_error("a" * 40, limit=40) is None
    assert _io.text_size_error("a" * 41, limit=40) == (
        "text is 41 bytes of UTF-8; stimmung scores texts of at most 40 bytes (MAX_TEXT_BYTES): "
        "split it first"
    )
    assert _io.text_size_error("ä" * 20, limit=40) is None  # 40 bytes
    assert "41 bytes" in _io.text_size_error("ä" * 20 + "a", limit=40)
    assert _io.text_size_error("x" * 1000) is None  # the real limit


def test_cli_gives_a_record_over_the_limit_an_error_row_and_scores_the_others(tmp_path, monkeypatch):
    monkeypatch.setattr(_io, "MAX_TEXT_BYTES", 40)
    texts = ["Die Anleger sind nervös.", "Ü" * 30, "Die KI-Blase könnte bald platzen.", "a" * 41]
    (tmp_path / "in.txt").write_text("\n".join(texts) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert cli.main(["score", str(tmp_path / "in.txt"), "--lines", "-o", str(out), "-q"]) == 0
    rows = pd.read_csv(out)
    assert rows["id"].tolist() == [0, 1, 2, 3]
    errors = rows["error"].tolist()
    assert errors[1].startswith("text is 60 bytes of UTF-8; stimmung scores texts of at most 40 bytes")
    assert errors[3].startswith("text is 41 bytes of UTF-8")
    assert math.isnan(rows["bubble"].iloc[1]) and math.isnan(rows["bubble"].iloc[3])
    assert pd.isna(errors[0]) and pd.isna(errors[2])
    assert rows["nervousness"].iloc[0] >= 0.5 and rows["bubble"].iloc[2] >= 0.5
