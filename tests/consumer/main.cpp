// Smoke test of the installed package: scores a German sentence and a document with the built-in lexicon
// and with the installed lexicon file; exits non-zero when a result is not what stimmung documents.
#include <stimmung/stimmung.hpp>

#include <iostream>
#include <string>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "FAILED: " << what << '\n';
    ++failures;
  }
}

}  // namespace

int main() {
  const stimmung::Scorer scorer;  // built-in lexicon
  const std::string text = "Die KI-Blase könnte bald platzen.";
  const auto s = scorer.score(text);
  std::cout << "stimmung " << stimmung::version() << ": bubble=" << s.bubble() << " nervousness=" << s.nervousness()
            << " hedging=" << s.hedging() << '\n';
  // A cue's surface is read off the scored text (the input, or s.text when invalid UTF-8 was replaced).
  for (const auto& cue : s.cues) {
    std::cout << "  " << cue.surface(s.scored_text(text)) << ' ' << cue.tone() << ' ' << cue.weight << '\n';
  }
  check(s.bubble() >= 0.5, "bubble is present");
  check(s.hedging() >= 0.5, "hedging is present");
  check(s.nervousness() < 0.5, "nervousness is absent");
  bool found = false;
  for (const auto& cue : s.cues) {
    found |= cue.surface(text) == "KI-Blase" && cue.tone() == "bubble" && cue.match == stimmung::MatchKind::compound;
    check(!cue.term().empty() && stimmung::match_name(cue.match) != "unknown", "cue names its term and match");
  }
  check(found, "KI-Blase is a bubble cue");

  const auto doc = scorer.score_document("Die Börsen sind ruhig. Die Panik an den Märkten ist enorm.");
  check(doc.size() == 2, "two sentences");
  check(doc.cues_of(0).empty() && !doc.cues_of(1).empty(), "the cues of the second sentence");
  check(doc.max.size() == 3 && doc.max[1] >= 0.5, "nervousness in the second sentence");

  const auto lexicon = stimmung::Lexicon::from_file(STIMMUNG_LEXICON_FILE);
  check(lexicon.size() == stimmung::Lexicon::builtin().size(), "the installed lexicon file is the built-in one");
  const std::string fingerprint = stimmung::Lexicon::builtin().fingerprint();
  std::cout << "lexicon " << fingerprint << '\n';
  check(fingerprint.rfind("stimmung-" + std::string(stimmung::version()) + "+lex.", 0) == 0,
        "the fingerprint names the version");
  check(lexicon.fingerprint() == fingerprint, "the lexicon file has the built-in lexicon's fingerprint");
  try {
    (void)stimmung::Lexicon::from_string("Blase\tbubble\tviel\tcue\n", "mine.tsv");
    check(false, "a malformed lexicon line throws");
  } catch (const stimmung::LexiconError& e) {
    check(e.line() == 1 && e.source() == "mine.tsv", "LexiconError names file and line");
  }
  const auto profile = stimmung::Profile::from_file(STIMMUNG_PROFILE_FILE);
  check(profile.is_builtin(), "the installed profile file is the built-in profile");
  stimmung::ScorerOptions options;
  options.profile = stimmung::Profile::from_string("negation_reach_after\t1\n", "mine.tsv");
  const stimmung::Scorer changed(stimmung::Lexicon::builtin(), options);
  check(changed.score("Es gibt keine große Blase.").bubble() >= 0.5, "a changed profile changes the scores");
  check(changed.fingerprint() != fingerprint, "a changed profile changes the fingerprint");
  std::cout << (failures == 0 ? "consumer OK" : "consumer FAILED") << '\n';
  return failures == 0 ? 0 : 1;
}
