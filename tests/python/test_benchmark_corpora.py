"""The news-style corpus of benchmarks/run.py: every evaluation sentence once, in order, on one line, and
articles that keep every sentence and stay in the 2-6 KB range the benchmark states."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_run():
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_news_style_sentences_are_the_evaluation_corpus_one_per_line():
    run = load_run()
    sentences = run.news_style_sentences()
    assert len(sentences) == 10889  # dev 7,467 + test 3,422 (python/stimmung/data/eval/README.md)
    assert all(s and "\n" not in s and "\t" not in s and s == s.strip() for s in sentences)
    assert len(set(sentences)) > 7600  # unique text, not a few templates


def test_articles_keep_every_sentence_in_order_within_their_sizes():
    run = load_run()
    sentences = run.news_style_sentences()
    articles = run.as_articles(sentences)
    assert " ".join(articles) == " ".join(sentences)
    longest = max(len(s.encode("utf-8")) for s in sentences) + 1
    for k, article in enumerate(articles[:-1]):
        size = len(article.encode("utf-8")) + 1
        target = run.ARTICLE_BYTES[k % len(run.ARTICLE_BYTES)]
        assert target <= size < target + longest, (k, size, target)
    assert 2000 <= min(run.ARTICLE_BYTES) and max(run.ARTICLE_BYTES) <= 6000


def test_articles_of_a_short_list_are_one_article():
    run = load_run()
    assert run.as_articles(["Ein Satz.", "Noch einer."]) == ["Ein Satz. Noch einer."]
    assert run.as_articles([]) == []
