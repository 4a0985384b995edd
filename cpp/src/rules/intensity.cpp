// Intensity: boosters ("extrem", "massiv") and dampeners ("etwas", "gewisse") right before a cue.
// Decides: a booster or dampener modifies the cues at the nearest position after it, within 2 tokens of
// the same clause, with no punctuation, "und"/"oder"/"sowie", clause word or contrast word in between
// ("stark und die Nervosität" is no "starke Nervosität"), and not when it is itself a word of a cue phrase.
// Does not decide: the factor (the entry's weight in the lexicon) or which words intensify (the lexicon).
// The reach and the coordinators that block come from the language profile (modifier_reach,
// modifier_blockers).
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

// Tokens that end the reach of an intensifier.
bool blocks_modifier(const Sentence& s, std::size_t t) {
  if (s.raw[t].kind == TokenKind::punct) return true;
  return s.lang.modifier_blockers.contains(s.key(t)) || s.toks[t].roles.clause || s.toks[t].roles.contrast >= 0;
}

}  // namespace

void apply_intensity(Sentence& s) {
  for (std::size_t t = 0; t < s.n_tokens; ++t) {
    const TokenInfo& tok = s.toks[t];
    if (tok.roles.booster < 0 || s.word_of_phrase(t)) continue;
    const CompiledEntry& b = s.index.entry(tok.roles.booster);
    const std::int64_t at = s.next_cue(t, s.lang.modifier_reach);  // "eine extrem große Panik"
    if (at < 0) continue;
    const auto cue = static_cast<std::size_t>(at);
    bool blocked = false;
    for (std::size_t j = t + 1; j < cue && !blocked; ++j) blocked = blocks_modifier(s, j);
    if (blocked) continue;
    for (auto it = s.first_at_or_after(cue); it != s.cands.end() && it->first == cue; ++it) {
      it->factor *= b.weight;
      it->modifiers |= b.kind == EntryKind::booster ? kBoosted : kDampened;
    }
  }
}

}  // namespace stimmung::detail
