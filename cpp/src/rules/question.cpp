// Questions: an open question ("Platzt die KI-Blase?") is hedged, as a cue of its own at the "?".
// Decides: a sentence whose trailing punctuation holds "?" (or the fullwidth "？") gets the SentenceCue
// "<question>" of weight 1 on the hedging tone, when the lexicon has hedging cues (the marks, the weight
// and the tone are the language profile's question_marks, question_weight and question_tone), unless its
// first word asks for a reason (reason_interrogatives: "Warum bleibt die Luftblase stehen?" takes for granted
// that it does).
// Does not decide: cues inside the question (they count as usual) or how the cue is added to the score
// (scoring.cpp).
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

// The trailing punctuation from token t back: the first question mark gets the cue. Out of line, and
// reached only from a token that may be a mark, so that apply_question, which every sentence runs, stays
// a small loop that calls nothing.
[[gnu::noinline]] void ask_from(Sentence& s, std::size_t t) {
  std::size_t first = 0;  // the first word, after opening quotes
  while (first < s.n_tokens && s.raw[first].kind == TokenKind::punct) ++first;
  if (first < s.n_tokens && s.is_word(first) && s.lang.reason_interrogatives.contains(s.key(first))) return;
  for (++t; t-- > 0 && s.raw[t].kind == TokenKind::punct;) {
    if (s.lang.question_marks.contains(s.surface(t))) {
      s.sentence_cue = SentenceCue{static_cast<std::uint32_t>(t), s.index.question_tone(), s.lang.question_weight,
                                   kQuestion, s.index.question_name()};
      return;
    }
  }
}

}  // namespace

void apply_question(Sentence& s) {
  if (!s.index.question_rule()) return;
  const WordList& marks = s.lang.question_marks;
  for (std::size_t t = s.n_tokens; t-- > 0 && s.raw[t].kind == TokenKind::punct;) {
    if (marks.might_contain(s.surface(t))) return ask_from(s, t);
  }
}

}  // namespace stimmung::detail
