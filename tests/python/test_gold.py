"""Quality on the adjudicated gold sentences in ../shared (skipped when absent)."""

from stimmung.evaluate import evaluate, read_gold


def test_f1_on_gold_sentences(shared_dir):
    gold = read_gold(shared_dir / "gold" / "seed_sentences.tsv")
    reports = evaluate(gold)
    for tone, r in reports.items():
        assert r.f1 >= 0.70, (tone, r)


def test_dictionary_baselines_are_beaten(shared_dir):
    from stimmung.evaluate import baselines

    gold = read_gold(shared_dir / "gold" / "seed_sentences.tsv")
    ours = evaluate(gold)
    base = baselines(gold, shared_dir / "peers")
    assert {"BPW uncertainty", "BPW negative", "SentiWS negative", "keywords (team list)"} <= set(base)
    for per_tone in base.values():
        for tone, r in per_tone.items():
            assert ours[tone].f1 > r.f1, (tone, r)


def test_sentiws_reader_handles_crlf_and_empty_inflections(tmp_path):
    from stimmung.evaluate import dictionary_counts, read_sentiws_words

    path = tmp_path / "sentiws.txt"
    path.write_bytes(b"Panik|NN\t-0.5\tPaniken\r\nAngst|NN\t-0.4\t\r\n")
    words = read_sentiws_words(path)
    assert words == {"panik", "paniken", "angst"}
    assert dictionary_counts(["Die Panik und die Angst.", "Ruhe."], words).tolist() == [2.0, 0.0]
