"""Ctrl-C on huge inputs: the core checks for cancellation every 256 KB of text it scores (also inside one
text, one sentence and the sentence splitter), so KeyboardInterrupt arrives within milliseconds whatever
the size of a record. Each test prints the measured latency (run with -s to see it); the bounds are
generous on purpose (shared CI machines), the figures go into the closing notes."""
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import stimmung

MB = 1 << 20
# With full stops: a document of ~600,000 sentences. Without: one sentence of 50 MB.
DOCUMENT = "Die Anleger sind nervös, die KI-Blase könnte bald platzen, warnen Analysten. "
SENTENCE = "Die Anleger sind nervös, die KI-Blase könnte bald platzen, warnen Analysten "
BOUND = 2.0  # seconds from the signal to KeyboardInterrupt; the target is under 0.2 s


def _text(piece: str, size: int) -> str:
    return piece * (size // len(piece.encode()) + 1)


def _interrupt_after(delay: float, sent: list) -> threading.Thread:
    def fire():
        time.sleep(delay)
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    thread = threading.Thread(target=fire, daemon=True)
    thread.start()
    return thread


def _latency(call, what: str, delay: float = 0.5) -> float:
    """Sends SIGINT `delay` seconds into `call` (past the UTF-8 conversion of the inputs, inside the core;
    each call here takes well over its delay on a quiet machine) and measures how long KeyboardInterrupt
    takes to arrive."""
    sent: list = []
    ended: list = []
    thread = _interrupt_after(delay, sent)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        call()
        ended.append(time.monotonic())
        time.sleep(5)  # the call ended before the signal: wait for it, then the assertion below fails
    caught = time.monotonic()
    thread.join()
    assert sent, "no signal was sent"
    latency = caught - sent[0]
    print(f"\n{what}: KeyboardInterrupt {latency * 1000:.1f} ms after SIGINT "
          f"(signal at {sent[0] - start:.2f} s into the call)")
    assert not ended, f"the call had ended {ended[0] - start:.2f} s in, before the signal"
    assert latency < BOUND
    return latency


@pytest.fixture(scope="module")
def documents():
    return [_text(DOCUMENT, 50 * MB) for _ in range(4)]


@pytest.fixture(scope="module")
def sentence():
    return _text(SENTENCE, 50 * MB)


def test_interrupt_score_batch_of_four_50mb_documents(documents):
    _latency(lambda: stimmung.score_batch(documents, n_threads=2, level="document"),
             "score_batch(4 x 50 MB, level=document)")


def test_interrupt_score_batch_of_four_50mb_sentences(documents):
    _latency(lambda: stimmung.score_batch(documents, n_threads=2), "score_batch(4 x 50 MB, level=sentence)")


def test_interrupt_score_of_a_50mb_text(sentence):
    _latency(lambda: stimmung.score(sentence), "score(50 MB, one sentence)")


def test_interrupt_score_document_of_a_50mb_text(documents):
    _latency(lambda: stimmung.score_document(documents[0]), "score_document(50 MB)")


def test_interrupt_split_sentences_of_a_50mb_text(documents):
    # The boundary scanner splits 50 MB in about 0.3 s: the signal comes sooner.
    _latency(lambda: stimmung.split_sentences(documents[0]), "split_sentences(50 MB)", delay=0.1)


def test_cli_interrupted_on_a_50mb_line(tmp_path, sentence):
    src = tmp_path / "big.txt"
    # Three 50 MB lines: since the splitter's boundary scanner one line scores in well under a second on a
    # quiet machine, and the signal must come while a line is being scored.
    with open(src, "w", encoding="utf-8") as f:
        for _ in range(3):
            f.write(sentence + "\n")
    target = tmp_path / "out.csv"
    command = [sys.executable, "-m", "stimmung", "score", str(src), "--lines", "-o", str(target),
               "--threads", "1", "-q"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):  # the output is open
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before the signal"
        time.sleep(0.01)
    time.sleep(1.0)  # the 50 MB line is read by now and being scored
    assert proc.poll() is None, "the run ended before the signal"
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    latency = time.monotonic() - sent
    print(f"\nCLI on a 50 MB line: exit {proc.returncode} {latency * 1000:.1f} ms after SIGINT "
          "(process exit included)")
    assert proc.returncode == 128 + signal.SIGINT, err
    assert b"Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]  # the temporary output is gone
    assert latency < BOUND
