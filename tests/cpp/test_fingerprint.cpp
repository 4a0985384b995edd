// Lexicon::fingerprint(): stable for equal lexicons (the golden value must hold on every machine and run),
// different for any change to the entries, independent of where the entries came from.
#include <gtest/gtest.h>
#include <stimmung/lexicon.hpp>
#include <stimmung/scorer.hpp>

#include <string>

using namespace stimmung;

namespace {

const std::string kSmall = "Blase\tbubble\t1.0\tcue\n";

std::string hash_part(const std::string& fingerprint) { return fingerprint.substr(fingerprint.find("+lex.") + 5); }

}  // namespace

TEST(Fingerprint, FormatNamesTheVersion) {
  const auto fp = Lexicon::builtin().fingerprint();
  const std::string prefix = "stimmung-" + std::string(version()) + "+lex.";
  ASSERT_EQ(fp.rfind(prefix, 0), 0u) << fp;
  EXPECT_EQ(fp.size(), prefix.size() + 16);
  EXPECT_EQ(fp.find_first_not_of("0123456789abcdef", prefix.size()), std::string::npos) << fp;
}

TEST(Fingerprint, GoldenValueOfASmallLexicon) {
  // SHA-256 of the canonical form, as Python's hashlib computes it (tests/python/test_release.py).
  EXPECT_EQ(hash_part(Lexicon::from_string(kSmall).fingerprint()), "cef985edbd84aa33");
}

TEST(Fingerprint, EqualLexiconsEqualFingerprints) {
  EXPECT_EQ(Lexicon::builtin().fingerprint(), Lexicon::builtin().fingerprint());
  EXPECT_EQ(Lexicon::from_string(kSmall, "a.tsv").fingerprint(), Lexicon::from_string(kSmall, "b.tsv").fingerprint());
  EXPECT_EQ(Lexicon::from_string("# comment\n\n" + kSmall).fingerprint(), Lexicon::from_string(kSmall).fingerprint());
  const auto builtin = Lexicon::builtin();
  EXPECT_EQ(Lexicon::from_string(builtin.to_tsv()).fingerprint(), builtin.fingerprint());
}

TEST(Fingerprint, AnyChangeChangesIt) {
  const auto base = Lexicon::builtin();
  const auto fp = base.fingerprint();
  EXPECT_NE(base.extended(Lexicon::from_string("Seifenblase\tbubble\t0\tcue\n")).fingerprint(), fp);  // removal
  EXPECT_NE(base.extended(Lexicon::from_string("Luftschloss\tbubble\t1\tcue\n")).fingerprint(), fp);  // addition
  EXPECT_NE(Lexicon::from_string("Blase\tbubble\t1.1\tcue\n").fingerprint(), Lexicon::from_string(kSmall).fingerprint());
  EXPECT_NE(Lexicon::from_string("Blase\tbubble\t1\tcue\texact\n").fingerprint(),
            Lexicon::from_string(kSmall).fingerprint());
  EXPECT_NE(Lexicon::from_string("Blase\tmytone\t1\tcue\n").fingerprint(), Lexicon::from_string(kSmall).fingerprint());
  EXPECT_NE(Lexicon().fingerprint(), Lexicon::from_string(kSmall).fingerprint());
}
