// Price movements: "verlor 14 Prozent", "gab um 4,2 Prozent nach", "fiel um ein Fünftel" are market
// stress (guideline v2), "verlor 0,5 Prozent" is an ordinary day, and "Der Umsatz sank um 5 Prozent" or
// "Die Inflationsrate fiel auf 2,1 Prozent" are business and economic figures, not price stress.
// Decides: a cue with `min=N` in the lexicon stays a candidate only when its clause holds a percentage of
// at least N (a number followed by "Prozent" or "%", a numeral word before "Prozent", or a share word such
// as "Fünftel" or "Hälfte") that is not a level ("auf 2,1 Prozent", "auf 3,75 bis 4,00 Prozent"), or two
// levels that move at least as much ("von 48 auf 31 Euro": 35 percent), or an amount and the level it led
// to ("um 4,46 Dollar auf 75,62 Dollar": 5.6 percent, the fall's size), or, when the clause states no
// size, when a booster stands near it in its clause ("gab deutlich nach", "gab nach der Wahl deutlich nach"),
// and its clause holds no `figure` word (Umsatz, Gewinn, Inflationsrate, ...) unless the cue itself names
// the price ("Kursrückgang": a compound of a market word) or the figure is a circumstance ("trotz starker
// Zahlen": up to six words after a profile `circumstance_words` word). With a stock index in the clause (profile
// `index_words`) the threshold N counts index_movement_factor times: "Der Dax verlor 1,8 Prozent" is a sharp day
// for the market, "Die Aktie verlor 1,8 Prozent" an ordinary one for a share. A `price` cue ("einbrechen",
// "Absturz") needs no size, but the same figure test stops it: "Der Umsatz brach ein" is a result, "Die
// Aktie brach trotz eines höheren Gewinns ein" is a price's fall. A cue with `ratio=N` (a valuation ratio
// or multiple: "KGV", "<n>-Fache") stays only when its number is at least N: written on its word or a word
// right before it ("das 48-Fache", "ein 90-faches KGV"), or the first number after it in its clause ("ein
// KGV von knapp 119"); a percentage there is a movement, not a ratio.
// Does not decide: which words are fall verbs, numerals, shares or figures (the lexicon), or what modifies
// the cue afterwards (negation and the other families apply as to any cue). "Prozent", "%" and "auf" are
// the language profile's percent_words, percent_signs, level_words, range_words and circumstance_words.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include "rules/rules.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung::detail {
namespace {

// Whether the single point of a number without a comma is a decimal point, as Swiss and English texts write
// it ("0.52", "2.5"): a thousands point has a nonzero group before it and three digits after it ("23.410").
bool decimal_point(std::string_view text) {
  const std::size_t dot = text.find('.');
  if (dot == std::string_view::npos || text.find(',') != std::string_view::npos) return false;
  if (text.find('.', dot + 1) != std::string_view::npos) return false;  // "1.250.000": thousands points
  return text.size() - dot - 1 != 3 || text.substr(0, dot) == "0";
}

// "2,8" -> 2.8, "23.410" -> 23410, "12" -> 12 (German decimal comma, thousands point), "0.52" -> 0.52 (a
// Swiss decimal point: see decimal_point); -1 when unreadable.
double parse_number(std::string_view text) {
  const bool point = decimal_point(text);
  std::string plain;
  for (const char c : text) {
    if (c == '.' && !point) continue;
    plain.push_back(c == ',' ? '.' : c);
  }
  double value = -1.0;
  const auto [ptr, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  return ec == std::errc() && ptr == plain.data() + plain.size() ? value : -1.0;
}

bool percent_sign(const Sentence& s, std::size_t i) {
  if (i >= s.n_tokens) return false;
  if (s.is_word(i)) return s.lang.percent_words.contains(s.key(i));
  return s.lang.percent_signs.contains(s.surface(i));
}

// The percentage token i states, or -1: a number or numeral before "Prozent"/"%", or a share word.
double percentage_at(Sentence& s, std::size_t i) {
  double value = -1.0;
  if (s.raw[i].kind == TokenKind::number) {
    if (percent_sign(s, i + 1)) value = parse_number(s.surface(i));
  } else if (s.is_word(i) && s.domain_of(i) >= 0) {
    const CompiledEntry& e = s.index.entry(s.domain_of(i));
    if (e.kind == EntryKind::number && (e.percent || percent_sign(s, i + 1))) value = e.weight;
  }
  if (value < 0.0 || i == 0) return value;
  // "auf 2,1 Prozent" names a level, not a movement; so does the end of a level range, "auf 3,75 bis 4,00
  // Prozent" (a number, one of range_words, then the percentage).
  const auto level_word = [&s](std::size_t j) { return s.is_word(j) && s.lang.level_words.contains(s.key(j)); };
  if (level_word(i - 1)) return -1.0;
  if (i >= 3 && s.is_word(i - 1) && s.lang.range_words.contains(s.key(i - 1)) &&
      s.raw[i - 2].kind == TokenKind::number && level_word(i - 3)) {
    return -1.0;
  }
  return value;
}

// The number token i states: digits ("48", "14,10") or a numeral word from two up ("zwölf"; "ein" is the
// article more often than the numeral: "auf ein Rekordhoch"); -1 otherwise.
double number_at(Sentence& s, std::size_t i) {
  if (i >= s.n_tokens) return -1.0;
  if (s.raw[i].kind == TokenKind::number) return parse_number(s.surface(i));
  if (!s.is_word(i) || s.domain_of(i) < 0) return -1.0;
  const CompiledEntry& e = s.index.entry(s.domain_of(i));
  return e.kind == EntryKind::number && !e.percent && e.weight >= 2.0 ? e.weight : -1.0;
}

// The magnitude word right after a number ("Milliarden"), or an empty key.
std::string_view magnitude_after(const Sentence& s, std::size_t i) {
  return i < s.n_tokens && s.is_word(i) && s.lang.magnitude_words.contains(s.key(i)) ? s.key(i) : std::string_view{};
}

// Tokens a from-word may stand before the level-word of the same movement ("von 48 Euro zum Handelsschluss
// auf 31 Euro").
constexpr std::size_t kLevelsReach = 8;

// Two numbers of a movement: the one after an opening word at token i ("von 48", "um 4,46") and the one after
// the first level word ("auf 31") within kLevelsReach tokens of its clause, each with its magnitude word
// ("Milliarden") or none. Nothing when token i is no such word, a number is missing or is a percentage
// (a rate's level, "auf 2,1 Prozent"), or the first is 0. Inlined: it runs twice for every token of a price
// cue's clause, and as a call it cost 0.9% of all instructions.
struct NumberPair {
  double first = 0.0, second = 0.0;
  std::string_view first_magnitude, second_magnitude;
};
[[gnu::always_inline]] inline std::optional<NumberPair> number_pair(Sentence& s, std::size_t i,
                                                                   const WordList& opening_words) {
  if (!s.is_word(i) || !opening_words.contains(s.key(i))) return std::nullopt;
  NumberPair p;
  p.first = number_at(s, i + 1);
  if (p.first <= 0.0 || percent_sign(s, i + 2)) return std::nullopt;
  p.first_magnitude = magnitude_after(s, i + 2);
  for (std::size_t j = i + 2; j < s.n_tokens && j <= i + 1 + kLevelsReach && s.same_clause(i, j); ++j) {
    if (!s.is_word(j) || !s.lang.level_words.contains(s.key(j))) continue;
    p.second = number_at(s, j + 1);
    if (p.second < 0.0 || percent_sign(s, j + 2)) return std::nullopt;
    p.second_magnitude = magnitude_after(s, j + 2);
    return p;
  }
  return std::nullopt;
}

// "fiel von 48 auf 31 Euro", "stieg von 18 auf 55 Dollar": a movement told as two levels, from the from-word
// at token i: |second - first| / first in percent, or -1 when token i starts no such pair. One magnitude word
// stands for both ("von 4,2 auf 1,1 Milliarden"); two different ones ("von 900 Millionen auf 1,2 Milliarden")
// would need the scale, and are not read.
double levels_movement(Sentence& s, std::size_t i) {
  const std::optional<NumberPair> p = number_pair(s, i, s.lang.from_words);
  if (!p || (!p->first_magnitude.empty() && !p->second_magnitude.empty() && p->first_magnitude != p->second_magnitude)) {
    return -1.0;
  }
  return std::abs(p->second - p->first) / p->first * 100.0;
}

// "fiel um 4,46 Dollar auf 75,62 Dollar", "verlor um 760 Punkte auf 14.952 Zähler": a movement told as an amount
// and the level it led to, from the by-word at token i: amount / (amount + level) in percent, the size of a fall
// (as a rise it would be larger; the cue says which it is), or -1 when token i starts no such pair. Both numbers
// take the same magnitude word or none: "um 20.000 auf 2,9 Millionen" is not read.
double amount_movement(Sentence& s, std::size_t i) {
  const std::optional<NumberPair> p = number_pair(s, i, s.lang.by_words);
  if (!p || p->first_magnitude != p->second_magnitude) return -1.0;
  return p->first / (p->first + p->second) * 100.0;
}

// A domain word of kind @p kind: the word itself, or a noun compound whose head is one ("Konzern|ergebnis" a
// figure, "Chip|aktie" a market word).
bool domain_word(Sentence& s, std::size_t i, EntryKind kind) {
  if (!s.is_word(i)) return false;
  const std::int32_t domain = s.domain_of(i);
  if (domain >= 0) {
    // A domain noun counts capitalized, as in the scope rule: the verb "zählen" is no "Zahl".
    const CompiledEntry& e = s.index.entry(domain);
    return e.kind == kind && (!e.noun || s.noun_place(i));
  }
  if (!s.toks[i].capital) return false;
  const std::int32_t head = s.index.domain_compound(s.key(i)).first;
  return head >= 0 && s.index.entry(head).kind == kind;
}

// A business figure ("Umsatz", "Nettogewinn").
bool figure(Sentence& s, std::size_t i) { return domain_word(s, i, EntryKind::figure); }

// A cue word that names the price itself: a compound whose modifier is a market word ("Kurs|rückgang",
// "Aktien|absturz"). Its fall is the price's, whatever business figure the clause also names ("Nach dem
// Ergebnis kam es zu einem Kursrückgang von sechs Prozent").
bool names_price(Sentence& s, std::size_t i) {
  if (!s.is_word(i) || !s.toks[i].capital) return false;
  const std::int32_t modifier = s.index.domain_compound(s.key(i)).second;
  return modifier >= 0 && s.index.entry(modifier).kind == EntryKind::market;
}

// "trotz starker Zahlen", "nach dem schwachen Quartalsergebnis", "trotz besser als erwarteter
// Quartalszahlen", "nach Bekanntgabe der Ergebnisse": a figure in the noun phrase right after a
// circumstance preposition (language profile), at most kCircumstanceReach words after it, is why or when a
// price moved, not the thing that fell. A noun whose phrase ends before the figure ("nach Angaben des
// Unternehmens sackte der Umsatz": no profile `noun_phrase_attributes` word after "Unternehmens") ends the
// search.
constexpr std::size_t kCircumstanceReach = 6;
bool circumstance(const Sentence& s, std::size_t i, std::size_t first) {
  for (std::size_t j = i; j > first && i - j < kCircumstanceReach; --j) {
    if (!s.is_word(j - 1)) continue;
    if (s.lang.circumstance_words.contains(s.key(j - 1))) return true;
    const bool phrase_goes_on = s.is_word(j) && s.lang.noun_phrase_attributes.contains(s.key(j));
    if (s.toks[j - 1].capital && j - 1 > first && !phrase_goes_on) return false;
  }
  return false;
}

// The first token of the clause of token `at` and one past its last. A relative clause may interrupt a clause
// ("So fiel der Dax, der im Oktober noch gestiegen war, um 4 Prozent"): the interrupted clause's tokens after
// it carry its id again, so a clause's tokens need not be contiguous, and scans skip the other clauses' tokens.
struct ClauseExtent {
  std::size_t first, end;
};
ClauseExtent clause_extent(const Sentence& s, std::size_t at) {
  const std::uint32_t clause = s.toks[at].clause;
  ClauseExtent x{at, at + 1};
  for (std::size_t j = 0; j < at; ++j) {
    if (s.toks[j].clause == clause) {
      x.first = j;
      break;
    }
  }
  for (std::size_t j = s.n_tokens; j > at + 1; --j) {
    if (s.toks[j - 1].clause == clause) {
      x.end = j;
      break;
    }
  }
  return x;
}

// "Die schwachen Bestellzahlen ließen den Kurs um ein Sechstel absacken", "Der verfehlte Auftragseingang schickte
// die Aktie auf Talfahrt": a figure followed in its clause by a causative verb (language profile) and, at most
// kCausedReach of the clause's words after that, a market word made the market word move; it is the cause,
// not what moved. A relative clause between them is skipped ("Die Zahlen, die am Morgen kamen, schickten die
// Aktie auf Talfahrt").
constexpr std::size_t kCausedReach = 4;
bool causes_move(Sentence& s, std::size_t i) {
  const std::uint32_t clause = s.toks[i].clause;
  const std::size_t end = clause_extent(s, i).end;
  for (std::size_t j = i + 1; j < end; ++j) {
    if (s.toks[j].clause != clause || !s.is_word(j) || !s.lang.causative_words.contains(s.key(j))) continue;
    std::size_t seen = 0;
    for (std::size_t k = j + 1; k < end && seen < kCausedReach; ++k) {
      if (s.toks[k].clause != clause) continue;
      ++seen;
      if (domain_word(s, k, EntryKind::market)) return true;
    }
    return false;
  }
  return false;
}

// A parenthesis right after the clause gives the movement's size when it closes within this many tokens:
// "(-12,4 Prozent)", "(minus 3,1 %)", "(ein Fünftel)".
constexpr std::size_t kParenthesisReach = 5;

// The largest movement in the clause of token `at` (or in a parenthesis right after it), or -1 when the
// clause names a business figure (not as a circumstance) and `figures_count`.
double clause_movement(Sentence& s, std::size_t at, bool figures_count) {
  const std::uint32_t clause = s.toks[at].clause;
  const auto [first, i] = clause_extent(s, at);
  double largest = 0.0;
  for (std::size_t j = first; j < i; ++j) {
    if (s.toks[j].clause != clause) continue;
    if (figures_count && figure(s, j) && !circumstance(s, j, first) && !causes_move(s, j)) return -1.0;
    largest = std::max({largest, percentage_at(s, j), levels_movement(s, j), amount_movement(s, j)});
  }
  // "verlor 4451 Punkte (-12,4 Prozent)": a parenthesis right after the clause gives the movement's size.
  // (The opening bracket ends the clause: it is its last token or the next one.)
  const std::size_t open = i > first && s.surface(i - 1) == "(" ? i - 1 : i;
  if (open < s.n_tokens && s.surface(open) == "(") {
    // Only a short parenthesis, a figure and little else: "(zuvor lag sie 14 Prozent im Plus)" is a remark.
    std::size_t close = open + 1;
    while (close < s.n_tokens && close <= open + kParenthesisReach && s.surface(close) != ")") ++close;
    if (close < s.n_tokens && s.surface(close) == ")") {
      for (std::size_t j = open + 1; j < close; ++j) largest = std::max(largest, percentage_at(s, j));
    }
  }
  return largest;
}

// "gab deutlich nach", "brach massiv ein", "Der Yen gab nach der Wahl deutlich nach": a booster (not a
// dampener) in the cue's clause, up to kSharpWindow words before or after it or between the words of a
// separated cue, states a sharp movement without a number. Not a booster: a word of a cue phrase ("auf den
// tiefsten Stand gefallen": "tiefsten" belongs to the level "tiefste Stand"), or a capitalized one inside
// the sentence, which is a noun ("auf ein Tief gefallen").
constexpr std::size_t kSharpWindow = 6;

// Whether token j is one of the matched words of a cue phrase among the candidates. (This runs before the
// modifier stage marks the covered tokens that Sentence::word_of_phrase reads.)
bool phrase_word(Sentence& s, std::size_t j) {
  for (const Candidate& c : s.cands) {
    if (c.first > j) break;
    if (s.phrase_word_of(c, j)) return true;
  }
  return false;
}

bool sharp(Sentence& s, const Candidate& c) {
  const std::size_t from = c.first > kSharpWindow ? c.first - kSharpWindow : 0;
  for (std::size_t j = from; j <= c.last + kSharpWindow && j < s.n_tokens; ++j) {
    if (j == c.first || j == c.last) continue;
    const std::int32_t b = s.toks[j].roles.booster;
    if (b < 0 || (s.toks[j].capital && j != 0 && !s.caseless()) || phrase_word(s, j)) continue;
    if (b >= 0 && s.same_clause(j, c.first) && s.index.entry(b).kind == EntryKind::booster) return true;
  }
  return false;
}

// The number written before the hyphen of word i ("48-Fache" -> 48, "2,5-fachen" -> 2.5), or -1.
double number_prefix(const Sentence& s, std::size_t i) {
  if (i >= s.n_tokens || !s.is_word(i) || !s.raw[i].hyphenated) return -1.0;
  const std::string_view w = s.surface(i);
  const std::size_t digits = number_prefix_length(w);
  return digits == 0 ? -1.0 : parse_number(w.substr(0, digits));
}

// A ratio's number is written on the cue's word or a word right before it ("das 48-Fache", "ein 90-faches
// KGV"), or is the first number after it in its clause, at most this many tokens on ("ein KGV von knapp 119",
// "Kurs-Gewinn-Verhältnis (KGV) von über 40", "Die Kurs-Umsatz-Verhältnisse mancher KI-Softwarewerte liegen
// inzwischen bei über 60").
constexpr std::size_t kRatioReach = 8;

// The number of the ratio cue `c`, or -1 when it has none (a percentage is a movement, not a ratio).
double ratio_number(Sentence& s, const Candidate& c) {
  if (const double on = number_prefix(s, c.first); on >= 0.0) return on;
  for (std::size_t back = 1; back <= 2 && back <= c.first; ++back) {
    const std::size_t j = c.first - back;
    if (!s.same_clause(j, c.first)) break;
    if (const double before = number_prefix(s, j); before >= 0.0) return before;
  }
  for (std::size_t j = c.last + 1; j < s.n_tokens && j <= c.last + kRatioReach && s.same_clause(j, c.last); ++j) {
    const double value = number_at(s, j);
    if (value < 0.0) continue;
    return percent_sign(s, j + 1) ? -1.0 : value;
  }
  return -1.0;
}

// Whether a stock index (the profile's index_words) is named in the clause of token `at`: its fall threshold is
// the index_movement_factor share of a single share's.
bool clause_names_index(const Sentence& s, std::size_t at) {
  const std::uint32_t clause = s.toks[at].clause;
  const auto [first, end] = clause_extent(s, at);
  for (std::size_t j = first; j < end; ++j) {
    if (s.toks[j].clause == clause && s.is_word(j) && s.lang.index_words.contains(s.key(j))) return true;
  }
  return false;
}

}  // namespace

void keep_price_movements(Sentence& s) {
  if (!s.index.has_price_movements()) return;
  bool any = false;
  for (const Candidate& c : s.cands) {
    const CompiledEntry& e = s.index.entry(c.entry);
    any |= e.min_percent > 0.0 || e.price || e.min_ratio > 0.0;
  }
  if (!any) return;
  // Switched off, the rule lets no conditional cue count (it is what makes them count), and a price cue
  // counts whatever its clause names.
  const bool off = (s.rules_off & kRulePriceMovement) != 0;
  s.ensure_clauses();
  // Candidates come in sentence order: several conditional cues of one clause ("brach ein ... Verluste")
  // scan it once.
  struct {
    std::uint32_t clause = 0;
    bool figures_count = false, known = false;
    double movement = 0.0;
  } last;
  const auto movement_of = [&](std::size_t at, bool figures_count) {
    if (!last.known || last.clause != s.toks[at].clause || last.figures_count != figures_count) {
      last = {s.toks[at].clause, figures_count, true, clause_movement(s, at, figures_count)};
    }
    return last.movement;
  };
  std::erase_if(s.cands, [&](const Candidate& c) {
    const CompiledEntry& e = s.index.entry(c.entry);
    if (e.min_ratio > 0.0) return off || ratio_number(s, c) < e.min_ratio;  // "KGV von 119", "48-Fache"
    double needed = e.min_percent;
    if (needed <= 0.0 && !e.price) return false;
    if (off) return needed > 0.0;
    const double movement = movement_of(c.first, !names_price(s, c.first));
    if (movement < 0.0) return true;  // a business figure's change
    if (needed <= 0.0) return false;  // a price cue: any size
    // "Der Dax verlor 1,8 Prozent": an index's threshold is lower; its clause is searched for one only when the
    // stated size lies between the two thresholds.
    if (movement < needed && movement >= needed * s.lang.index_movement_factor && movement > 0.0 &&
        clause_names_index(s, c.first)) {
      needed *= s.lang.index_movement_factor;
    }
    // A stated size decides; a booster speaks for a fall only when the clause gives no number ("am großen
    // Verfallstag um 0,5 Prozent nachgegeben" is a small move).
    return movement < needed && (movement > 0.0 || !sharp(s, c));
  });
}

}  // namespace stimmung::detail
