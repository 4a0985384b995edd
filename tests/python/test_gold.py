"""Quality on the adjudicated gold sentences in ../shared (skipped when absent)."""

from stimmung.evaluate import evaluate, read_gold


def test_f1_on_gold_sentences(shared_dir):
    gold = read_gold(shared_dir / "gold" / "seed_sentences.tsv")
    reports = evaluate(gold)
    for tone, r in reports.items():
        assert r.f1 >= 0.70, (tone, r)
