// Negation: which cues a negator cancels.
// Decides: a negator negates the cues at the nearest position after it (within 4 tokens, same clause),
// else the content cues before it (within 6 tokens, same clause; hedging cues before a clause-final
// "nicht" stay, they are operators over the negation); "kein..." and "ohne" bind only forwards; a
// clause-scope negator ("keine Rede") negates every cue of its clause around it; "nicht nur" negates
// nothing, nor does "seit X nicht mehr" negate X; a negator in the gap of a cue or certainty phrase
// negates it ("soll nicht gesichert sein").
// Does not decide: what kNegated does to a weight (scoring.cpp) or which words are negators (the lexicon).
#include <algorithm>
#include <iterator>
#include <string_view>

#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

constexpr std::uint32_t kNegationReachAfter = 4;   // "keine (große) Blase", "kein Grund zur Panik"
constexpr std::uint32_t kNegationReachBefore = 6;  // "Diese Sorge teilen die Analysten nicht"
constexpr std::uint32_t kClauseNegationReach = 8;  // "Von einer Blase kann keine Rede sein"

// Whether a "seit" stands at most three words before token `first`, in its clause ("seit dem
// Dotcom-Crash", "seit der Meme-Aktien-Manie").
bool after_since(const Sentence& s, std::size_t first) {
  for (std::size_t j = first; j-- > 0 && first - j <= 3 && s.same_clause(j, first);) {
    if (s.is_word(j) && s.key(j) == "seit") return true;
  }
  return false;
}

// "kein" and "ohne" deny their noun phrase: the reach ends at its head noun ("ohne frisches Kapital noch
// durchhalten": not "durchhalten"), unless a prepositional or genitive attribute continues the phrase
// ("kein Grund zur Panik", "keine Spur von Nervosität").
std::uint32_t noun_phrase_reach(Sentence& s, std::size_t last) {
  static constexpr std::string_view kAttribute[] = {"zu",    "zur",   "zum", "fuer", "von", "vom",  "vor",   "des",
                                                    "der",   "eines", "einer", "an",  "am",  "auf", "ueber", "gegen"};
  for (std::size_t j = last + 1; j < s.n_tokens && j - last <= kNegationReachAfter; ++j) {
    if (!s.is_word(j) || !s.toks[j].capital) continue;
    if (const auto c = s.first_at_or_after(j); c != s.cands.end() && c->first == j) continue;  // a cue noun
    const bool attribute = j + 1 < s.n_tokens && s.is_word(j + 1) &&
                           std::find(std::begin(kAttribute), std::end(kAttribute), s.key(j + 1)) != std::end(kAttribute);
    if (!attribute) return static_cast<std::uint32_t>(j - last);
  }
  return kNegationReachAfter;
}

// Negation by the negator spanning tokens [t, last].
void negate_from(Sentence& s, std::size_t t, std::uint32_t entry, std::size_t last) {
  const CompiledEntry& neg = s.index.entry(entry);
  // "nicht nur ..." is not a negation.
  if (last + 1 < s.n_tokens && s.is_word(last + 1) && s.key(last + 1) == "nur") return;
  // cands is ordered by `first`, so by clause too: each search below looks only where a match can be.
  if (neg.clause_scope) {
    // Every cue of its clause, within a window: a clause can be a million tokens long.
    const std::size_t from = t > kClauseNegationReach + s.max_span ? t - kClauseNegationReach - s.max_span : 0;
    for (auto it = s.first_at_or_after(from); it != s.cands.end() && it->first <= last + kClauseNegationReach; ++it) {
      if (s.same_clause(t, it->first) && (it->last + kClauseNegationReach >= t)) it->modifiers |= kNegated;
    }
    return;
  }
  const std::int64_t at = s.next_cue(last, neg.negator_pre_only ? noun_phrase_reach(s, last) : kNegationReachAfter);
  if (at >= 0) {
    for (auto it = s.first_at_or_after(static_cast<std::size_t>(at));
         it != s.cands.end() && it->first == static_cast<std::size_t>(at); ++it) {
      it->modifiers |= kNegated;
    }
    return;
  }
  if (neg.negator_pre_only) return;
  // After the cues: a clause-final "nicht" negates what the clause says ("Diese Sorge teilen wir nicht").
  // Hedging cues before it are operators over the negation, not its content: "Man habe nie ... bestätigt",
  // "sollten die Pläne nicht aufgehen" stay hedged. Candidates starting more than reach + the longest
  // span before t cannot end within reach.
  // "nicht mehr" (one negator, or "nicht" before "mehr")
  const bool not_since = (s.is_word(last) && s.key(last) == "mehr") ||
                         (last + 1 < s.n_tokens && s.is_word(last + 1) && s.key(last + 1) == "mehr");
  for (auto it = std::make_reverse_iterator(s.first_at_or_after(t));
       it != s.cands.rend() && t - it->first <= kNegationReachBefore + s.max_span; ++it) {
    if (it->tone == s.index.hedging_tone() && !it->certainty) continue;
    // "wie seit der Dotcom-Blase nicht mehr": the cue names the time compared with, and the comparison
    // says it is back; "seit ... nicht mehr" negates nothing before it.
    if (not_since && after_since(s, it->first)) continue;
    if (it->last < t && t - it->last <= kNegationReachBefore && s.same_clause(t, it->last)) it->modifiers |= kNegated;
  }
}

// Whether token t is one of the words of expression `entry` ("nicht" in "nicht mehr nachvollziehbar").
bool own_word(const Sentence& s, std::size_t t, std::uint32_t entry) {
  for (const WordHit& h : s.hits(t)) {
    if (h.entry == entry) return true;
  }
  return false;
}

}  // namespace

void apply_negation(Sentence& s) {
  for (const Candidate& n : s.phrase_negators) negate_from(s, n.first, n.entry, n.last);
  for (std::size_t t = 0; t < s.n_tokens; ++t) {
    const TokenInfo& tok = s.toks[t];
    if (tok.roles.negator >= 0 && !s.word_of_phrase(t) && !s.inside_phrase_negator(t)) {
      negate_from(s, t, static_cast<std::uint32_t>(tok.roles.negator), t);
    }
  }
  // A negator in the gap of a cue or certainty phrase negates it ("Finanzierung soll nicht gesichert
  // sein", "Bewertungen sind nicht überzogen"), unless it is a word of the phrase itself or reads "nicht
  // nur". Hedging phrases keep their reading: the negation is their content ("ob ... nicht gelingt").
  for (Candidate& c : s.cands) {
    if (c.first == c.last || (!c.certainty && c.tone == s.index.hedging_tone())) continue;
    for (std::size_t t = c.first + 1; t < c.last; ++t) {
      if (s.toks[t].roles.negator < 0 || own_word(s, t, c.entry)) continue;
      if (t + 1 < s.n_tokens && s.is_word(t + 1) && s.key(t + 1) == "nur") continue;
      c.modifiers |= kNegated;
    }
  }
}

}  // namespace stimmung::detail
