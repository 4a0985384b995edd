"""A seeded generator of German news-style text for the benchmarks: unique sentences and articles.

Usage:

    .venv/bin/python benchmarks/german_corpus.py sentences --mb 20 -o /tmp/sentences.txt
    .venv/bin/python benchmarks/german_corpus.py articles --mb 300 -o /tmp/articles.txt   # one per line

Design notes
------------
The benchmark used to repeat 562 sentences 330 times, and a scorer that caches per string, or a CPU whose
branch predictors and caches learn the corpus, looks faster on that than on real news. This generator
composes sentences from the team's own templates and word lists (written for this file, no third-party
text): market reports, company news, quotes of analysts, questions, side clauses with `weil`/`obwohl`/
`dass`, reported speech, numbers, dates and names. About a third carry cue words of the three tones
(bubble, nervousness, hedging), some under negation or with a booster, so the scorer's rule stages run
as they do on news. Numbers, names and the combination of slots make nearly every sentence different;
:func:`sentences` also drops the few repeats, so its corpus is unique.

Everything depends only on the seed (``random.Random(seed)``, no hash of a str, no set iteration order),
so a corpus is the same on every machine and Python version that keeps ``random``'s algorithms.

Articles are sentences joined as prose, with single spaces, 2-6 KB (UTF-8) each, as a news text arrives:
the sentence splitter has to find every boundary itself.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

# --- vocabulary (the team's own) ----------------------------------------------------------------------

FIRMS = [
    "Nordwerk", "Halvora", "Brückner Systeme", "Kessler Chemie", "Lindauer Logistik", "Auenthal Energie",
    "Mertens Maschinenbau", "Solvian", "Quellbach Pharma", "Rheinfeld Bank", "Terravolt", "Kaltenbrunn",
    "Vireo Software", "Sandmeyer Bau", "Elbstrom", "Optera Chips", "Hanseatische Versicherung",
    "Görlitzer Textil", "Westerholt Motoren", "Calmus Robotik", "Pfalzkraft", "Nebelhorn Capital",
    "Irmgard Foods", "Tessin Halbleiter", "Oberland Telekom", "Falkenried Stahl", "Velmora", "Zinnober AG",
]
SECTORS = [
    "Chipbranche", "Autoindustrie", "Chemiebranche", "Bauwirtschaft", "Softwarebranche", "Pharmabranche",
    "Bankenbranche", "Energiewirtschaft", "Rüstungsindustrie", "Immobilienbranche", "Luftfahrt",
    "Versicherungsbranche", "Logistikbranche", "Stahlindustrie", "Solarbranche", "Modebranche",
]
MARKETS = [
    "der Dax", "der MDax", "der Leitindex", "der Euro Stoxx 50", "der Nasdaq-Index", "der Dow Jones",
    "der Nikkei", "der SDax", "der TecDax", "der Goldpreis", "der Ölpreis", "der Bitcoin", "der Euro",
]
CITIES = [
    "Frankfurt", "München", "Hamburg", "Stuttgart", "Düsseldorf", "Berlin", "Köln", "Leipzig", "Zürich",
    "Wien", "Hannover", "Nürnberg", "Bremen", "Dresden", "Mannheim", "Essen",
]
FIRST = [
    "Jana", "Lukas", "Miriam", "Tobias", "Henrike", "Jörg", "Selin", "Paul", "Ursula", "Deniz", "Katrin",
    "Matthias", "Leonie", "Björn", "Anja", "Rüdiger", "Clara", "Emre", "Friederike", "Ole",
]
LAST = [
    "Bergmann", "Hollerbach", "Schäfer", "Yilmaz", "Oberdorfer", "Kranz", "Winterstein", "Lenz", "Albers",
    "Großmann", "Petersen", "Rautenberg", "Vogt", "Dietz", "Kowalski", "Brandl", "Möller", "Sauer",
]
ROLES = [
    "Analystin", "Analyst", "Fondsmanagerin", "Fondsmanager", "Chefvolkswirt", "Chefvolkswirtin",
    "Stratege", "Strategin", "Vermögensverwalter", "Händlerin", "Händler", "Ökonomin", "Portfoliomanager",
]
HOUSES = [
    "der Sparkasse Nordhafen", "der Bank Kranich & Söhne", "des Instituts für Kapitalmarktfragen",
    "der Vermögensverwaltung Lindenhof", "des Brokers Tradewerk", "der Landesbank Mittelgau",
    "des Analysehauses Fernblick", "der Privatbank Amsel", "des Fondsanbieters Weitsicht",
]
MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
    "November", "Dezember",
]
QUARTERS = ["ersten", "zweiten", "dritten", "vierten"]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
TIMES = [
    "am Vormittag", "am Nachmittag", "zum Handelsschluss", "im frühen Handel", "im Tagesverlauf",
    "nach Börsenöffnung", "am späten Abend", "im nachbörslichen Handel",
]

# Neutral business news: figures and facts.
UP_VERBS = ["stieg", "kletterte", "legte", "wuchs", "zog"]
UP_TAILS = {"stieg": "", "kletterte": "", "legte": " zu", "wuchs": "", "zog": " an"}
DOWN_VERBS = ["fiel", "sank", "gab", "verlor", "rutschte"]
DOWN_TAILS = {"fiel": "", "sank": "", "gab": " nach", "verlor": "", "rutschte": " ab"}
METRICS = [
    "Der Umsatz", "Das operative Ergebnis", "Der Auftragseingang", "Der Nettogewinn", "Die Marge",
    "Der Free Cashflow", "Das Ergebnis je Aktie", "Der Absatz", "Die Zahl der Kunden", "Der Export",
]
NEUTRAL_OBJECTS = [
    "eine neue Fabrik in {city}", "ein Rechenzentrum in {city}", "eine Übernahme im Ausland",
    "den Ausbau des Vertriebs", "ein Programm zum Rückkauf eigener Aktien", "eine höhere Dividende",
    "den Abbau von {n} Stellen", "eine Anleihe über {amount}", "die Trennung vom Kleinkundengeschäft",
    "eine Partnerschaft mit {firm}", "neue Produkte für die {sector}",
]

# Bubble, nervousness and hedging vocabulary (cue words the lexicon knows, in the team's own phrasing).
BUBBLE_NOUNS = [
    "eine Blase", "eine Spekulationsblase", "eine Übertreibung", "eine Euphorie", "einen Hype",
    "einen Goldrausch", "eine Überhitzung", "eine Manie", "eine Kursblase", "eine Überbewertung",
]
BUBBLE_PHRASES = [
    "die Bewertungen haben jede Bodenhaftung verloren",
    "die Kurse sind den Gewinnen weit vorausgeeilt",
    "der Markt ist überhitzt",
    "die Aktien sind maßlos überbewertet",
    "die Anleger kaufen in einem wahren Kaufrausch",
    "die Begeisterung für {topic} erinnert an die Dotcom-Zeit",
    "das Kurs-Gewinn-Verhältnis liegt beim {n}-Fachen",
    "die Preise sind spekulativ aufgebläht",
]
NERV_PHRASES = [
    "die Anleger sind nervös", "an den Märkten herrscht Unruhe", "die Investoren reagieren verunsichert",
    "Händler sprechen von Panikverkäufen", "die Angst vor einem Einbruch wächst",
    "die Volatilität ist sprunghaft gestiegen", "viele Investoren ziehen ihr Geld ab",
    "die Stimmung an der Börse ist angespannt", "es kam zu einem Ausverkauf",
    "die Furcht vor einer Rezession geht um", "die Märkte stehen unter Druck",
]
HEDGES = ["könnte", "dürfte", "soll", "wird", "würde"]
HEDGE_ADVERBS = ["möglicherweise", "vermutlich", "womöglich", "angeblich", "offenbar", "voraussichtlich"]
NEGATORS = ["nicht", "kaum", "keineswegs", "nicht mehr"]
BOOSTERS = ["sehr", "extrem", "deutlich", "äußerst", "besonders", "ziemlich"]
TOPICS = [
    "Künstliche Intelligenz", "KI-Aktien", "Rüstungswerte", "Wasserstoff", "Solaraktien", "Kryptowährungen",
    "Chipwerte", "Gewichtsabnehmspritzen", "Quantencomputer", "Rechenzentren", "Elektroautos",
    "Wohnimmobilien", "Raumfahrt", "Lithium",
]
CONTEXT_HOPES = [
    ("rechnet", "mit steigenden Preisen"), ("hofft", "auf eine Erholung"), ("setzt", "auf neue Aufträge"),
    ("rechnet", "mit sinkenden Kosten"), ("hofft", "auf mehr Nachfrage aus Asien"),
    ("setzt", "auf den Verkauf einer Sparte"),
]
QUESTIONS = [
    ("Platzt", "die Blase bei Chipwerten"), ("Hält", "die Rally"), ("Kippt", "die Stimmung"),
    ("Dreht", "der Trend"), ("Kommt", "die Zinswende"), ("Endet", "der Hype um Rechenzentren"),
]
NEWS_DONE = [
    "Zahlen vorgelegt", "die Prognose gesenkt", "die Prognose angehoben", "einen Großauftrag gemeldet"]
BUBBLE_ENDS = ["bald platzen", "sich noch aufblähen", "an 2000 erinnern", "teuer enden"]
FUND_MOVES = ["meiden", "verkaufen", "reduzieren ihre Wetten auf", "trennen sich von"]
CONNECT = ["Doch", "Allerdings", "Zugleich", "Dennoch", "Unterdessen", "Außerdem", "Trotzdem"]


class Composer:
    """Draws slots with its own ``random.Random``; every method returns one sentence."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # --- slots -------------------------------------------------------------------------------------
    def c(self, seq: list[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def pct(self, high: int = 399) -> str:
        return f"{self.rng.randint(1, high) / 10:.1f}".replace(".", ",") + " Prozent"

    def amount(self) -> str:
        unit = self.c(["Millionen", "Milliarden", "Mio.", "Mrd."])
        value = f"{self.rng.randint(11, 9999) / 10:.1f}".replace(".", ",")
        return f"{value} {unit} Euro"

    def date(self) -> str:
        return f"am {self.rng.randint(1, 28)}. {self.c(MONTHS)}"

    def year(self) -> str:
        return str(self.rng.randint(2019, 2031))

    def person(self) -> str:
        return f"{self.c(FIRST)} {self.c(LAST)}"

    def expert(self) -> str:
        return f"{self.c(ROLES)} {self.person()} {self.c(HOUSES)}"

    def fill(self, text: str) -> str:
        if "{" not in text:
            return text
        return text.format(
            city=self.c(CITIES), n=self.rng.randint(2, 900), amount=self.amount(), firm=self.c(FIRMS),
            sector=self.c(SECTORS), topic=self.c(TOPICS),
        )

    # --- sentence kinds ------------------------------------------------------------------------------
    def figures(self) -> str:
        if self.rng.random() < 0.5:
            verb = self.c(UP_VERBS)
            tail = UP_TAILS[verb]
        else:
            verb = self.c(DOWN_VERBS)
            tail = DOWN_TAILS[verb]
        if self.rng.random() < 0.6:
            when = f"im {self.c(QUARTERS)} Quartal"
        else:
            when = f"im Geschäftsjahr {self.year()}"
        by = "" if verb == "verlor" else "um "
        return f"{self.c(METRICS)} von {self.c(FIRMS)} {verb} {when} {by}{self.pct()}{tail}."

    def market(self) -> str:
        up = self.rng.random() < 0.5
        verb = self.c(UP_VERBS if up else DOWN_VERBS)
        tail = (UP_TAILS if up else DOWN_TAILS)[verb]
        m = self.c(MARKETS)
        by = "" if verb == "verlor" else "um "
        s = f"{m[0].upper()}{m[1:]} {verb} {self.c(TIMES)} {by}{self.pct(60)}{tail}"
        if self.rng.random() < 0.4:
            s += f", nachdem {self.c(FIRMS)} {self.c(NEWS_DONE)} hatte"
        return s + "."

    def plan(self) -> str:
        obj = self.fill(self.c(NEUTRAL_OBJECTS))
        verb = self.c(["plant", "prüft", "kündigte", "beschloss", "bestätigte"])
        tail = " an" if verb == "kündigte" else ""
        who = self.c(FIRMS)
        if self.rng.random() < 0.3:
            where = self.c(CITIES)
            return f"{who} {verb} {self.date()} {obj}{tail}, wie das Unternehmen in {where} mitteilte."
        return f"{who} {verb} {obj}{tail}."

    def bubble(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            neg = f" {self.c(NEGATORS)}" if self.rng.random() < 0.2 else ""
            return (f"{self.expert()} sieht rund um {self.c(TOPICS)}{neg} {self.c(BUBBLE_NOUNS)}, "
                    f"und das {self.c(['könnte', 'dürfte', 'wird'])} {self.c(BUBBLE_ENDS)}.")
        if r < 0.7:
            phrase = self.fill(self.c(BUBBLE_PHRASES))
            where = self.c(CITIES)
            return f"„{phrase[0].upper()}{phrase[1:]}“, sagte {self.person()} {self.date()} in {where}."
        return (f"Seit {self.c(TOPICS)} um {self.pct()} zugelegt haben, warnen Fachleute: "
                f"{self.fill(self.c(BUBBLE_PHRASES))}.")

    def nervous(self) -> str:
        phrase = self.c(NERV_PHRASES)
        r = self.rng.random()
        if r < 0.3:
            return f"{self.c(WEEKDAYS)} {self.c(TIMES)}: {phrase}, {self.c(MARKETS)} verlor {self.pct(60)}."
        if r < 0.6:
            boost = self.c(BOOSTERS)
            return (f"Nach den Zahlen von {self.c(FIRMS)} waren die Anleger {boost} "
                    f"{self.c(['nervös', 'verunsichert', 'ängstlich', 'unruhig'])}, "
                    f"die Aktie {self.c(['fiel', 'sank', 'rutschte'])} zeitweise um {self.pct()}.")
        if r < 0.8:
            return f"{phrase[0].upper()}{phrase[1:]}; viele Fonds {self.c(FUND_MOVES)} {self.c(TOPICS)}."
        neg = self.c(NEGATORS)
        return f"{self.expert()} hält die Lage {neg} für bedrohlich, auch wenn Händler sagen: {phrase}."

    def hedged(self) -> str:
        r = self.rng.random()
        if r < 0.3:
            obj = self.fill(self.c(NEUTRAL_OBJECTS))
            return (f"{self.c(FIRMS)} {self.c(HEDGES)} {self.c(HEDGE_ADVERBS)} {obj} "
                    f"{self.c(['planen', 'vorbereiten', 'ankündigen', 'prüfen'])}.")
        if r < 0.55:
            circles = self.c(["Finanzkreisen", "Unternehmenskreisen", "Branchenkreisen"])
            return (f"Nach Informationen aus {circles} soll {self.c(FIRMS)} mit {self.c(FIRMS)} "
                    "über einen Zusammenschluss verhandeln.")
        if r < 0.8:
            return (f"Ob {self.c(FIRMS)} die Prognose für {self.year()} halten kann, ist "
                    f"{self.c(['unklar', 'offen', 'fraglich', 'ungewiss'])}.")
        verb, subject = self.c(QUESTIONS)
        return f"{verb} {subject} noch vor {self.c(MONTHS)}?"

    def quote(self) -> str:
        role = self.c(["Finanzchef", "Vorstandschef", "Vertriebschef", "Sprecher"])
        seen = self.c(["eine robuste Nachfrage", "stabile Aufträge", "eine Erholung", "Gegenwind"])
        return (f"„Wir sehen {seen} in der {self.c(SECTORS)}“, sagte {self.person()}, "
                f"{role} von {self.c(FIRMS)}.")

    def context(self) -> str:
        verb, obj = self.c(CONTEXT_HOPES)
        return (f"{self.c(CONNECT)} {verb} {self.c(FIRMS)} {obj} "
                f"im Jahr {self.year()}, weil die {self.c(SECTORS)} wieder {self.pct()} mehr investiert.")

    def sentence(self) -> str:
        r = self.rng.random()
        if r < 0.16:
            return self.figures()
        if r < 0.30:
            return self.market()
        if r < 0.44:
            return self.plan()
        if r < 0.56:
            return self.quote()
        if r < 0.66:
            return self.context()
        if r < 0.78:
            return self.bubble()
        if r < 0.89:
            return self.nervous()
        return self.hedged()


def sentences(n_bytes: int, seed: int = 14) -> list[str]:
    """Unique sentences, ``n_bytes`` of UTF-8 (at least), in generation order."""
    comp = Composer(seed)
    seen: set[str] = set()
    out: list[str] = []
    total = 0
    while total < n_bytes:
        s = comp.sentence()
        if s in seen:
            continue
        seen.add(s)
        out.append(s)
        total += len(s.encode("utf-8"))
    return out


def iter_articles(seed: int = 14, min_bytes: int = 2000, max_bytes: int = 6000) -> Iterator[str]:
    """Endless articles: sentences joined by single spaces, each between min_bytes and max_bytes of UTF-8."""
    comp = Composer(seed)
    while True:
        target = comp.rng.randint(min_bytes, max_bytes)
        parts: list[str] = []
        size = -1
        while True:
            s = comp.sentence()
            n = len(s.encode("utf-8")) + 1
            if size + n > max_bytes:
                if size >= min_bytes:
                    break
                continue  # too long for this article: draw another
            parts.append(s)
            size += n
            if size >= target:
                break
        yield " ".join(parts)


def articles(n_bytes: int, seed: int = 14) -> list[str]:
    """Articles (2-6 KB of prose each) adding up to at least ``n_bytes`` of UTF-8."""
    out: list[str] = []
    total = 0
    for a in iter_articles(seed):
        if total >= n_bytes:
            break
        out.append(a)
        total += len(a.encode("utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kind", choices=("sentences", "articles"))
    ap.add_argument("--mb", type=float, default=20.0, help="size in MB (10^6 bytes of UTF-8)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("-o", "--output", type=Path, required=True, help="one sentence or article per line")
    args = ap.parse_args(argv)
    target = int(args.mb * 1e6)
    n = 0
    with args.output.open("w", encoding="utf-8", newline="\n") as f:
        if args.kind == "sentences":
            items: Iterator[str] = iter(sentences(target, args.seed))
        else:
            items = iter_articles(args.seed)
        written = 0
        for text in items:
            if written >= target:
                break
            f.write(text + "\n")
            written += len(text.encode("utf-8")) + 1
            n += 1
    print(f"{args.output}: {n:,} {args.kind}, {written / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
