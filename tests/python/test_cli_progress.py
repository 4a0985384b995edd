"""The progress line of `stimmung score`: percent and ETA when the size of the input is known (bytes read
of the files' sizes), records/s when it is not (stdin from a pipe); redrawn on a terminal, a line per
interval elsewhere (--progress)."""

import io
import subprocess
import sys

import pandas as pd
import pytest
from stimmung import _progress, cli
from stimmung._progress import Progress, format_duration, format_size


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_known_size_shows_percent_and_eta_once_per_interval():
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, 4 * 1024 * 1024, interval=10, clock=clock)
    clock.now = 5
    progress.update(100, 512 * 1024)
    assert out.getvalue() == ""  # not before the interval is over
    clock.now = 10
    progress.update(150, 1024 * 1024)  # a quarter in 10 s: 30 s to go
    assert out.getvalue() == "stimmung: 25% of 4.0 MiB, 250 records, 25 records/s, ETA 0:30\n"
    clock.now = 40
    progress.update(750, 4 * 1024 * 1024)
    progress.close()
    assert out.getvalue().splitlines()[1:] == [
        "stimmung: 100% of 4.0 MiB, 1,000 records, 25 records/s, ETA 0:00",
        "stimmung: 100% of 4.0 MiB, 1,000 records, 25 records/s, 0:40 elapsed",
    ]


def test_unknown_size_shows_records_per_second():
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, None, interval=10, clock=clock)
    clock.now = 12
    progress.update(3000)
    clock.now = 3725
    progress.close()
    assert out.getvalue().splitlines() == [
        "stimmung: 3,000 records, 250 records/s, 0:12 elapsed",
        "stimmung: 3,000 records, 1 records/s, 1:02:05 elapsed",
    ]


def test_on_a_terminal_the_line_is_redrawn_and_a_message_does_not_garble_it():
    clock, out = Clock(), io.StringIO()
    progress = Progress(out, 1000, redraw=True, clock=clock)
    assert out.getvalue() == "\rstimmung: 0% of 1000 B, 0 records, ? records/s, ETA ?\x1b[K"
    out.seek(0), out.truncate()
    progress.message("stimmung score: warning: x")
    assert out.getvalue().startswith("\r\x1b[Kstimmung score: warning: x\n\rstimmung: 0% of")
    out.seek(0), out.truncate()
    clock.now = 1
    progress.update(10, 500)
    progress.close()
    assert out.getvalue() == ("\rstimmung: 50% of 1000 B, 10 records, 10 records/s, ETA 0:01\x1b[K"
                              "\rstimmung: 50% of 1000 B, 10 records, 10 records/s, 0:01 elapsed\x1b[K\n")


def test_disabled_progress_prints_only_messages():
    out = io.StringIO()
    progress = Progress(out, 10, enabled=False, redraw=True)
    progress.update(5, 5)
    progress.message("note")
    progress.close()
    assert out.getvalue() == "note\n"


def test_durations_and_sizes_are_written_for_people():
    assert [format_duration(s) for s in (0, 7.4, 725, 3723)] == ["0:00", "0:07", "12:05", "1:02:03"]
    assert [format_size(n) for n in (812, 3482, 27 << 20, 5 << 30)] == ["812 B", "3.4 KiB", "27.0 MiB",
                                                                       "5.0 GiB"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "txt", "parquet"])
def test_the_cli_measures_bytes_read_against_the_input_size(tmp_path, monkeypatch, fmt):
    # Three chunks of records (cli._CHUNK_RECORDS each at most): the bytes done grow to the file's size.
    texts = [f"Die Anleger sind nervös, Meldung {i}." for i in range(5000)]
    path = tmp_path / f"in.{fmt}"
    frame = pd.DataFrame({"text": texts})
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    elif fmt == "txt":
        path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    else:
        frame.to_parquet(path, index=False, row_group_size=1000)
    made = []

    class Recording(Progress):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.seen = []
            made.append(self)

        def update(self, records, done_bytes=None):
            self.seen.append((records, done_bytes))
            super().update(records, done_bytes)

    monkeypatch.setattr(_progress, "Progress", Recording)
    args = [str(path), "-o", str(tmp_path / "out.csv"), "--progress", "--level", "sentence"]
    assert cli.main(["score", *args, *(["--lines"] if fmt == "txt" else [])]) == 0
    (progress,) = made
    size = path.stat().st_size
    assert progress.total == size and progress.records == len(texts)
    done = [d for _, d in progress.seen]
    assert len(done) >= 3 and done == sorted(done) and done[-1] == size
    assert 0 < done[0] < size  # the first chunk is a part of the file, not all or nothing


def test_forced_progress_in_a_log_ends_with_percent_or_records_per_second(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("Die Anleger sind nervös.\nDie KI-Blase könnte bald platzen.\n", encoding="utf-8")
    command = [sys.executable, "-m", "stimmung", "score", "--lines", "--progress"]
    from_file = subprocess.run([*command, str(path)], capture_output=True, check=True).stderr.decode()
    lines = from_file.splitlines()
    assert lines[-2].startswith(f"stimmung: 100% of {path.stat().st_size} B, 2 records, ")
    assert lines[-2].endswith("elapsed") and "\r" not in from_file  # a log gets no carriage returns
    piped = subprocess.run([*command, "-"], input=path.read_bytes(), capture_output=True, check=True)
    line = piped.stderr.decode().splitlines()[-2]
    assert line.startswith("stimmung: 2 records, ") and "records/s" in line and "%" not in line
    quiet = subprocess.run([*command[:-1], str(path)], capture_output=True, check=True)  # no terminal
    assert b"records/s" not in quiet.stderr
