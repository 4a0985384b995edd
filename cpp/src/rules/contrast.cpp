// Contrast: a cue after a contrast word ("doch", "aber", "allerdings") counts with that word's weight.
// Decides: the contrast word is the nearest one before the cue anywhere in the sentence, else the nearest
// one at or after the cue's end in its own clause ("die Furcht bleibt allerdings").
// Does not decide: the factor (the contrast entry's weight) or whether a contrast word opens a clause
// (clauses.cpp).
#include <algorithm>

#include "rules/rules.hpp"

namespace stimmung::detail {

void apply_contrast(Sentence& s) {
  const std::size_t n = s.n_tokens;
  if (std::none_of(s.toks.begin(), s.toks.end(), [](const TokenInfo& t) { return t.roles.contrast >= 0; })) return;
  // The nearest contrast token before each token, and at or after it; -1 when there is none.
  auto& before = s.contrast_before;
  auto& after = s.contrast_after;
  before.assign(n, -1);
  for (std::size_t t = 1; t < n; ++t) {
    before[t] = s.toks[t - 1].roles.contrast >= 0 ? static_cast<std::int64_t>(t - 1) : before[t - 1];
  }
  after.assign(n, -1);
  for (std::size_t t = n; t-- > 0;) {
    after[t] = s.toks[t].roles.contrast >= 0 ? static_cast<std::int64_t>(t) : t + 1 < n ? after[t + 1] : -1;
  }
  for (Candidate& c : s.cands) {
    std::int64_t contrast = before[c.first];
    if (contrast < 0) {
      const std::int64_t later = after[c.last];
      if (later >= 0 && s.same_clause(c.last, static_cast<std::size_t>(later))) contrast = later;
    }
    if (contrast >= 0) {
      c.factor *= s.index.entry(s.toks[static_cast<std::size_t>(contrast)].roles.contrast).weight;
      c.modifiers |= kContrast;
    }
  }
}

}  // namespace stimmung::detail
