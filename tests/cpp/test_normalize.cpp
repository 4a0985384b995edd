#include <gtest/gtest.h>
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

TEST(Normalize, LookupKeysAcceptAsciiSpellings) {
  EXPECT_EQ(lookup_key("Nervosität"), lookup_key("Nervositaet"));
  EXPECT_EQ(lookup_key("überbewertet"), lookup_key("ueberbewertet"));
  EXPECT_EQ(lookup_key("Großdeal"), lookup_key("Grossdeal"));
  EXPECT_EQ(lookup_key("NERVOSITÄT"), "nervositaet");
  EXPECT_EQ(lookup_key("Nervosita\xCC\x88t"), "nervositaet");  // decomposed
  EXPECT_EQ(lookup_key("Café"), "café");
}

TEST(Normalize, CodePointsCount) {
  EXPECT_EQ(count_code_points("Börse"), 5U);
  EXPECT_EQ(count_code_points("💥"), 1U);
}
