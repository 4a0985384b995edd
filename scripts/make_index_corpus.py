#!/usr/bin/env python3
"""Writes the index demonstration corpus: invented, dated German news from seven invented outlets, with two
known episodes injected, so an index built from it can be checked against what was put in.

    python scripts/make_index_corpus.py -o build/index_corpus.jsonl      # or .csv; same seed, same file

Design notes: every sentence comes from templates and phrase pools written by the stimmung team for this
corpus (none is copied from real news; companies, outlets and cities are invented). A document is a topic
(AI and chips, the economy, interest rates, or sport, weather, culture that carry no market tone) with 2-6
sentences. Bubble talk appears in AI documents at a low base rate and, in the three months of
BUBBLE_EPISODE, at a high one; nervousness appears in economy documents at a low rate and in
NERVOUS_EPISODE at a high one. Outlets differ in size, in how excitable they are, and one starts late, so
the outlet scaling of the index has something to do. numpy's seeded generator makes it reproducible.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2024
START, END = "2023-01-01", "2025-12-31"
#: Months (inclusive) in which AI documents turn to bubble talk, and economy documents to nervousness.
BUBBLE_EPISODE = ("2024-03", "2024-05")
NERVOUS_EPISODE = ("2025-02", "2025-03")

#: name, share of all documents, excitability (multiplies the tone rates), first month
OUTLETS = [
    ("Elbe-Anzeiger", 0.24, 1.0, None),
    ("Finanzpost Mainufer", 0.19, 0.8, None),
    ("Börsenecho", 0.15, 1.8, None),
    ("Lahntaler Rundschau", 0.13, 0.9, None),
    ("Alpenländische Wirtschaftszeitung", 0.11, 0.6, None),
    ("Kieler Morgenblatt", 0.10, 1.1, None),
    ("Marktdepesche", 0.08, 1.4, "2023-07"),
]
TOPICS = {"ki": 0.36, "konjunktur": 0.22, "zinsen": 0.14, "sport": 0.12, "wetter": 0.08, "kultur": 0.08}
ECONOMY = ("ki", "konjunktur", "zinsen")

FIRMS = ["Nordlicht Systems", "Quantora", "Helix Rechenwerke", "Brennwald", "Synapta", "Kobaltwerk",
         "Vireo Labs", "Sandhagen Halbleiter", "Auraform", "Tessaris"]
CITIES = ["Lüneburg", "Gießen", "Rosenheim", "Flensburg", "Coburg", "Hameln", "Wetzlar", "Passau"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
PERSONS = ["Fondsmanagerin Petra Lindqvist", "Stratege Jonas Ahlert", "Analystin Miriam Oduya",
           "Vermögensverwalter Tilman Brecht", "Ökonomin Sabine Kurz", "Händler Enrico Falk"]

NEUTRAL = {
    "ki": [
        "{firm} hat seinen Umsatz im vergangenen Quartal um {n} Prozent gesteigert.",
        "Das Unternehmen {firm} baut ein neues Rechenzentrum bei {city}.",
        "{firm} stellt ein eigenes Sprachmodell für Behörden und Krankenhäuser vor.",
        "Der Chiphersteller {firm} liefert seine neuen Prozessoren an mehrere Autobauer.",
        "Mit künstlicher Intelligenz will {firm} die Wartung von Windrädern planen.",
        "Die Nachfrage nach KI-Chips für Rechenzentren hält an.",
        "{firm} kündigte an, in {city} zweihundert Stellen für KI-Entwickler zu schaffen.",
        "Die Hauptversammlung von {firm} stimmte dem neuen Vorstandsvertrag zu.",
        "Im Geschäft mit Cloud-Diensten und KI-Software wuchs {firm} zuletzt zweistellig.",
        "Der Betriebsgewinn von {firm} lag bei {n} Millionen Euro.",
        "{firm} und {firm2} wollen gemeinsam einen Chip für Sprachmodelle entwickeln.",
        "Die Aktie von {firm} schloss am Freitag bei {n} Euro.",
    ],
    "konjunktur": [
        "Die Industrieproduktion stieg im {month} um {small} Prozent.",
        "Der Einzelhandel meldete für den {month} stabile Umsätze.",
        "Die Exporte nach Asien legten im Vergleich zum Vorjahr zu.",
        "Die Zahl der Arbeitslosen blieb im {month} nahezu unverändert.",
        "Die Wirtschaft wuchs im dritten Quartal um {small} Prozent.",
        "Die Auftragseingänge im Maschinenbau lagen leicht über dem Vorjahr.",
        "Der Leitindex beendete den Handelstag mit einem Plus von {small} Prozent.",
        "Die Inflationsrate sank im {month} auf {small} Prozent.",
        "Die Bauwirtschaft in {city} meldet volle Auftragsbücher.",
        "Die Börse in Frankfurt verzeichnete einen ruhigen Handel.",
        "Der Mittelstand investiert wieder stärker in neue Maschinen.",
    ],
    "zinsen": [
        "Die Zentralbank ließ den Leitzins unverändert bei {small} Prozent.",
        "Die Rendite zehnjähriger Bundesanleihen lag bei {small} Prozent.",
        "Bauzinsen sind im {month} leicht gesunken.",
        "Die Sparkassen erhöhen die Zinsen für Tagesgeld.",
        "Die Notenbank veröffentlicht am Donnerstag ihre neue Prognose.",
        "Der Euro notierte zum Dollar nahezu unverändert.",
        "Die Kreditvergabe an Unternehmen zog im {month} wieder an.",
        "Die Anleihemärkte reagierten kaum auf die Rede der Notenbankchefin.",
    ],
    "sport": [
        "Der SV {city} gewann das Heimspiel mit {goals}:1.",
        "Die Handballerinnen aus {city} stehen im Halbfinale des Pokals.",
        "Vor dem Elfmeterschießen war die Nervosität im Stadion mit Händen zu greifen.",
        "Der Trainer lobte die Geschlossenheit seiner Mannschaft.",
        "Der Marathon in {city} zog mehr als {n}00 Läufer an.",
        "Die Radfahrerin verteidigte ihr Gelbes Trikot auf der Bergetappe.",
        "Nach der Niederlage herrschte in der Kabine gereizte Stimmung.",
    ],
    "wetter": [
        "Für das Wochenende erwarten Meteorologen Regen und kühle Temperaturen.",
        "In {city} wurden am Mittwoch {goals}0 Grad gemessen.",
        "Ein Sturmtief zieht über die Nordsee nach Osten.",
        "Der Deutsche Wetterdienst warnt vor Glätte in den Mittelgebirgen.",
        "Der {month} war trockener als im langjährigen Mittel.",
        "Gewitter können am Abend für Starkregen sorgen.",
    ],
    "kultur": [
        "Das Stadttheater {city} zeigt eine neue Inszenierung von Goethes Faust.",
        "Die Ausstellung über Bauhaus-Möbel verlängert ihre Öffnungszeiten.",
        "Der Hype um das neue Album der Band war schon vor dem Erscheinen groß.",
        "Die Buchmesse meldet einen Besucherrekord.",
        "Ein Stummfilmfestival in {city} zeigt restaurierte Klassiker.",
        "Das Kammerorchester spielt im {month} Werke von Clara Schumann.",
    ],
}

BUBBLE = [
    "Analysten warnen vor einer KI-Blase, die bald platzen könnte.",
    "Der Hype um künstliche Intelligenz erinnert viele an die Dotcom-Blase.",
    "Die Aktie von {firm} ist nach Ansicht vieler Fondsmanager massiv überbewertet.",
    "Kritiker sprechen von einem Kartenhaus aus Investitionen, die sich gegenseitig stützen.",
    "An der Börse herrscht ein regelrechter Goldrausch bei Chipwerten.",
    "{person} hält die Bewertungen der KI-Konzerne für eine Spekulationsblase.",
    "Die Euphorie um Rechenzentren trägt inzwischen Züge einer Blase.",
    "Manche fürchten, dass die Blase bei KI-Aktien bald platzt.",
    "Die Kurse von {firm} sind völlig überhitzt.",
    "Beobachter sehen bei {firm} und {firm2} eine gefährliche Übertreibung.",
    "Für {person} ist der KI-Boom eine Blase, die auf Pump finanziert wird.",
    "Das Kurs-Gewinn-Verhältnis von {firm} gilt als absurd hoch, der Markt sei überbewertet.",
]
NOT_BUBBLE = [
    "Von einer Blase kann nach Ansicht der Notenbank keine Rede sein.",
    "{person} sieht bei KI-Aktien keine Blase.",
    "Eine Überbewertung der Chipwerte sei nicht zu erkennen, sagte {person}.",
]
NERVOUS = [
    "An der Börse macht sich Nervosität breit.",
    "Anleger reagierten gereizt auf die Zahlen von {firm}.",
    "Die Sorge vor einer Rezession macht die Märkte nervös.",
    "Es kam zu regelrechten Panikverkäufen bei Industriewerten.",
    "Händler berichten von großer Unruhe auf dem Parkett.",
    "Die Angst vor weiteren Zinserhöhungen belastet die Anleger.",
    "{person} spricht von einer tiefen Verunsicherung unter Investoren.",
    "Die Furcht vor einem Handelskrieg hat die Börsen fest im Griff.",
    "Viele Anleger flüchten aus Sorge um die Konjunktur in Staatsanleihen.",
    "Der Leitindex fiel unter dem Eindruck panischer Verkäufe um {small} Prozent.",
]
HEDGING = [
    "Laut Insidern soll {firm} eine Übernahme von {firm2} prüfen.",
    "Die Zahlen könnten im nächsten Quartal besser ausfallen.",
    "Ob sich der Trend fortsetzt, bleibt abzuwarten.",
    "{firm} dürfte die Prognose im Herbst anheben.",
    "Berichten zufolge erwägt die Regierung neue Förderprogramme.",
    "Offenbar plant {firm} einen Börsengang der Chipsparte.",
]


def _in(period: pd.Period, episode) -> bool:
    return pd.Period(episode[0], "M") <= period <= pd.Period(episode[1], "M")


def make_corpus(seed: int = SEED, n_documents: int = 3000) -> pd.DataFrame:
    """The corpus as a DataFrame: id, date, outlet, topic, text, and the injected truth (bubble_injected,
    nervousness_injected: whether a sentence of that tone was put into the document)."""
    rng = np.random.default_rng(seed)
    outlet_names = [o[0] for o in OUTLETS]
    volume = np.array([o[1] for o in OUTLETS])
    days = pd.date_range(START, END, freq="D")
    topics, topic_p = list(TOPICS), np.array(list(TOPICS.values()))

    def fill(template: str) -> str:
        firm, firm2 = rng.choice(FIRMS, size=2, replace=False)
        return template.format(
            firm=firm, firm2=firm2, city=rng.choice(CITIES), month=rng.choice(MONTHS_DE),
            person=rng.choice(PERSONS), n=int(rng.integers(3, 60)),
            small=f"{rng.uniform(0.1, 4.9):.1f}".replace(".", ","),
            goals=int(rng.integers(2, 5)))

    rows = []
    for _ in range(n_documents):
        day = days[rng.integers(len(days))]
        month = day.to_period("M")
        open_ = [k for k, o in enumerate(OUTLETS) if o[3] is None or month >= pd.Period(o[3], "M")]
        p = volume[open_] / volume[open_].sum()
        k = open_[rng.choice(len(open_), p=p)]
        excitable = OUTLETS[k][2]
        topic = topics[rng.choice(len(topics), p=topic_p)]
        n_sentences = int(rng.integers(2, 7))
        pool = NEUTRAL[topic]
        picks = rng.choice(len(pool), size=min(n_sentences, len(pool)), replace=False)
        sentences = [(fill(pool[j]), "neutral") for j in picks]
        bubble = nervous = False
        if topic == "ki":
            rate = 0.6 if _in(month, BUBBLE_EPISODE) else 0.07
            if rng.random() < min(rate * excitable, 0.95):
                bubble = True
                sentences.insert(int(rng.integers(1, len(sentences) + 1)), (fill(rng.choice(BUBBLE)), "tone"))
                if rng.random() < 0.4:
                    sentences.append((fill(rng.choice(BUBBLE)), "tone"))
            elif rng.random() < 0.08:
                at = int(rng.integers(1, len(sentences) + 1))
                sentences.insert(at, (fill(rng.choice(NOT_BUBBLE)), "tone"))
        if topic in ECONOMY:
            rate = 0.55 if _in(month, NERVOUS_EPISODE) else 0.06
            if rng.random() < min(rate * excitable, 0.95):
                nervous = True
                at = int(rng.integers(1, len(sentences) + 1))
                sentences.insert(at, (fill(rng.choice(NERVOUS)), "tone"))
        if rng.random() < 0.25:
            sentences.insert(int(rng.integers(1, len(sentences) + 1)), (fill(rng.choice(HEDGING)), "tone"))
        while len(sentences) > 6:  # 2-6 sentences: drop neutral ones after the opener
            neutral = [j for j, (_, kind) in enumerate(sentences) if kind == "neutral" and j > 0]
            del sentences[neutral[int(rng.integers(len(neutral)))]]
        rows.append({"date": day, "outlet": outlet_names[k], "topic": topic,
                     "text": " ".join(t for t, _ in sentences),
                     "bubble_injected": bubble, "nervousness_injected": nervous})
    frame = pd.DataFrame(rows).sort_values(["date", "outlet"], kind="stable").reset_index(drop=True)
    frame.insert(0, "id", [f"doc-{i:05d}" for i in range(len(frame))])
    return frame


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default="-", help=".jsonl or .csv (default: JSON lines on stdout)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-n", "--n-documents", type=int, default=3000)
    args = parser.parse_args(argv)
    frame = make_corpus(args.seed, args.n_documents)
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    if args.output.endswith(".csv"):
        frame.to_csv(args.output, index=False)
    else:
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in frame.to_dict("records"))
        if args.output == "-":
            sys.stdout.write(lines)
        else:
            Path(args.output).write_text(lines, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
