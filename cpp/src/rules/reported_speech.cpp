// Reported speech and attribution: the reportative "soll ... verloren haben" (a rumour, reported with
// distance) strengthens its cue.
// Decides: a reportative entry (the lexicon's `reportative` flag, "soll") followed in its clause, within
// 12 tokens, by a participle and "haben"/"sein" gets kReported and the factor 1.3.
// Does not decide: Konjunktiv I cues (lexicon entries; candidates.cpp filters first-person forms) or
// whether a "dass" clause counts as a main clause (clauses.cpp).
// The reach, the factor, the auxiliaries and the participle test come from the language profile
// (reported_reach, reported_factor, perfect_auxiliaries, participle_min_length, participle_endings).
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

bool participle(const ProfileData& lang, std::string_view p) {
  if (p.size() < lang.participle_min_length) return false;
  for (const std::string& ending : lang.participle_endings) {
    if (p.ends_with(ending)) return true;
  }
  return false;
}

// "soll ... verloren haben": a participle followed by haben/sein later in the clause. Out of line: only
// reportative cues get here.
[[gnu::noinline]] bool reported_perfect(const Sentence& s, std::size_t from) {
  const std::uint32_t reach = s.lang.reported_reach;  // "soll ... Milliarden verloren haben"
  for (std::size_t j = from + 2; j < s.n_tokens && j - from <= reach && s.same_clause(from, j); ++j) {
    if (s.lang.perfect_auxiliaries.contains(s.key(j)) && s.is_word(j - 1) && participle(s.lang, s.key(j - 1))) {
      return true;
    }
  }
  return false;
}

}  // namespace

void apply_reported_speech(Sentence& s) {
  for (Candidate& c : s.cands) {
    if (s.index.entry(c.entry).reportative && reported_perfect(s, c.last)) {
      c.factor *= s.lang.reported_factor;
      c.modifiers |= kReported;
    }
  }
}

}  // namespace stimmung::detail
