"""Many Python threads share one Scorer, and Scorers with different lexicons run at the same time; every
result equals the single-threaded one (the C++ Scorer is immutable and releases the GIL while scoring)."""

from concurrent.futures import ThreadPoolExecutor

import stimmung

TEXTS = [
    "Die KI-Blase könnte bald platzen.",
    "Von einer Blase kann keine Rede sein.",
    "Die Anleger sind extrem nervös, doch die Wogen glätten sich.",
    "Der Konzern soll Milliarden verloren haben, berichten Insider.",
    "Platzt die Immobilienblase?",
    "Die Kurse brechen ein. Panik an der Börse! Die Lage bleibt angespannt.",
    "Das Wachstum ist solide und die Gewinne steigen.",
    "„Börsen-Panik“ 💥: Nervositaet und Verkaufspanik überall.",
] * 4

CUSTOM = stimmung.Lexicon.from_string(
    "Blase\tbubble\t0.4\tcue\tcompound=both\n"
    "Wachstum\toptimism\t1.5\tcue\n"
    "solide\toptimism\t1\tcue\n"
    "Panik\tnervousness\t2.5\tcue\tcompound=both\n"
)


def snapshot(scorer, text):
    s = scorer.score(text)
    d = scorer.score_document(text)
    return (
        tuple(s.scores.items()),
        tuple((c.start, c.end, c.term, c.tone, c.weight) for c in s.cues),
        tuple(d.mean.items()),
        len(d.sentences),
    )


def test_many_threads_share_one_scorer():
    scorer = stimmung.Scorer()
    expected = [snapshot(scorer, t) for t in TEXTS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(lambda t: snapshot(scorer, t), TEXTS)) == expected


def test_scorers_with_different_lexicons_run_at_once():
    scorers = [
        stimmung.Scorer(),
        stimmung.Scorer(stimmung.Lexicon()),
        stimmung.Scorer(CUSTOM),
        stimmung.Scorer(stimmung.Lexicon.builtin().extended(CUSTOM)),
    ]
    expected = {i: [snapshot(s, t) for t in TEXTS] for i, s in enumerate(scorers)}
    assert expected[0] != expected[2]  # the lexicons really differ
    jobs = [(i, t) for _ in range(3) for i in range(len(scorers)) for t in range(len(TEXTS))]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: snapshot(scorers[job[0]], TEXTS[job[1]]), jobs))
    for (i, t), got in zip(jobs, results):
        assert got == expected[i][t]


def test_batches_from_several_threads_at_once():
    scorers = [stimmung.Scorer(), stimmung.Scorer(CUSTOM)]
    expected = [s.score_batch(TEXTS, n_threads=1) for s in scorers]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(scorers[k % 2].score_batch, TEXTS, 2) for k in range(8)]
        for k, f in enumerate(futures):
            assert f.result().equals(expected[k % 2])
