// Side clauses: a cue in a subordinate clause (causal, concessive, relative) is marked, and hedging there
// does not hedge the main claim ("..., weil die Kosten vermutlich steigen").
// Decides: kSideClause on every cue whose first token is in a side clause, and the hedging factor 0.8 for
// hedging cues (not certainty markers) there.
// Does not decide: which clauses are side clauses (clauses.cpp; "dass"/"ob" clauses are not).
// The tone and the factor are the language profile's side_clause_tone and side_clause_factor.
#include "rules/rules.hpp"

namespace stimmung::detail {

void apply_side_clause(Sentence& s) {
  for (Candidate& c : s.cands) {
    if (!s.toks[c.first].side) continue;
    c.modifiers |= kSideClause;
    if (c.tone == s.index.side_clause_tone() && !c.certainty) c.factor *= s.lang.side_clause_factor;
  }
}

}  // namespace stimmung::detail
