#include <gtest/gtest.h>

#include <boost/locale.hpp>
#include <stimmung/error.hpp>
#include <stimmung/normalize.hpp>

using namespace stimmung;

TEST(Utf8, ValidTextIsValid) {
  EXPECT_TRUE(is_valid_utf8("Nervosität an den Börsen – „Panik“ 💥"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));  // NUL is a valid code point
}

TEST(Utf8, InvalidSequencesAreDetected) {
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("abc\xFF"));
}

TEST(Utf8, ReplacePolicyReplacesEachInvalidSequence) {
  std::size_t replaced = 0;
  EXPECT_EQ(sanitize_utf8("Bl\xFF" "ase", Utf8Policy::replace, &replaced), "Bl\xEF\xBF\xBD" "ase");
  EXPECT_EQ(replaced, 1U);
  // A truncated sequence is one replacement; a lone surrogate (3 bytes) is one replacement too.
  EXPECT_EQ(sanitize_utf8("a\xE2\x82" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(sanitize_utf8("a\xED\xA0\x80" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(sanitize_utf8("gültig"), "gültig");
}

TEST(Utf8, StrictPolicyThrowsWithOffset) {
  try {
    (void)sanitize_utf8("abc\xFF", Utf8Policy::strict);
    FAIL() << "expected InvalidInputError";
  } catch (const InvalidInputError& e) {
    EXPECT_NE(std::string(e.what()).find("byte 3"), std::string::npos);
  }
}

TEST(Normalize, NfcComposesUmlauts) {
  EXPECT_EQ(normalize_nfc("Nervosita\xCC\x88t"), "Nervosität");
}

TEST(Normalize, FoldCaseIsFullCaseFolding) {
  EXPECT_EQ(fold_case("STRAẞE"), "strasse");
  EXPECT_EQ(fold_case("Überbewertet"), "überbewertet");
}

// fold_case answers ASCII and À-ÿ itself: the same as Boost.Locale's full case folding after NFC, on every
// such code point alone and between others, and on text that takes Boost.Locale's path.
TEST(Normalize, FoldCaseOfLatin1IsBoostLocales) {
  const std::locale loc = boost::locale::generator()("de_DE.UTF-8");
  const auto boost_fold = [&loc](const std::string& s) { return boost::locale::fold_case(normalize_nfc(s), loc); };
  std::vector<std::string> pieces;
  for (int c = 0x20; c < 0x7F; ++c) pieces.emplace_back(1, static_cast<char>(c));
  for (int c = 0xC0; c <= 0xFF; ++c) {
    pieces.push_back(std::string{static_cast<char>(0xC3), static_cast<char>(0x80 + (c - 0xC0))});
  }
  for (const std::string& a : pieces) {
    EXPECT_EQ(fold_case(a), boost_fold(a)) << a;
    for (const std::string& b : {std::string("A"), std::string("\xC3\x84"), std::string("\xC3\x9F"), std::string("z")}) {
      EXPECT_EQ(fold_case(a + b), boost_fold(a + b)) << a + b;
      EXPECT_EQ(fold_case("X" + b + a), boost_fold("X" + b + a)) << b + a;
    }
  }
  for (const std::string s : {"A\xCC\x88RGER", "\xC3\x84\xCC\x81", "\xC2\xB5", "\xE1\xBA\x9E", "\xC3", "a\xC3(",
                              "\xCE\xA3\xCE\x91", "\xC3\x9F\xC3\x9F", ""}) {
    EXPECT_EQ(fold_case(s), boost_fold(s)) << s;
  }
}

TEST(Normalize, LookupKeysAcceptAsciiSpellings) {
  EXPECT_EQ(lookup_key("Nervosität"), lookup_key("Nervositaet"));
  EXPECT_EQ(lookup_key("überbewertet"), lookup_key("ueberbewertet"));
  EXPECT_EQ(lookup_key("Großdeal"), lookup_key("Grossdeal"));
  EXPECT_EQ(lookup_key("NERVOSITÄT"), "nervositaet");
  EXPECT_EQ(lookup_key("Nervosita\xCC\x88t"), "nervositaet");  // decomposed
  EXPECT_EQ(lookup_key("Café"), "café");
}

TEST(Normalize, LookupKeysIgnoreInvisibleCharacters) {
  // Soft hyphens as web pages put them into long words, a zero-width (non-)joiner, a word joiner, a BOM.
  EXPECT_EQ(lookup_key("Ner\xC2\xADvo\xC2\xADsi\xC2\xADt\xC3\xA4t"), "nervositaet");
  EXPECT_EQ(lookup_key("Kurs\xC2\xAD" "einbruch"), "kurseinbruch");
  EXPECT_EQ(lookup_key("Kurs\xE2\x80\x8C" "einbruch\xE2\x80\x8D"), "kurseinbruch");
  EXPECT_EQ(lookup_key("\xEF\xBB\xBFPanik\xE2\x81\xA0"), "panik");
  EXPECT_EQ(lookup_key("\xC3\x9C" "ber\xC2\xAD" "bewertung"), lookup_key("\xC3\x9C" "berbewertung"));
  EXPECT_EQ(lookup_key("\xC2\xAD"), "");
}

TEST(Normalize, CodePointsCount) {
  EXPECT_EQ(count_code_points("Börse"), 5U);
  EXPECT_EQ(count_code_points("💥"), 1U);
}
