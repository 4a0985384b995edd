// Required markers: a cue that says little alone says much in company. A price that doubles is news; one
// that doubles "binnen einer Woche" or "obwohl" the company earns nothing is speculative excess.
// Decides: a cue with `requires=CLASS|...` in the lexicon stays a candidate only when its sentence holds a
// `marker` word of one of those classes, or of every class of an alternative joined by '+' ("credit+surge")
// (whole words and their inflected forms; noun markers only capitalized, like noun cues); a cue with
// `unless=CLASS|...` stays only when its sentence holds no marker of those classes; a cue with `with=TONE`
// stays only when, after the modifier rules, TONE is present in its sentence (its other cues, not denied and in
// scope, reach a score of 0.5): an
// analyst who speaks of a boom voices doubt about it only in bubble talk ("Die Bewertung sei absurd, sagte der
// Analyst"), not in "Eine Blase sieht der Analyst nicht".
// Does not decide: which words are markers or which cues require them (the lexicon), or what modifies the
// cue afterwards (negation and the other families apply as to any cue).
//
// Design notes: the sentence's markers are looked up only when one of its candidates requires one, in a
// table of their own, so sentences without such cues pay nothing.
#include <array>
#include <bitset>

#include "rules/rules.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung::detail {
namespace {

// The marker classes of the sentence's words, as bits.
MarkerClasses sentence_markers(Sentence& s) {
  MarkerClasses classes;
  for (std::size_t i = 0; i < s.n_tokens; ++i) {
    const TokenInfo& t = s.toks[i];
    // A number is a marker only as written in the lexicon ("1929"): it is looked up as a word form, never as a
    // compound. A percent sign ("3,1 %") holds the classes of the profile's percent words ("Prozent").
    if (!s.is_word(i)) {
      if (s.raw[i].kind == TokenKind::number && t.word != nullptr) {
        if (const auto* m = s.index.form_marker(*t.word)) classes |= m->first;
      }
      if (s.raw[i].kind == TokenKind::punct && s.lang.percent_signs.contains(s.surface(i))) {
        classes |= s.index.percent_sign_markers();
      }
      continue;
    }
    // A word of the index carries its markers (read in place: a class set is 32 bytes); others are looked
    // up (and analysed as compounds).
    if (t.word != nullptr) {
      if (const auto* m = s.index.form_marker(*t.word); m != nullptr && (!m->second || s.noun_place(i))) classes |= m->first;
      continue;
    }
    const bool noun_place = s.noun_place(i);
    const auto [bits, noun] = s.index.marker(s.key(i), s.raw[i].hyphenated, noun_place);
    if (!noun || noun_place) classes |= bits;
  }
  return classes;
}

}  // namespace

void keep_required_markers(Sentence& s) {
  if (!s.index.has_marker_requirements()) return;
  bool any = false;
  for (const Candidate& c : s.cands) any |= s.index.entry(c.entry).requires_any();
  if (!any) return;
  // Switched off, the rule lets no conditional cue count (it is what makes them count), unless= ones included.
  const bool off = (s.rules_off & kRuleMarkers) != 0;
  const MarkerClasses present = off ? MarkerClasses{} : sentence_markers(s);
  std::erase_if(s.cands, [&](const Candidate& c) {
    const CompiledEntry& e = s.index.entry(c.entry);
    return e.requires_any() && (off || !s.index.requirements_met(e, present));
  });
}

void keep_accompanied_cues(Sentence& s) {
  if (!s.index.has_accompanied_cues()) return;
  bool any = false;
  for (const Candidate& c : s.cands) any |= s.index.entry(c.entry).with_tone != -1;
  if (!any) return;
  const bool off = (s.rules_off & kRuleMarkers) != 0;
  // The tones present in the sentence: the effective weights of their cues (0 when denied or out of scope),
  // other than cues themselves waiting for company, sum to at least 1, a score of 0.5. A lone weak cue ("Einbruch"
  // as bubble talk, 0.4) makes no bubble talk.
  constexpr std::size_t kTones = 64;
  std::array<double, kTones> sums{};
  for (const Candidate& c : s.cands) {
    if (c.tone < 0 || static_cast<std::size_t>(c.tone) >= kTones || s.index.entry(c.entry).with_tone != -1) continue;
    sums[static_cast<std::size_t>(c.tone)] += effective_weight(s, c);
  }
  std::bitset<kTones> counting;
  for (std::size_t k = 0; k < kTones; ++k) counting.set(k, sums[k] >= 1.0);
  std::erase_if(s.cands, [&](const Candidate& c) {
    const int with = s.index.entry(c.entry).with_tone;
    return with != -1 && (off || with < 0 || static_cast<std::size_t>(with) >= kTones ||
                          !counting.test(static_cast<std::size_t>(with)));
  });
}

}  // namespace stimmung::detail
