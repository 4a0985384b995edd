// The language profile (docs/profile-format.md): the built-in German one, files that change a setting
// (seen in the scores without rebuilding), the LexiconError of a bad line, and the fingerprint.
#include <gtest/gtest.h>
#include <stimmung/error.hpp>
#include <stimmung/profile.hpp>
#include <stimmung/scorer.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

using namespace stimmung;

namespace {

Scorer with_profile(const Profile& profile, const Lexicon& lexicon = Lexicon::builtin()) {
  ScorerOptions options;
  options.profile = profile;
  return Scorer(lexicon, options);
}

double tone(const SentenceScore& s, const Scorer& scorer, const std::string& name) {
  for (std::size_t i = 0; i < scorer.tones().size(); ++i) {
    if (scorer.tones()[i] == name) return s.scores[i];
  }
  return -1;
}

// The source and line of the LexiconError that parsing @p text raises.
std::pair<std::string, std::size_t> error_of(const std::string& text) {
  try {
    (void)Profile::from_string(text, "bad.tsv");
  } catch (const LexiconError& e) {
    return {e.source(), e.line()};
  }
  return {"", 0};
}

// A file in the temporary directory holding @p text, removed when the object goes.
struct TempFile {
  explicit TempFile(const std::string& text)
      : path(std::filesystem::temp_directory_path() /
             ("stimmung_test_profile_" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".tsv")) {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::filesystem::path path;
};

}  // namespace

TEST(Profile, BuiltinRoundTripsAndIsTheDefault) {
  const Profile builtin = Profile::builtin();
  EXPECT_TRUE(builtin.is_builtin());
  EXPECT_TRUE(Profile().is_builtin());
  EXPECT_TRUE(Scorer().profile().is_builtin());
  EXPECT_TRUE(ScorerOptions{}.profile.is_builtin());
  EXPECT_EQ(Profile::from_string(builtin.to_tsv()), builtin);
  EXPECT_EQ(builtin.values("negation_reach_after"), std::vector<std::string>{"4"});
  EXPECT_EQ(builtin.values("complementizers"), (std::vector<std::string>{"dass", "ob"}));
  EXPECT_EQ(builtin.values("since_words"), std::vector<std::string>{"seit"});
  EXPECT_GT(builtin.values("abbreviations").size(), 70u);
  EXPECT_THROW((void)builtin.values("no_such_setting"), InvalidInputError);
  EXPECT_EQ(Profile::setting_names().front(), "relative_pronouns");
  // A file names only what it changes; comments and blank lines are skipped.
  EXPECT_TRUE(Profile::from_string("# nothing changed\n\nnegation_reach_after\t4\n").is_builtin());
}

TEST(Profile, TheInstalledFileIsTheBuiltinProfile) {
  const Profile file = Profile::from_file(STIMMUNG_SOURCE_DIR "/cpp/data/profile_de.tsv");
  EXPECT_TRUE(file.is_builtin());
}

// Issue 13, item 2: a test changes one profile value from a file and sees the effect, without rebuilding.
TEST(Profile, NegationReachFromAFile) {
  const TempFile file("# a shorter negation reach\nnegation_reach_after\t1\n");
  const Profile shorter = Profile::from_file(file.path);
  EXPECT_FALSE(shorter.is_builtin());
  EXPECT_EQ(shorter.values("negation_reach_after"), std::vector<std::string>{"1"});
  const Scorer builtin;
  const Scorer changed = with_profile(shorter);
  const std::string text = "Es gibt keine große Blase.";
  EXPECT_EQ(tone(builtin.score(text), builtin, "bubble"), 0.0);  // "keine" reaches "Blase" (2 tokens on)
  EXPECT_GT(tone(changed.score(text), changed, "bubble"), 0.4);  // reach 1: "Blase" stays a cue
  EXPECT_EQ(tone(changed.score("Es gibt keine Blase."), changed, "bubble"), 0.0);
  // Every other setting is still the built-in one.
  EXPECT_EQ(shorter.values("negation_reach_before"), Profile::builtin().values("negation_reach_before"));
}

TEST(Profile, ToneRolesAndWordClasses) {
  const std::string question = "Platzt die Blase?";
  const Scorer builtin;
  EXPECT_GT(tone(builtin.score(question), builtin, "hedging"), 0.4);
  const Scorer off = with_profile(Profile::from_string("question_tone\t-\n"));
  EXPECT_EQ(tone(off.score(question), off, "hedging"), 0.0);
  const Scorer unknown = with_profile(Profile::from_string("question_tone\tno_such_tone\n"));
  EXPECT_EQ(tone(unknown.score(question), unknown, "hedging"), 0.0);
  const Scorer half = with_profile(Profile::from_string("question_weight\t0.5\n"));
  EXPECT_NEAR(tone(half.score(question), half, "hedging"), 1 - std::exp2(-0.5), 1e-12);
  // "nicht nur" negates nothing; without the canceller it negates.
  const std::string not_only = "Die Anleger sind nicht nur nervös.";
  EXPECT_GT(tone(builtin.score(not_only), builtin, "nervousness"), 0.4);
  const Scorer plain = with_profile(Profile::from_string("negation_cancellers\t-\n"));
  EXPECT_EQ(tone(plain.score(not_only), plain, "nervousness"), 0.0);
  // "nicht zu übersehen" asserts; without the affirming infinitive (or its marker "zu") it denies.
  const std::string unmistakable = "Eine Überhitzung ist nicht zu übersehen.";
  EXPECT_GT(tone(builtin.score(unmistakable), builtin, "bubble"), 0.4);
  for (const char* off_setting : {"affirming_infinitives\t-\n", "infinitive_markers\t-\n"}) {
    const Scorer denying = with_profile(Profile::from_string(off_setting));
    EXPECT_EQ(tone(denying.score(unmistakable), denying, "bubble"), 0.0) << off_setting;
  }
  // "die achte Zinserhöhung" is an ordinal; without determiners the Konjunktiv I reading of "achte" counts.
  const std::string ordinal = "Es war bereits die achte Zinserhöhung in Folge.";
  EXPECT_EQ(tone(builtin.score(ordinal), builtin, "hedging"), 0.0);
  const Scorer no_determiners = with_profile(Profile::from_string("determiners\t-\n"));
  EXPECT_GT(tone(no_determiners.score(ordinal), no_determiners, "hedging"), 0.4);
}

TEST(Profile, SinceNoLongerAndGovernedWords) {
  // "wie seit der Meme-Aktien-Manie nicht mehr": the cue names the time compared with, not negated ...
  const std::string since = "Die Kleinanleger kaufen Optionen wie seit der Meme-Aktien-Manie nicht mehr.";
  const Scorer builtin;
  EXPECT_GT(tone(builtin.score(since), builtin, "bubble"), 0.4);
  // ... unless the profile knows no "seit", or "seit" reaches no cue.
  const Scorer no_since = with_profile(Profile::from_string("since_words\t-\n"));
  EXPECT_EQ(tone(no_since.score(since), no_since, "bubble"), 0.0);
  // (The comparison "wie seit ... nicht mehr" also leaves it alone, through comparison_words.)
  const Scorer short_since = with_profile(Profile::from_string("since_reach\t1\ncomparison_words\t-\n"));
  EXPECT_EQ(tone(short_since.score(since), short_since, "bubble"), 0.0);
  const Scorer comparison_only = with_profile(Profile::from_string("since_reach\t1\n"));
  EXPECT_GT(tone(comparison_only.score(since), comparison_only, "bubble"), 0.4);
  // "nach oben" is a preposition, not the particle of "nachlassen"; without "oben" governed, it is one.
  const Lexicon lexicon = Lexicon::from_string(
      "nachlassen\tnervousness\t1\tcue\tsep=nach,forms=lässt|ließ|ließen|gelassen\n");
  const std::string up = "Sie ließ den Kurs nach oben schnellen.";
  const Scorer governed = with_profile(Profile::builtin(), lexicon);
  EXPECT_EQ(tone(governed.score(up), governed, "nervousness"), 0.0);
  // Profile words are lookup keys: "außen" matches the key "aussen" (a C++ literal "außen" never did).
  EXPECT_EQ(tone(governed.score("Sie ließ den Kurs nach außen schnellen."), governed, "nervousness"), 0.0);
  const Scorer ungoverned = with_profile(Profile::from_string("particle_governed\tder die das\n"), lexicon);
  EXPECT_GT(tone(ungoverned.score(up), ungoverned, "nervousness"), 0.4);
  // A governed phrase ("wie_vor") needs all its words: "nach wie vor" is no particle, "nach wie nie" is.
  const std::string still = "Die Sorge ließ nach wie vor jeder Sitzung.";
  const std::string compared = "Die Sorge ließ nach wie nie zuvor.";
  EXPECT_EQ(tone(governed.score(still), governed, "nervousness"), 0.0);
  EXPECT_GT(tone(governed.score(compared), governed, "nervousness"), 0.4);
  const Scorer word_only = with_profile(Profile::from_string("particle_governed\twie\n"), lexicon);
  EXPECT_EQ(tone(word_only.score(compared), word_only, "nervousness"), 0.0);
}

TEST(Profile, SplitterLists) {
  const std::string text = "Das sagte Dr. Müller gestern.";
  EXPECT_EQ(split_sentences(text).size(), 1u);
  const Profile no_dr = Profile::from_string("abbreviations\tz b u a\n");
  EXPECT_EQ(split_sentences(text, no_dr).size(), 2u);
  EXPECT_EQ(split_sentences(text, no_dr, Cancellation{}).size(), 2u);
  EXPECT_EQ(with_profile(no_dr).score_document(text).sentences.size(), 2u);
  // The lines of one list add up.
  EXPECT_EQ(Profile::from_string("abbreviations\tz b\nabbreviations\tdr\n").values("abbreviations"),
            (std::vector<std::string>{"z", "b", "dr"}));
}

TEST(Profile, BadLinesNameFileAndLine) {
  EXPECT_EQ(error_of("# ok\nno_such_setting\t1\n"), (std::pair<std::string, std::size_t>{"bad.tsv", 2}));
  EXPECT_EQ(error_of("negation_reach_after\tfour\n").second, 1u);
  EXPECT_EQ(error_of("negation_reach_after\t1.5\n").second, 1u);
  EXPECT_EQ(error_of("negation_reach_after\t1000\n").second, 1u);
  EXPECT_EQ(error_of("negation_reach_after\t1 2\n").second, 1u);
  EXPECT_EQ(error_of("\n\nreported_factor\t-1\n").second, 3u);
  EXPECT_EQ(error_of("question_tone\tHedging\n").second, 1u);
  EXPECT_EQ(error_of("negation_reach_after 4\n").second, 1u);  // no tab
  EXPECT_EQ(error_of("complementizers\t\n").second, 1u);       // no value
  EXPECT_EQ(error_of("months\tmai - juni\n").second, 1u);       // '-' stands alone
  const TempFile file("# comment\n\nmodifier_reach\tx\n");
  try {
    (void)Profile::from_file(file.path);
    FAIL();
  } catch (const LexiconError& e) {
    EXPECT_EQ(e.source(), file.path.string());
    EXPECT_EQ(e.line(), 3u);
    EXPECT_NE(std::string(e.what()).find(file.path.string() + ":3: modifier_reach"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)Profile::from_file("/no/such/profile.tsv"), Error);
}

TEST(Profile, FingerprintOnlyWhenChanged) {
  const Lexicon lexicon = Lexicon::builtin();
  EXPECT_EQ(Scorer().fingerprint(), lexicon.fingerprint());
  EXPECT_EQ(lexicon.fingerprint(Profile::from_string("modifier_reach\t2\n")), lexicon.fingerprint());
  const std::string changed = with_profile(Profile::from_string("modifier_reach\t3\n")).fingerprint();
  EXPECT_NE(changed, lexicon.fingerprint());
  EXPECT_EQ(changed.rfind("stimmung-", 0), 0u);
  EXPECT_EQ(changed, lexicon.fingerprint(Profile::from_string("modifier_reach\t3\n")));
  EXPECT_NE(changed, lexicon.fingerprint(Profile::from_string("modifier_reach\t4\n")));
  EXPECT_NE(changed, Lexicon::from_string("Blase\tbubble\t1\tcue\n").fingerprint(Profile::from_string("modifier_reach\t3\n")));
}
