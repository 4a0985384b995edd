"""The progress line of ``stimmung score`` on stderr.

Design notes
------------
A run's progress is measured in bytes of input: the readers' positions in the input files against the
files' sizes (a Parquet file, which pyarrow reads on its own, counts by its records, scaled to its size).
When the size of every input is known the line shows the percent done and an ETA; when one is not
(stdin from a pipe, process substitution) it shows records and records per second. On a terminal the line
is redrawn in place twice a second; anywhere else (a log file, a CI job; only with ``--progress``) it is
printed as a line of its own every 10 seconds, so a log gets neither carriage returns nor a flood of lines.
The clock is a parameter, so tests drive it by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO


def format_duration(seconds: float) -> str:
    """``0:07``, ``12:05``, ``1:02:03``."""
    s = max(0, round(seconds))
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_size(n: int) -> str:
    """``812 B``, ``3.4 KiB``, ``27.4 MiB``, ``4.0 GiB``."""
    if n < 1024:
        return f"{n} B"
    size = n / 1024
    for unit in ("KiB", "MiB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


class Progress:
    """Counts records and input bytes done and shows them on ``stream``.

    Args:
        stream: where the line goes (stderr).
        total_bytes: the size of all inputs together, or None when one of them has no known size.
        enabled: False shows no progress at all; :meth:`message` still prints.
        redraw: redraw one line in place (a terminal) instead of printing a line per interval.
        interval: seconds between two updates of the line (default 0.5 when redrawing, else 10).
        clock: monotonic seconds.
    """

    def __init__(
        self,
        stream: IO[str],
        total_bytes: int | None,
        *,
        enabled: bool = True,
        redraw: bool = False,
        interval: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.total = total_bytes
        self.enabled = enabled
        self.redraw = redraw
        self.interval = interval if interval is not None else (0.5 if redraw else 10.0)
        self.clock = clock
        self.start = self.last = clock()
        self.records = 0
        self.done = 0
        self._drawn = False  # a redrawn line is on the terminal now
        if enabled and redraw:
            self._show(self.start)

    def update(self, records: int, done_bytes: int | None = None) -> None:
        """Adds ``records`` scored; ``done_bytes`` is how much of the input is read by now."""
        self.records += records
        if done_bytes is not None:
            self.done = done_bytes
        now = self.clock()
        if self.enabled and now - self.last >= self.interval:
            self.last = now
            self._show(now)

    def message(self, text: str) -> None:
        """Prints ``text`` as a line of its own (a warning) without garbling a line being redrawn."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        if self._drawn:
            self._show(self.clock())
        self.stream.flush()

    def close(self) -> None:
        """Shows the final state (elapsed time instead of the ETA) and ends the line."""
        if self.enabled:
            self._show(self.clock(), final=True)
            if self.redraw:
                self.stream.write("\n")
                self._drawn = False
            self.stream.flush()
        self.enabled = False

    def line(self, now: float, final: bool = False) -> str:
        """The progress line at time ``now``."""
        elapsed = max(0.0, now - self.start)
        rate = f"{self.records / elapsed:,.0f} records/s" if elapsed > 0 else "? records/s"
        count = f"{self.records:,} record{'' if self.records == 1 else 's'}"
        if self.total is None:
            return f"stimmung: {count}, {rate}, {format_duration(elapsed)} elapsed"
        done = min(self.done, self.total)
        fraction = done / self.total if self.total else (1.0 if final else 0.0)
        if final:
            when = f"{format_duration(elapsed)} elapsed"
        elif done > 0 and elapsed > 0:
            when = f"ETA {format_duration(elapsed * (self.total - done) / done)}"
        else:
            when = "ETA ?"
        return f"stimmung: {fraction:.0%} of {format_size(self.total)}, {count}, {rate}, {when}"

    def _show(self, now: float, final: bool = False) -> None:
        text = self.line(now, final)
        if self.redraw:
            self.stream.write("\r" + text + "\x1b[K")
            self._drawn = True
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
