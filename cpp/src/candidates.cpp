// Candidate matching: which lexicon entries a sentence contains, from its tokens' hits.
// Decides: a single word is a candidate unless it is a separable verb whose particle does not follow in
// the clause, or a Konjunktiv I form read as first person or imperative; a multi-word expression is one
// when all its words stand in one clause (an ordered one's clause word may open the next: "als ob ..."),
// in order within its gap or, if free_order, within its window;
// an expression consumes same-tone single words inside it; one candidate per token range and tone.
// Does not decide: what the hits are (match_words.cpp) or how a candidate's weight is modified (rules/).
// The particle's reach, the words a preposition governs and the first-person words ("ich") are the
// language profile's (particle_reach, particle_governed, first_person).
//
// Design notes: an expression is looked for only from its anchor, its rarest word ("Schwebe" in "in der
// Schwebe"), so a sentence full of "in" and "der" costs nothing, and only when the sentence has all its
// words (WordBits, one test, then the finer WordCodes); clauses are segmented only here, once a candidate
// needs them.
#include <array>
#include <algorithm>
#include <span>
#include <tuple>
#include <utility>

#include "sentence.hpp"

namespace stimmung::detail {
namespace {

// A separable verb's particle closes its clause ("Die Kurse brechen am Nachmittag ein"), though a
// prepositional phrase may follow it ("schoss zurück bei Musk"). A particle word that governs what follows
// is a preposition instead: "nach oben", "nach der Eröffnung", "nach Börsenschluss", "um 5 Prozent", and an
// article-like one before an attribute and its noun is the article ("fiel auf ein neues Rekordtief").
bool particle_position(const Sentence& s, std::size_t j) {
  if (j + 1 >= s.n_tokens || !s.same_clause(j, j + 1)) return true;
  if (s.raw[j + 1].kind == TokenKind::number) return false;
  // "auf ein 14-Monats-Tief": a word that starts with a digit is a noun the particle-like word governs.
  if (const std::string_view next = s.surface(j + 1); !next.empty() && next[0] >= '0' && next[0] <= '9') return false;
  if (!s.is_word(j + 1)) return true;
  if (s.toks[j + 1].capital) return false;  // a noun it governs
  // "fiel auf ein neues Rekordtief": an article-like word before an attribute and its noun is the article.
  if (s.lang.determiners.contains(s.key(j)) && j + 2 < s.n_tokens && s.same_clause(j, j + 2) && s.is_word(j + 2) &&
      s.toks[j + 2].capital) {
    return false;
  }
  // "gab nach wie vor nach": a governed phrase ("wie_vor") makes the word a preposition; a lone "wie" after
  // a particle starts a comparison ("brach so stark ein wie seit Jahren nicht").
  return !s.lang.particle_governed.contains(s.key(j + 1)) && !phrase_listed_at(s, j + 1, s.lang.governed_phrases);
}

// A first-person word ("ich") right before or after token i.
bool next_to_first_person(const Sentence& s, std::size_t i) {
  const WordList& first_person = s.lang.first_person;
  return (i > 0 && first_person.contains(s.key(i - 1))) || (i + 1 < s.n_tokens && first_person.contains(s.key(i + 1)));
}

// Token i stands between a determiner and a capitalized word: an attribute ("die achte Zinserhöhung",
// "eine nähere Prüfung"), not a finite verb, whose form a Konjunktiv I entry may share.
bool attributive(const Sentence& s, std::size_t i) {
  return i > 0 && i + 1 < s.n_tokens && s.is_word(i - 1) && s.lang.determiners.contains(s.key(i - 1)) &&
         s.is_word(i + 1) && s.toks[i + 1].capital;
}

// No word or number comes before token i (punctuation such as an opening quote may).
bool first_word(const Sentence& s, std::size_t i) {
  for (std::size_t j = 0; j < i; ++j) {
    if (s.raw[j].kind != TokenKind::punct) return false;
  }
  return true;
}

// The particle of entry c closes the clause of token i within particle_reach tokens (clauses known). A
// relative clause may stand between the verb and its particle ("So brach der Dax, der im Oktober noch ein
// Rekordhoch erreicht hatte, um 4 Prozent ein"): its tokens are skipped and not counted, since a clause's id
// comes back only where the clause it interrupted goes on.
bool particle_closes(const Sentence& s, const CompiledEntry& c, std::size_t i) {
  std::size_t reach = 0;
  for (std::size_t j = i + 1; j < s.n_tokens && reach < s.lang.particle_reach; ++j) {
    if (!s.same_clause(i, j)) continue;
    ++reach;
    if (s.is_word(j) && s.key(j) == c.particle && particle_position(s, j)) return true;
  }
  return false;
}

// A hit stands for its word of an expression unless it is a separable verb's base form ("bauen" of
// "Positionen abbauen") whose particle does not close the clause ("bauten Positionen auf").
bool hit_stands(const Sentence& s, const WordHit& h, std::size_t j) {
  return !h.needs_particle || particle_closes(s, s.index.entry(h.entry), j);
}

// Word `position` of expression `entry`, with its WordBits bit.
struct ExpressionWord {
  std::uint32_t entry = 0;
  std::uint8_t position = 0;
  std::int16_t bit = -1;  ///< -1: not known (beyond CompiledEntry::kPositionBits words), no filter

  ExpressionWord(const CompiledEntry& c, std::uint32_t e, std::uint8_t p) noexcept
      : entry(e), position(p), bit(p < CompiledEntry::kPositionBits ? c.word_bits[p] : std::int16_t{-1}) {}
};

// Whether token j carries word w of an expression. Every hit of an expression word comes from a word form
// of the index that carries the word's bit, so a token without such a form, or whose form lacks the bit,
// is passed over in one test (most tokens of a gap). A word such as "ein" or "nicht" belongs to hundreds of
// expressions, so its hits are searched, not scanned: a word form's own hits are sorted by entry and
// position (lexicon_index.cpp); hits built per sentence (filtered nouns) are few and scanned.
bool has_hit(const Sentence& s, std::size_t j, const ExpressionWord& w) {
  const WordForm* form = s.toks[j].word;
  if (form == nullptr || (w.bit >= 0 && !form->expression_words.has_bit(static_cast<std::uint8_t>(w.bit)))) return false;
  const std::uint32_t entry = w.entry;
  const std::uint8_t position = w.position;
  const std::span<const WordHit> hits = s.hits(j);
  if (s.toks[j].lexicon_hits != nullptr && hits.size() > 8) {
    auto it = std::lower_bound(hits.begin(), hits.end(), std::pair{entry, position},
                               [](const WordHit& h, const std::pair<std::uint32_t, std::uint8_t>& key) {
                                 return std::pair{h.entry, h.position} < key;
                               });
    for (; it != hits.end() && it->entry == entry && it->position == position; ++it) {
      if (hit_stands(s, *it, j)) return true;
    }
    return false;
  }
  for (const WordHit& h : hits) {
    if (h.entry == entry && h.position == position && hit_stands(s, h, j)) return true;
  }
  return false;
}

// A quotation mark inside a clause: it takes no room in an expression's gap ("die von „Bloomberg“
// befragten Analysten" is "Bloomberg befragten" with gap 0).
bool quote_in_gap(const Sentence& s, std::size_t j) {
  return s.raw[j].kind == TokenKind::punct && quote_mark(s.surface(j));
}

// Token j is a clause word (lexicon kind `clause`), a complementizer or a comparison particle (language
// profile) that opens its clause: the word before it, past at most one punctuation mark, belongs to another
// clause ("möglich, dass", "kaufen, weil", "als ob", "lange, bevor", "schneller gebaut, als").
bool opens_clause(const Sentence& s, std::size_t j) {
  if (j == 0 || j >= s.n_tokens || !s.is_word(j)) return false;
  const std::string_view k = s.key(j);
  if (!s.toks[j].roles.clause && !s.lang.complementizers.contains(k) && !s.lang.comparison_particles.contains(k)) {
    return false;
  }
  const std::size_t before = s.raw[j - 1].kind == TokenKind::punct && j > 1 ? j - 2 : j - 1;
  return s.toks[before].clause != s.toks[j].clause;
}

// The word before a clause opened at token j, past at most one punctuation mark: where an expression whose
// word opens that clause goes on backwards ("lange, bevor sie sich rentieren": "lange").
std::size_t before_clause(const Sentence& s, std::size_t j) {
  return s.raw[j - 1].kind == TokenKind::punct && j > 1 ? j - 1 : j;
}

// Finds a token in [from, to] of clause `clause` carrying a hit for (entry, position), quotation marks not
// counted. A word of the expression that opens the next clause (opens_clause: "möglich, dass", "kaufen, weil
// die Kurse steigen", "als ob es kein Morgen gäbe") may stand there; the words after it are looked for in
// that clause.
std::int64_t find_word(const Sentence& s, const ExpressionWord& w, std::size_t from, std::size_t to,
                       std::uint32_t clause) {
  for (std::size_t j = from; j <= to && j < s.n_tokens; ++j) {
    if (quote_in_gap(s, j) && s.toks[j].clause == clause) {
      ++to;
      continue;
    }
    if (s.toks[j].clause != clause) {
      // The clause word right at the boundary, or right after the punctuation mark that ends the clause.
      const std::size_t opener = s.raw[j].kind == TokenKind::punct ? j + 1 : j;
      if (opener <= to + 1 && opens_clause(s, opener) && has_hit(s, opener, w)) return static_cast<std::int64_t>(opener);
      break;
    }
    if (has_hit(s, j, w)) return static_cast<std::int64_t>(j);
  }
  return -1;
}

// Finds the nearest token before `at`, at most `gap` + 1 tokens before it (quotation marks not counted),
// of clause `clause`, carrying a hit for (entry, position).
std::int64_t find_word_before(const Sentence& s, const ExpressionWord& w, std::size_t at, std::size_t gap,
                              std::uint32_t clause) {
  std::size_t quotes = 0;
  for (std::size_t j = at; j-- > 0 && at - j <= gap + 1 + quotes;) {
    if (s.toks[j].clause != clause) break;
    if (quote_in_gap(s, j)) {
      ++quotes;
      continue;
    }
    if (has_hit(s, j, w)) return static_cast<std::int64_t>(j);
  }
  return -1;
}

// A single-word entry at token i: whether it stands as a candidate.
bool single_word_stands(Sentence& s, const CompiledEntry& c, const WordHit& h, std::size_t i) {
  if (h.needs_particle && !particle_follows(s, c, i)) return false;
  // A Konjunktiv I form that is also the 1st person indicative ("habe", "gebe") is no reported speech
  // next to "ich", and none as the sentence's first word: verb-first is the imperative ("Unterstütze
  // unsere Arbeit"), while reported speech puts the verb after its subject. Capitalized inside a sentence
  // it is the noun of the same letters ("die Sorge", "als Folge"), not the verb ("sorge", "folge").
  if (c.kon1 && (next_to_first_person(s, i) || first_word(s, i) || (s.toks[i].capital && !s.caseless()) ||
                 attributive(s, i))) {
    return false;
  }
  return true;
}

// The tokens an expression's words stand on, as Candidate::words relative to its first token.
class ExpressionWords {
 public:
  void add(std::size_t token) noexcept {
    if (n_ < at_.size()) at_[n_] = token;
    ++n_;
  }
  [[nodiscard]] std::uint64_t mask(std::size_t lo, std::size_t hi) const noexcept {
    if (n_ > at_.size() || hi - lo >= 64) return ~std::uint64_t{0};
    std::uint64_t m = 0;
    for (std::size_t k = 0; k < n_; ++k) m |= std::uint64_t{1} << (at_[k] - lo);
    return m;
  }

 private:
  std::array<std::size_t, 16> at_{};
  std::size_t n_ = 0;
};

// Whether the sentence has the codes of expression c's words (WordCodes): most expressions that pass the
// coarser WordBits test fail this one, before clauses are segmented for them.
bool has_word_codes(const Sentence& s, const CompiledEntry& c) {
  const std::size_t n = std::min<std::size_t>(c.n_words, CompiledEntry::kPositionBits);
  for (std::size_t p = 0; p < n; ++p) {
    if (!s.expression_codes.has(c.word_codes[p])) return false;
  }
  return true;
}

// The particle of entry c follows token i within twice particle_reach tokens, clauses not consulted: a scan
// of the keys that spares most separable verbs (whose particle is absent) segmenting the clauses. (Twice:
// a relative clause between the verb and its particle does not count towards the reach.)
bool particle_nearby(const Sentence& s, const CompiledEntry& c, std::size_t i) {
  for (std::size_t j = i + 1; j < s.n_tokens && j - i <= 2 * s.lang.particle_reach; ++j) {
    if (s.is_word(j) && s.key(j) == c.particle) return true;
  }
  return false;
}

// The token range [lo, hi] of the expression anchored at token i by hit h, and the tokens of its words;
// false when a word is missing.
bool match_expression(Sentence& s, const CompiledEntry& c, const WordHit& h, std::size_t i, std::size_t& lo,
                      std::size_t& hi, ExpressionWords& words) {
  if (!has_word_codes(s, c) || (h.needs_particle && !particle_follows(s, c, i))) return false;  // "bauten Positionen auf"
  s.ensure_clauses();
  const std::uint32_t clause = s.toks[i].clause;
  lo = i;
  hi = i;
  words.add(i);
  if (!c.free_order) {
    // Words before the anchor, nearest first, then the words after it; each within `gap` tokens, in the
    // anchor's clause or, past a word of the expression that opens a clause, in the clause on the other side.
    std::uint32_t back_clause = clause;
    std::size_t back_from = lo;
    if (c.anchor > 0 && opens_clause(s, i)) {  // the anchor itself opens its clause ("ob" of "als ob")
      back_from = before_clause(s, i);
      back_clause = s.toks[back_from - 1].clause;
    }
    for (std::uint8_t p = c.anchor; p-- > 0;) {
      const auto j = find_word_before(s, ExpressionWord(c, h.entry, p), back_from, c.gap, back_clause);
      if (j < 0) return false;
      lo = static_cast<std::size_t>(j);
      words.add(lo);
      back_from = lo;
      if (p > 0 && opens_clause(s, lo)) {
        back_from = before_clause(s, lo);
        back_clause = s.toks[back_from - 1].clause;
      }
    }
    std::uint32_t forward_clause = clause;
    for (std::uint8_t p = c.anchor + 1; p < c.n_words; ++p) {
      const auto j = find_word(s, ExpressionWord(c, h.entry, p), hi + 1, hi + 1 + c.gap, forward_clause);
      if (j < 0) return false;
      hi = static_cast<std::size_t>(j);
      words.add(hi);
      forward_clause = s.toks[hi].clause;
    }
    return true;
  }
  // Any order inside the clause, within the expression's window around the anchor; an anchor word
  // repeated within the window counts once.
  const std::size_t window = static_cast<std::size_t>(c.n_words) + c.gap * (c.n_words - 1U) + 2;
  bool earlier = false;
  const ExpressionWord anchor(c, h.entry, h.position);
  for (std::size_t j = i; j-- > 0 && i - j < window && s.same_clause(i, j);) {
    earlier |= has_hit(s, j, anchor);
  }
  if (earlier) return false;
  for (std::uint8_t p = 0; p < c.n_words; ++p) {
    if (p == h.position) continue;
    const ExpressionWord w(c, h.entry, p);
    std::int64_t j = find_word(s, w, i + 1, i + window, clause);
    if (j < 0) j = find_word_before(s, w, i, window - 1, clause);
    if (j < 0) return false;
    lo = std::min(lo, static_cast<std::size_t>(j));
    hi = std::max(hi, static_cast<std::size_t>(j));
    words.add(static_cast<std::size_t>(j));
  }
  return hi - lo + 1 <= window;
}

// The weight up to which an expression states a literal sense ("Blase platzen" in a kitchen: 0.01): it
// switches off the cues it contains rather than adding to them.
constexpr double kLiteralWeight = 0.05;

// Whether expression x, of fewer words than expression m, stands on words of m only: then m says what x says
// and more ("nur eine Richtung" inside "kannte nur eine Richtung nach unten").
bool within_words(const Candidate& x, const Candidate& m, std::size_t x_words, std::size_t m_words) noexcept {
  if (x_words >= m_words) return false;
  for (std::size_t t = x.first; t <= x.last; ++t) {
    if (x.on_word(t) && !m.on_word(t)) return false;
  }
  return true;
}

// An expression consumes its words: single-word cues of the same tone on them do not count again ("Blase
// platzt" and "platzt"), nor, when it states a literal sense (weight <= kLiteralWeight), do shorter
// expressions of the same tone all of whose words are its words; a cue in its gaps stands ("Anleger sollen
// in Panik verkauft haben": "Panik").
// Then one cue per token range and tone: the strongest.
void drop_overlaps(Sentence& s) {
  auto& cands = s.cands;
  // Only candidates starting inside m can be inside it.
  for (const Candidate& m : cands) {
    if (m.match != MatchType::phrase) continue;
    for (auto it = s.first_at_or_after(m.first); it != cands.end() && it->first <= m.last; ++it) {
      Candidate& x = *it;
      if (x.tone != m.tone || x.first < m.first || x.last > m.last) continue;
      if (x.match != MatchType::phrase) {
        if (m.on_word(x.first) || m.on_word(x.last)) x.dropped = true;
        continue;
      }
      if (&x != &m && s.index.entry(m.entry).weight <= kLiteralWeight &&
          within_words(x, m, s.index.entry(x.entry).n_words, s.index.entry(m.entry).n_words)) {
        x.dropped = true;
      }
    }
  }
  for (std::size_t a = 0; a < cands.size(); ++a) {
    for (std::size_t b = a + 1; b < cands.size() && cands[b].first == cands[a].first; ++b) {
      Candidate& x = cands[a];
      Candidate& y = cands[b];
      if (x.dropped || y.dropped || x.tone != y.tone || x.first != y.first || x.last != y.last) continue;
      // A separable verb whose particle closes the clause is what the finite verb means ("Das Plus fiel
      // geringer aus": "ausfallen", not "fallen"), whatever the weights; a Konjunktiv I cue on the same form
      // ("man schließe es nicht aus") reads its mood, not its meaning, and keeps the usual rule.
      const bool x_separable = x.match == MatchType::separable, y_separable = y.match == MatchType::separable;
      if (x_separable != y_separable && !s.index.entry(x.entry).kon1 && !s.index.entry(y.entry).kon1) {
        (x_separable ? y : x).dropped = true;
        continue;
      }
      (s.index.entry(x.entry).weight >= s.index.entry(y.entry).weight ? y : x).dropped = true;
    }
  }
  std::erase_if(cands, [](const Candidate& c) { return c.dropped; });
}

// The candidate a starting hit h of token i makes, if it stands (a single word) or matches (an expression).
void add_candidate(Sentence& s, const WordHit& h, std::size_t i) {
  const CompiledEntry& c = s.index.entry(h.entry);
  Candidate cand;
  cand.entry = h.entry;
  cand.tone = c.tone;
  cand.certainty = c.kind == EntryKind::certainty;
  cand.first = cand.last = static_cast<std::uint32_t>(i);
  cand.match = h.match;
  if (c.n_words == 1) {
    if (single_word_stands(s, c, h, i)) s.cands.push_back(cand);
    return;
  }
  std::size_t lo = 0, hi = 0;
  ExpressionWords words;
  if (!match_expression(s, c, h, i, lo, hi, words)) return;
  cand.first = static_cast<std::uint32_t>(lo);
  cand.last = static_cast<std::uint32_t>(hi);
  cand.words = words.mask(lo, hi);
  cand.match = MatchType::phrase;
  (c.kind == EntryKind::negator ? s.phrase_negators : s.cands).push_back(cand);
}

}  // namespace

// "Die Kurse brechen ... ein": the particle of entry c must follow token i in the same clause, at its end
// (before punctuation or a conjunction), within particle_reach (24) tokens ("brechen ... am Nachmittag
// deutlich ein"): the "nach" of "nach oben" or "nach der Eröffnung" is a preposition.
bool particle_follows(Sentence& s, const CompiledEntry& c, std::size_t i) {
  if (!particle_nearby(s, c, i)) return false;
  s.ensure_clauses();
  return particle_closes(s, c, i);
}

void find_candidates(Sentence& s) {
  for (std::size_t i = 0; i < s.n_tokens; ++i) {
    const TokenInfo& t = s.toks[i];
    if (!t.starts_cue) continue;
    if (t.lexicon_hits != nullptr) {
      // A word form's starting hits carry what their expressions need: one that the sentence lacks a
      // word of is passed over before its entry is read.
      for (const StartingHit& sh : t.form->starting) {
        if (s.expression_words.covers(sh.needs) && sh.codes_in(s.expression_codes)) add_candidate(s, sh.hit, i);
      }
      continue;
    }
    for (const WordHit& h : s.hits(i)) {  // built for this sentence: few, single words
      if (h.starts && s.expression_words.covers(s.index.expression_needs(h.entry))) add_candidate(s, h, i);
    }
  }
  // Ordered by `first` (an expression was pushed at its anchor, which may come after its first word).
  const auto by_first = [](const Candidate& a, const Candidate& b) { return a.first < b.first; };
  if (!std::is_sorted(s.cands.begin(), s.cands.end(), by_first)) std::stable_sort(s.cands.begin(), s.cands.end(), by_first);
  if (!std::is_sorted(s.phrase_negators.begin(), s.phrase_negators.end(), by_first)) {
    std::stable_sort(s.phrase_negators.begin(), s.phrase_negators.end(), by_first);
  }
}

void resolve_overlaps(Sentence& s) {
  drop_overlaps(s);
  std::sort(s.cands.begin(), s.cands.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.first, a.last, a.tone) < std::tie(b.first, b.last, b.tone);
  });
}

}  // namespace stimmung::detail
