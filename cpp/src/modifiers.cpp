// The cue-modifier stage: runs the rule families of rules/rules.hpp over a sentence's candidates, in order,
// and the sentence-level rules over every sentence.
// Decides: the order of the families, and what they share: which tokens a cue phrase or a multi-word
// negator covers (so that "nicht" in "nicht auszuschließen" negates nothing).
// Does not decide: what any family does (each has its own file in rules/).
#include <algorithm>

#include "rules/rules.hpp"
#include "stimmung/scorer.hpp"
#include "sentence.hpp"

namespace stimmung::detail {
namespace {

// Which tokens a cue phrase or a multi-word negator covers, marked once (a scan of all cues per token is
// quadratic on long sentences), and only in sentences that have such phrases.
void mark_phrases(Sentence& s) {
  s.max_span = 0;
  bool any_phrase = false;
  for (const Candidate& c : s.cands) {
    s.max_span = std::max<std::size_t>(s.max_span, c.last - c.first);
    any_phrase |= c.match == MatchType::phrase;
  }
  s.covered.assign(any_phrase ? s.n_tokens : 0, false);
  for (const Candidate& c : s.cands) {
    if (c.match == MatchType::phrase) std::fill(s.covered.begin() + c.first, s.covered.begin() + c.last + 1, true);
  }
  s.in_phrase_negator.assign(s.phrase_negators.empty() ? 0 : s.n_tokens, false);
  for (const Candidate& c : s.phrase_negators) {
    std::fill(s.in_phrase_negator.begin() + c.first, s.in_phrase_negator.begin() + c.last + 1, true);
  }
}

}  // namespace

void apply_modifiers(Sentence& s) {
  mark_phrases(s);
  const auto on = [&](RuleFamily family) { return (s.rules_off & family) == 0; };
  if (on(kRuleNegation)) apply_negation(s);
  if (on(kRuleIntensity)) apply_intensity(s);
  if (on(kRuleContrast)) apply_contrast(s);
  if (on(kRuleSideClause)) apply_side_clause(s);
  if (on(kRuleReportedSpeech)) apply_reported_speech(s);
  if (on(kRuleMarketScope)) apply_market_scope(s);
  // New cue-modifier families go here, after the ones above (see rules/rules.hpp), with a RuleFamily bit.
}

void apply_sentence_rules(Sentence& s) {
  s.sentence_cue.reset();
  if ((s.rules_off & kRuleQuestion) == 0) apply_question(s);
}

}  // namespace stimmung::detail
