// Questions: an open question ("Platzt die KI-Blase?") is hedged, as a cue of its own at the "?".
// Decides: a sentence whose trailing punctuation holds "?" (or the fullwidth "？") gets the SentenceCue
// "<question>" of weight 1 on the hedging tone, when the lexicon has hedging cues.
// Does not decide: cues inside the question (they count as usual) or how the cue is added to the score
// (scoring.cpp).
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

constexpr double kQuestionWeight = 1.0;  // an open question ("Platzt die KI-Blase?")

}  // namespace

void apply_question(Sentence& s) {
  if (!s.index.question_rule()) return;
  for (std::size_t t = s.n_tokens; t-- > 0;) {
    if (s.raw[t].kind != TokenKind::punct) break;
    if (s.surface(t) == "?" || s.surface(t) == "？") {
      s.sentence_cue = SentenceCue{static_cast<std::uint32_t>(t), s.index.hedging_tone(), kQuestionWeight,
                                   "<question>", kQuestion};
      return;
    }
  }
}

}  // namespace stimmung::detail
