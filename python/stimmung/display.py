"""HTML and terminal rendering of scores: cues highlighted in a colour per tone.

Design notes
------------
Cues may overlap (a phrase and a word inside it), so the text is cut at every cue boundary and each
piece is wrapped once, coloured by the first cue covering it, with a tooltip listing every covering cue.
Cues without extent (rules such as an open question) are listed under the text. Everything taken from
the text or the lexicon goes through ``html.escape``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

#: Colours of the built-in tones; user-defined tones take the next free colour of ``_PALETTE``.
TONE_COLOURS: dict[str, str] = {"bubble": "#b5179e", "nervousness": "#d62828", "hedging": "#1d4ed8"}
_PALETTE = ("#2a9d8f", "#e76f51", "#6a4c93", "#8a5a00", "#0081a7", "#588157", "#c9184a", "#4d5bd1")

#: ANSI colours for the terminal.
ANSI_COLOURS: dict[str, str] = {"bubble": "\033[35m", "nervousness": "\033[31m", "hedging": "\033[34m"}
_ANSI_PALETTE = ("\033[32m", "\033[33m", "\033[36m", "\033[95m", "\033[92m", "\033[93m", "\033[96m")


def _colour(tone: str, tones: Sequence[str], fixed: dict[str, str], palette: Sequence[str]) -> str:
    # Built-in tones have fixed colours; user-defined tones are numbered in ``tones`` order (or hashed).
    if tone in fixed:
        return fixed[tone]
    extra = [t for t in tones if t not in fixed]
    index = extra.index(tone) if tone in extra else sum(map(ord, tone))
    return palette[index % len(palette)]


def tone_colour(tone: str, tones: Sequence[str] = ()) -> str:
    """The display colour of ``tone``; user-defined tones are numbered in ``tones`` order."""
    return _colour(tone, tones, TONE_COLOURS, _PALETTE)


def ansi_colour(tone: str, tones: Sequence[str] = ()) -> str:
    """The terminal colour of ``tone``, chosen like :func:`tone_colour`."""
    return _colour(tone, tones, ANSI_COLOURS, _ANSI_PALETTE)


def cue_tooltip(c) -> str:
    """Plain-text description of a cue: term, tone, match, weights and modifiers."""
    mods = ", ".join(c.modifiers) if c.modifiers else "none"
    return (f"{c.term} ({c.tone}, {c.match}): weight {c.base_weight:.2f} \u2192 {c.weight:.2f}; "
            f"modifiers: {mods}")


def _segments(text: str, cues: Sequence, offset: int) -> list[tuple[int, int, list]]:
    spans = []
    for c in cues:
        a, b = c.start - offset, c.end - offset
        if 0 <= a < b <= len(text):
            spans.append((a, b, c))
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [c for s, e, c in spans if s <= a and b <= e]
        out.append((a, b, covering))
    return out


def highlight_html(text: str, cues: Sequence, tones: Sequence[str], offset: int = 0) -> str:
    """``text`` as HTML with every cue wrapped in a ``<mark class="stimmung-cue">``."""
    parts = []
    for a, b, covering in _segments(text, cues, offset):
        piece = html.escape(text[a:b])
        if not covering:
            parts.append(piece)
            continue
        first = covering[0]
        colour = tone_colour(first.tone, tones)
        negated = any(c.negated for c in covering)
        style = (f"background:{colour}22;border-bottom:2px solid {colour};color:inherit;padding:0 1px;"
                 + ("text-decoration:line-through;" if negated else ""))
        title = html.escape("\n".join(cue_tooltip(c) for c in covering), quote=True)
        tone_attr = html.escape(" ".join(dict.fromkeys(c.tone for c in covering)), quote=True)
        cls = "stimmung-cue stimmung-negated" if negated else "stimmung-cue"
        parts.append(f'<mark class="{cls}" data-tone="{tone_attr}" style="{style}" title="{title}">'
                     f"{piece}</mark>")
    return "".join(parts)


def _rule_cues_html(text: str, cues: Sequence, tones: Sequence[str], offset: int) -> str:
    rules = [c for c in cues if not (0 <= c.start - offset < c.end - offset <= len(text))]
    if not rules:
        return ""
    items = "".join(
        f'<li style="color:{tone_colour(c.tone, tones)}" title="{html.escape(cue_tooltip(c), quote=True)}">'
        f"{html.escape(c.term)} ({html.escape(c.tone)} {c.weight:.2f})</li>"
        for c in rules
    )
    return f'<ul style="margin:2px 0 0 1em;padding:0;font-size:85%">{items}</ul>'


def bars_html(scores: dict[str, float], tones: Sequence[str], label: str = "",
              extra: dict[str, dict[str, float]] | None = None) -> str:
    """Small horizontal bars, one per tone, with the score written beside."""
    rows = []
    for tone, value in scores.items():
        colour = tone_colour(tone, tones)
        width = 0.0 if value != value else max(0.0, min(1.0, value)) * 100  # NaN gives an empty bar
        note = ""
        if extra:
            note = " ".join(f"{html.escape(k)} {v[tone]:.2f}" for k, v in extra.items())
            note = f'<span style="color:#666;font-size:85%"> {note}</span>'
        rows.append(
            '<div class="stimmung-bar" style="display:flex;align-items:center;gap:6px;line-height:1.3">'
            f'<span style="width:7em;text-align:right">{html.escape(tone)}</span>'
            '<span style="display:inline-block;width:120px;height:8px;background:#8882;border-radius:2px">'
            f'<span style="display:block;width:{width:.1f}%;height:100%;background:{colour};'
            'border-radius:2px">'
            f"</span></span><span>{value:.2f}</span>{note}</div>"
        )
    caption = f'<div style="color:#666;font-size:85%">{html.escape(label)}</div>' if label else ""
    return f'<div class="stimmung-scores" style="margin-top:4px;font-size:90%">{caption}{"".join(rows)}</div>'


def sentence_html(score) -> str:
    tones = list(score.scores)
    body = highlight_html(score.text, score.cues, tones, offset=score.start)
    rules = _rule_cues_html(score.text, score.cues, tones, score.start)
    return (
        f'<div class="stimmung-sentence" style="font-family:inherit">'
        f'<div style="line-height:1.6">{body}</div>{rules}{bars_html(score.scores, tones)}</div>'
    )


def document_html(doc) -> str:
    tones = list(doc.mean)
    sentences = []
    for s in doc.sentences:
        body = highlight_html(s.text, s.cues, tones, offset=s.start)
        rules = _rule_cues_html(s.text, s.cues, tones, s.start)
        sentences.append(f'<span class="stimmung-sentence">{body}</span>{rules}')
    label = f"{len(doc.sentences)} sentences: mean per tone (max, share of sentences with the tone)"
    bars = bars_html(doc.mean, tones, label, extra={"max": doc.max, "share": doc.share})
    return (
        f'<div class="stimmung-document" style="font-family:inherit">'
        f'<div style="line-height:1.6">{" ".join(sentences)}</div>{bars}</div>'
    )


def highlight_ansi(text: str, cues: Sequence, tones: Sequence[str], colour: bool, offset: int = 0) -> str:
    """``text`` for the terminal: cues in their tone's colour (struck through when negated), or in
    [brackets] without colour. Overlapping cues are shown as one span."""
    # Sorted by position only: two cues on the same words (one word speaking for two tones, "Crash")
    # must not be compared themselves.
    spans = sorted(
        ((c.start - offset, c.end - offset, c)
         for c in cues
         if 0 <= c.start - offset < c.end - offset <= len(text)),
        key=lambda span: (span[0], span[1]),
    )
    merged: list[list] = []
    for a, b, c in spans:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
            merged[-1][2].append(c)
        else:
            merged.append([a, b, [c]])
    out, pos = [], 0
    for a, b, covering in merged:
        out.append(text[pos:a])
        piece = text[a:b]
        if colour:
            strike = "\033[9m" if any(c.negated for c in covering) else ""
            piece = f"{ansi_colour(covering[0].tone, tones)}{strike}{piece}\033[0m"
        else:
            piece = f"[{piece}]"
        out.append(piece)
        pos = b
    out.append(text[pos:])
    return "".join(out)
