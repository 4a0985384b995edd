"""Throughput of the local Spark job against score_batch on the same sentences (not part of the tests).

    .venv/bin/python benchmarks/spark_throughput.py [--sentences 200000] [--master local[2]]

The sentences of the sample corpus, repeated up to --sentences, are written to a Parquet file. Then:

* score_batch: pandas reads the file, Scorer.score_batch scores the column on all cores;
* spark job:   `python -m stimmung.spark` reads, scores (sentence level) and writes Parquet, in its own
  process, timed from the command line (JVM start-up included) and, separately, the scoring pass as
  reported by a warm session (score_spark + write, session already running).

Prints sentences per second, in total and per core.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import stimmung
from stimmung.corpus import sample_records


def corpus(n: int) -> pd.DataFrame:
    sentences = [s for r in sample_records() for s in stimmung.split_sentences(r["text"])]
    texts = (sentences * (n // len(sentences) + 1))[:n]
    return pd.DataFrame({"id": range(n), "text": texts})


def cores(master: str) -> int:
    inside = master[master.find("[") + 1 : master.find("]")] if "[" in master else "1"
    return os.cpu_count() or 1 if inside == "*" else int(inside)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=200_000)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--repeat", type=int, default=2, help="warm-session runs (the best is reported)")
    args = parser.parse_args()
    n, k = args.sentences, cores(args.master)
    results = []

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sentences.parquet"
        corpus(n).to_parquet(src, index=False, row_group_size=10_000)  # splittable: one task per core
        print(f"{n} sentences ({src.stat().st_size / 1e6:.1f} MB Parquet), {k} cores ({args.master}), "
              f"load average before: {os.getloadavg()[0]:.1f}")

        t = time.perf_counter()
        texts = pd.read_parquet(src)["text"]
        stimmung.score_batch(texts, n_threads=k)
        results.append(("score_batch (read + score)", time.perf_counter() - t))

        env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
        cmd = [sys.executable, "-m", "stimmung.spark", str(src), str(Path(tmp) / "cli"), "--text-column",
               "text", "--id-column", "id", "--level", "sentence", "--master", args.master,
               "--partitions", str(2 * k)]
        t = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
        results.append(("spark job, command line (JVM start-up included)", time.perf_counter() - t))

        from pyspark.sql import SparkSession
        from stimmung.spark import score_spark

        os.environ["PYSPARK_PYTHON"] = sys.executable
        spark = (
            SparkSession.builder.master(args.master)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            # Small splits, so that the one input file becomes several tasks and every core gets work.
            .config("spark.sql.files.maxPartitionBytes", str(1 << 20))
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.read.parquet(str(src))
        score_spark(df.limit(1000), "text").write.format("noop").mode("overwrite").save()  # start workers
        best = float("inf")
        for i in range(max(1, args.repeat)):
            t = time.perf_counter()
            out = Path(tmp) / f"warm{i}"
            score_spark(df, "text", id_col="id").write.parquet(str(out))
            best = min(best, time.perf_counter() - t)
        tasks = df.rdd.getNumPartitions()
        results.append((f"spark, warm session (read + score + write, {tasks} partitions)", best))
        spark.stop()

    for name, seconds in results:
        rate = n / seconds
        print(f"{name:<62} {seconds:7.2f} s  {rate:10,.0f} sentences/s  {rate / k:10,.0f} per core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
