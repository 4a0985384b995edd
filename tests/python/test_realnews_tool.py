"""scripts/annotation/realnews.py, the tool that builds a real-news measurement set from collectors' files,
two annotators' labels and an adjudication: nothing dropped or duplicated, agreement computed right, the
adjudicated label used only where the annotators differ, and halves that split every category."""

import csv

import pytest
from conftest import load_script

# The team's own sentences, written for this test.
COLLECTED_A = [
    ("A001", "mkt", "Die Anleger zogen sich am Nachmittag aus Technologiewerten zurück."),
    ("A002", "mkt", "Händler sprachen von einem nervösen Handel vor der Zinsentscheidung."),
    ("A003", "sport", "Der Verein gewann das Heimspiel gegen den Tabellenletzten deutlich."),
    ("A004", "ai", "Manche Beobachter halten die Bewertungen der Chipkonzerne für überzogen."),
]
COLLECTED_B = [
    ("B001", "mkt", "Händler sprachen von einem nervösen Handel vor der Zinsentscheidung."),  # also in A
    ("B002", "wx", "Am Wochenende soll es im Süden kräftig regnen."),
    ("B003", "mkt", "Der Leitindex schloss nahezu unverändert."),
    ("B004", "sport", "Die Trainerin lobte die Geduld ihrer Mannschaft."),
]


@pytest.fixture(scope="module")
def tool():
    return load_script("scripts/annotation/realnews.py")


HEADER = ("id", "bubble", "nervousness", "hedging")


def write(path, header, rows):
    path.write_text("\t".join(header) + "\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def read(path):
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture
def workdir(tmp_path):
    write(tmp_path / "collected_A.tsv", ("id", "url", "category", "sentence"),
          [(i, "https://example.org/a", c, s) for i, c, s in COLLECTED_A])
    write(tmp_path / "collected_B.tsv", ("id", "url", "category", "sentence"),
          [(i, "https://example.org/b", c, s) for i, c, s in COLLECTED_B])
    return tmp_path


def test_pool_drops_repeats_and_seen_sentences_and_shuffles_reproducibly(tool, workdir, tmp_path_factory):
    seen = tmp_path_factory.mktemp("seen") / "old.tsv"
    write(seen, ("id", "sentence"), [("x1", "Der Leitindex schloss nahezu unverändert.")])
    assert tool.pool(workdir, [seen], seed=7) == 6
    first = [r["id"] for r in read(workdir / "all_sentences.tsv")]
    assert sorted(first) == ["A001", "A002", "A003", "A004", "B002", "B004"]
    assert tool.pool(workdir, [seen], seed=7) == 6
    assert [r["id"] for r in read(workdir / "all_sentences.tsv")] == first


def test_kappa_matches_a_hand_computed_value(tool):
    # 10 items: agreement 8/10; marginals 6x0 4x1 for both -> chance (6*6 + 4*4)/100 = 0.52
    a = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
    b = [0, 0, 0, 0, 0, 1, 1, 1, 1, 0]
    assert tool.kappa(a, b) == pytest.approx((0.8 - 0.52) / 0.48)
    assert tool.kappa([1, 1], [1, 1]) == 1.0
    with pytest.raises(ValueError):
        tool.kappa([1], [1, 0])


def test_agree_and_gold_use_the_adjudication_only_where_annotators_differ(tool, workdir):
    tool.pool(workdir, [], seed=1)
    ids = [r["id"] for r in read(workdir / "all_sentences.tsv")]
    x = {i: ("0", "0", "0") for i in ids}
    y = dict(x)
    x["A002"], y["A002"] = ("0", "2", "0"), ("0", "1", "0")  # nervousness differs
    x["A004"], y["A004"] = ("1", "1", "1"), ("1", "1", "1")  # agreed, never adjudicated
    write(workdir / "labels_X.tsv", HEADER, [(i, *x[i]) for i in ids])
    write(workdir / "labels_Y.tsv", HEADER, [(i, *y[i]) for i in ids])
    kappas = tool.agree(workdir)
    assert kappas["bubble"] == (1.0, 1.0)
    disagreements = read(workdir / "disagreements.tsv")
    found = [(d["id"], d["tone"], d["label_A"], d["label_B"]) for d in disagreements]
    assert found == [("A002", "nervousness", "2", "1")]
    adjudicated = [("A002", "nervousness", "2", "emotion named")]
    write(workdir / "adjudicated.tsv", ("id", "tone", "label", "reason"), adjudicated)
    n, half_a, half_b = tool.gold(workdir, seed=3)
    assert (n, half_a + half_b) == (7, 7)
    rows = {r["id"]: r for r in read(workdir / "rn_gold.tsv")}
    assert rows["A002"]["nervousness"] == "2" and rows["A004"]["hedging"] == "1"
    a_ids = {r["id"] for r in read(workdir / "rnA.tsv")}
    b_ids = {r["id"] for r in read(workdir / "rnB.tsv")}
    assert a_ids.isdisjoint(b_ids) and a_ids | b_ids == set(rows)
    # every category with two or more sentences has members in both halves
    for category in ("mkt", "sport"):
        members = {i for i, r in rows.items() if r["category"] == category}
        assert members & a_ids and members & b_ids


def test_missing_labels_and_adjudications_stop_with_a_message(tool, workdir):
    tool.pool(workdir, [], seed=1)
    ids = [r["id"] for r in read(workdir / "all_sentences.tsv")]
    write(workdir / "labels_X.tsv", HEADER, [(i, "0", "0", "0") for i in ids[:-1]])
    write(workdir / "labels_Y.tsv", HEADER, [(i, "0", "0", "0") for i in ids])
    with pytest.raises(SystemExit, match="labels_X.tsv"):
        tool.agree(workdir)
    write(workdir / "labels_X.tsv", HEADER, [(i, "1", "0", "0") for i in ids])
    write(workdir / "adjudicated.tsv", ("id", "tone", "label", "reason"), [])
    with pytest.raises(SystemExit, match="no label"):
        tool.gold(workdir, seed=1)


# Two pages of the team's own sentences: a market page whose second sentence names no domain, and a sports
# page whose second sentence carries a nervousness word and no domain word either.
PAGES = [
    ("P001", "https://example.org/markt", "mkt", "Der Dax brach am Nachmittag um vier Prozent ein.", "1"),
    ("P002", "https://example.org/markt", "mkt", "Die Angst ist mit Händen zu greifen.", "1"),
    ("P003", "https://example.org/sport", "sport", "Der Verein verlor das Derby vor eigenem Publikum.", "0"),
    ("P004", "https://example.org/sport", "sport", "Die Angst ist mit Händen zu greifen.", "0"),
]


def test_context_scores_each_page_as_a_document_and_counts_what_it_cannot_align(tool, tmp_path):
    write(tmp_path / "collected_A.tsv", ("id", "url", "category", "sentence"), [p[:4] for p in PAGES])
    write(tmp_path / "rn_gold.tsv", ("id", "category", "bubble", "nervousness", "hedging", "sentence"),
          [(i, c, "0", n, "0", s) for i, _, c, s, n in PAGES])
    alone, in_article, left_out = tool.context(tmp_path)
    assert left_out == 0
    # One by one, the sports page's fear sentence names no domain and keeps its tone: a non-market alarm.
    assert (alone.alarms, alone.non_market) == (1, 2)
    assert alone.counts["nervousness"] == [2, 1, 0]
    # In its article it takes the page's domain: no alarm, and the market page keeps both its sentences.
    assert (in_article.alarms, in_article.non_market) == (0, 2)
    assert in_article.counts["nervousness"] == [2, 0, 0]
    assert in_article.f1("nervousness") == 1.0

    # A gold sentence the splitter does not reproduce (here: two sentences labelled as one) is left out.
    write(tmp_path / "rn_gold.tsv", ("id", "category", "bubble", "nervousness", "hedging", "sentence"),
          [("P001", "mkt", "0", "1", "0", "Der Dax fiel. Die Angst wuchs.")])
    write(tmp_path / "collected_A.tsv", ("id", "url", "category", "sentence"),
          [("P001", "https://example.org/markt", "mkt", "Der Dax fiel. Die Angst wuchs.")])
    assert tool.context(tmp_path)[2] == 1
