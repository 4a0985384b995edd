// Questions: an open question ("Platzt die KI-Blase?") is hedged, as a cue of its own at the "?".
// Decides: a sentence whose trailing punctuation holds "?" (or the fullwidth "？") gets the SentenceCue
// "<question>" of weight 1 on the hedging tone, when the lexicon has hedging cues (the marks, the weight
// and the tone are the language profile's question_marks, question_weight and question_tone).
// Does not decide: cues inside the question (they count as usual) or how the cue is added to the score
// (scoring.cpp).
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

// Out of line: it runs only for a token that may be a question mark, and apply_question, which every
// sentence runs, stays a small loop.
[[gnu::noinline]] bool ask(Sentence& s, std::size_t t) {
  if (!s.lang.question_marks.contains(s.surface(t))) return false;
  s.sentence_cue = SentenceCue{static_cast<std::uint32_t>(t), s.index.question_tone(), s.lang.question_weight,
                               "<question>", kQuestion};
  return true;
}

}  // namespace

void apply_question(Sentence& s) {
  if (!s.index.question_rule()) return;
  const WordList& marks = s.lang.question_marks;
  for (std::size_t t = s.n_tokens; t-- > 0;) {
    if (s.raw[t].kind != TokenKind::punct) break;
    if (marks.might_contain(s.surface(t)) && ask(s, t)) return;
  }
}

}  // namespace stimmung::detail
