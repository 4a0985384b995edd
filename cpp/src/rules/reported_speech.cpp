// Reported speech and attribution: the reportative "soll ... verloren haben" (a rumour, reported with
// distance) strengthens its cue.
// Decides: a reportative entry (the lexicon's `reportative` flag, "soll") followed in its clause, within
// 12 tokens, by a participle and "haben"/"sein" gets kReported and the factor 1.3.
// Does not decide: Konjunktiv I cues (lexicon entries; candidates.cpp filters first-person forms) or
// whether a "dass" clause counts as a main clause (clauses.cpp).
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

constexpr std::uint32_t kReportedReach = 12;  // "soll ... Milliarden verloren haben"
constexpr double kReportedFactor = 1.3;       // "soll ... verloren haben"

// "soll ... verloren haben": a participle followed by haben/sein later in the clause.
bool reported_perfect(const Sentence& s, std::size_t from) {
  for (std::size_t j = from + 2; j < s.n_tokens && j - from <= kReportedReach && s.same_clause(from, j); ++j) {
    const std::string_view k = s.key(j);
    if ((k == "haben" || k == "sein") && s.is_word(j - 1)) {
      const std::string_view p = s.key(j - 1);
      if (p.size() > 3 && (p.ends_with("t") || p.ends_with("en"))) return true;
    }
  }
  return false;
}

}  // namespace

void apply_reported_speech(Sentence& s) {
  for (Candidate& c : s.cands) {
    if (s.index.entry(c.entry).reportative && reported_perfect(s, c.last)) {
      c.factor *= kReportedFactor;
      c.modifiers |= kReported;
    }
  }
}

}  // namespace stimmung::detail
