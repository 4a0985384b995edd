"""Plot helpers: barometer over time and comparison across groups (matplotlib, Agg backend)."""

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import stimmung  # noqa: E402
from stimmung import plot  # noqa: E402
from stimmung.corpus import load_sample_corpus  # noqa: E402
from stimmung.display import TONE_COLOURS  # noqa: E402


@pytest.fixture(scope="module")
def scored():
    return stimmung.score_frame(load_sample_corpus(), "text", level="document")


def test_barometer_draws_a_rolling_line_per_tone(scored):
    ax = plot.barometer(scored, window=30)
    assert [line.get_label() for line in ax.get_lines() if not line.get_label().startswith("_")] == list(
        stimmung.TONES
    )
    bubble = next(line for line in ax.get_lines() if line.get_label() == "bubble")
    assert matplotlib.colors.to_hex(bubble.get_color()) == TONE_COLOURS["bubble"]
    assert len(bubble.get_xdata()) == scored["date"].dt.normalize().nunique()
    assert 0 <= min(bubble.get_ydata()) and max(bubble.get_ydata()) <= 1


def test_compare_draws_one_bar_per_outlet_and_tone(scored):
    ax = plot.compare(scored, by="outlet", tones=["bubble", "hedging"])
    assert len(ax.patches) == 2 * scored["outlet"].nunique()
    assert plot.compare_outlets is plot.compare


def test_plot_errors_name_the_missing_column(scored):
    with pytest.raises(KeyError, match="datum"):
        plot.barometer(scored, date="datum")
    with pytest.raises(KeyError, match="hype"):
        plot.compare(scored, tones=["hype"])
