"""The CLI's read -> score -> write pipeline: order, bounded queues, failures from either helper thread,
and the serial mode giving the same output."""

import os
import subprocess
import sys
import threading
import time

import pytest
from stimmung._pipeline import Pipeline


def run(items, depth, score=lambda x: x * 10, sink=None):
    out = []
    with Pipeline(iter(items), sink or out.append, depth) as pipe:
        for item in pipe:
            pipe.send(score(item))
    return out


@pytest.mark.parametrize("depth", [0, 1, 2, 5])
def test_every_item_comes_out_once_in_order(depth):
    assert run(range(1000), depth) == [i * 10 for i in range(1000)]
    assert run([], depth) == []


def test_queues_are_bounded_so_the_reader_waits():
    produced = []

    def source():
        for i in range(100):
            produced.append(i)
            yield i

    seen_ahead = []
    out = []
    with Pipeline(source(), out.append, 2) as pipe:
        for item in pipe:
            time.sleep(0.002)  # a slow scorer: the reader must not run far ahead
            seen_ahead.append(len(produced) - item)
            pipe.send(item)
    assert out == list(range(100))
    # at most: the depth of the inbox, one in the reader's hands, the one being scored
    assert max(seen_ahead) <= 2 + 2


def test_a_slow_writer_holds_up_the_scorer_only_after_out_depth_results():
    # The CLI's outbox is deeper than its inbox (scored chunks are small), so a writer busy with something
    # else (importing pandas for its first frame) does not stop the scoring at once; but it is bounded.
    release = threading.Event()
    written = []

    def sink(x):
        release.wait(5)
        written.append(x)

    sent = []
    with Pipeline(iter(range(20)), sink, 1, 6) as pipe:
        for item in pipe:
            pipe.send(item)
            sent.append(item)
            if len(sent) == 6:
                time.sleep(0.3)  # the writer holds one result, the outbox five more: one more fits
                assert len(written) == 0
            if len(sent) == 7:
                release.set()
    assert written == list(range(20))


def test_the_outbox_is_bounded_by_out_depth():
    release = threading.Event()
    sent = []

    def scorer_thread():
        with Pipeline(iter(range(50)), lambda x: release.wait(5), 1, 4) as pipe:
            for item in pipe:
                pipe.send(item)
                sent.append(item)

    t = threading.Thread(target=scorer_thread, daemon=True)
    t.start()
    deadline = time.monotonic() + 30  # a loaded machine may take a while to get there
    while len(sent) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    # One result in the writer's hands, four in the outbox, the fifth send waits: 5 sent, and no more.
    assert len(sent) == 5
    release.set()
    t.join(10)
    assert len(sent) == 50


def test_a_reader_failure_is_raised_on_the_callers_thread_after_the_items_before_it():
    def source():
        yield 1
        yield 2
        raise ValueError("bad input")

    out = []
    with pytest.raises(ValueError, match="bad input"):
        with Pipeline(source(), out.append, 2) as pipe:
            for item in pipe:
                pipe.send(item)
    assert out == [1, 2][: len(out)]  # what was written came before the failure (the rest was stopped)


def test_a_writer_failure_is_raised_as_it_is_and_stops_the_run():
    written = []

    def sink(x):
        if x == 3:
            raise BrokenPipeError(32, "Broken pipe")
        written.append(x)

    scored = []
    with pytest.raises(BrokenPipeError):
        with Pipeline(iter(range(10_000)), sink, 2) as pipe:
            for item in pipe:
                scored.append(item)
                pipe.send(item)
    assert written == [0, 1, 2]
    assert len(scored) < 100  # it stopped soon, not at the end of the input


def test_a_writer_failure_at_the_last_item_is_raised_when_the_block_ends():
    def sink(x):
        if x == 4:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        run(range(5), 2, score=lambda x: x, sink=sink)


def test_a_failure_while_scoring_stops_both_helpers():
    before = threading.active_count()
    with pytest.raises(RuntimeError):
        with Pipeline(iter(range(10_000)), lambda x: None, 2) as pipe:
            for item in pipe:
                if item == 5:
                    raise RuntimeError("scorer failed")
                pipe.send(item)
    assert threading.active_count() == before


def test_the_cli_gives_the_same_bytes_pipelined_and_serial(tmp_path):
    src = tmp_path / "in.txt"
    lines = ["Die KI-Blase könnte bald platzen.", "Die Anleger sind nervös.", "Panik \udcff"] * 3000
    src.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape") + b"\n")
    outs = {}
    for mode in ("0", "1"):
        out = tmp_path / f"out{mode}.csv"
        proc = subprocess.run(
            [sys.executable, "-m", "stimmung", "score", str(src), "--lines", "-o", str(out), "-q"],
            capture_output=True,
            env={**os.environ, "STIMMUNG_CLI_PIPELINE": mode},
        )
        assert proc.returncode == 0, proc.stderr
        outs[mode] = out.read_bytes()
    assert outs["0"] == outs["1"]
    assert outs["1"].count(b"\n") == 9001 and outs["1"].count(b"not valid UTF-8") == 3000


def test_a_reader_blocked_on_its_input_does_not_hold_up_a_failure():
    # `slow_producer | stimmung score -`: the writer fails while the reader waits for stdin.
    never = threading.Event()

    def source():
        yield 1
        never.wait(60)  # blocked, as a read from a quiet pipe is
        yield 2

    def sink(_x):
        raise BrokenPipeError(32, "Broken pipe")

    start = time.monotonic()
    with pytest.raises(BrokenPipeError):
        with Pipeline(source(), sink, 2) as pipe:
            for item in pipe:
                pipe.send(item)
    assert time.monotonic() - start < 5
    never.set()
