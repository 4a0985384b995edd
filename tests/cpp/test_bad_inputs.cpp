// Bad and extreme inputs, one test each, with the outcome the API documents.
#include <gtest/gtest.h>
#include <stimmung/stimmung.hpp>

#include <span>
#include <string>
#include <vector>

using namespace stimmung;

namespace {

const Scorer& scorer() {
  static const Scorer s;
  return s;
}

void expect_all_zero(const SentenceScore& s) {
  for (const double x : s.scores) EXPECT_EQ(x, 0.0);
}

void expect_in_unit_range(const std::vector<double>& scores) {
  for (const double x : scores) {
    EXPECT_GE(x, 0.0);
    EXPECT_LE(x, 1.0);
  }
}

}  // namespace

TEST(HardenedInput, InvalidUtf8IsReplacedByDefault) {
  const std::string text = "Die \xFF" "KI-Blase \xC3 platzt.";
  const SentenceScore s = scorer().score(text);
  EXPECT_GE(s.bubble(), 0.5);
  // Offsets refer to the text with U+FFFD in place of each invalid sequence (one code point each).
  const std::string clean = sanitize_utf8(text);
  EXPECT_EQ(s.end, clean.size());
  ASSERT_FALSE(s.cues.empty());
  EXPECT_EQ(s.text, clean);  // the scored text, which the cues' offsets refer to
  EXPECT_EQ(s.cues[0].surface(s.scored_text(text)), "KI-Blase");
  EXPECT_EQ(clean.substr(s.cues[0].begin, s.cues[0].end - s.cues[0].begin), "KI-Blase");
  EXPECT_EQ(s.cues[0].cp_begin, 5U);

  const DocumentScore doc = scorer().score_document(text);
  EXPECT_EQ(doc.replaced_bytes, 2U);
  EXPECT_EQ(doc.text, clean);
  ASSERT_EQ(doc.sentences.size(), 1U);
}

// Validity is checked while tokenizing (no separate pass): every kind of invalid sequence, inside a word,
// between words, at either end, must still be found and give the scores and cues of the repaired text.
TEST(HardenedInput, EveryInvalidSequenceIsFoundWhereverItStands) {
  const std::string bad[] = {"\xFF", "\xC3", "\x80", "\xC0\xAF", "\xE2\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                             "\xF0\x9F\x98"};
  const std::string sentence = "Die KI-Blase d\xC3\xBCrfte bald platzen, sagen Analysten.";
  for (const std::string& b : bad) {
    for (std::size_t at = 0; at <= sentence.size(); ++at) {
      if (at < sentence.size() && (static_cast<unsigned char>(sentence[at]) & 0xC0) == 0x80) continue;
      const std::string text = sentence.substr(0, at) + b + sentence.substr(at);
      ASSERT_FALSE(is_valid_utf8(text));
      const std::string clean = sanitize_utf8(text);
      const SentenceScore got = scorer().score(text);
      const SentenceScore want = scorer().score(clean);
      ASSERT_EQ(got.scores, want.scores) << "at byte " << at;
      ASSERT_EQ(got.cues.size(), want.cues.size()) << "at byte " << at;
      for (std::size_t k = 0; k < got.cues.size(); ++k) {
        EXPECT_EQ(got.cues[k].surface(got.scored_text(text)), want.cues[k].surface(clean));
        EXPECT_EQ(got.cues[k].begin, want.cues[k].begin);
      }
      std::vector<double> scores(scorer().tones().size());
      std::vector<std::int64_t> n_cues(1);
      const std::string_view view = text;
      scorer().score_batch_into(std::span(&view, 1), scores, n_cues);
      EXPECT_EQ(scores, want.scores);
      EXPECT_EQ(n_cues[0], static_cast<std::int64_t>(want.cues.size()));
    }
  }
}

// Documents: the splitter finds out that a text is invalid UTF-8 as it scans for boundaries (no pass of its
// own); each kind of invalid sequence, wherever it stands, must give the aggregates of the repaired text, and
// the strict policy must refuse it.
TEST(HardenedInput, EveryInvalidSequenceInADocumentIsFound) {
  const std::string bad[] = {"\xFF", "\xC3", "\x80", "\xC0\xAF", "\xE2\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                             "\xF0\x9F\x98"};
  const std::string doc = "Die KI-Blase d\xC3\xBCrfte platzen. Am 3. Oktober? \xE2\x80\x9EJa!\xE2\x80\x9C Anleger sind nerv\xC3\xB6s.";
  const Scorer strict(Lexicon::builtin(), ScorerOptions{Utf8Policy::strict});
  const std::size_t k = scorer().tones().size();
  const auto aggregates = [k](const Scorer& s, std::string_view text) {
    std::vector<double> mean(k), max(k), share(k);
    std::vector<std::int64_t> n_sentences(1), n_cues(1);
    s.score_document_batch_into(std::span(&text, 1), DocumentAggregates{mean, max, share, n_sentences, n_cues});
    mean.insert(mean.end(), max.begin(), max.end());
    mean.insert(mean.end(), share.begin(), share.end());
    mean.push_back(static_cast<double>(n_sentences[0]));
    mean.push_back(static_cast<double>(n_cues[0]));
    return mean;
  };
  for (const std::string& b : bad) {
    for (std::size_t at = 0; at <= doc.size(); ++at) {
      if (at < doc.size() && (static_cast<unsigned char>(doc[at]) & 0xC0) == 0x80) continue;
      const std::string text = doc.substr(0, at) + b + doc.substr(at);
      ASSERT_EQ(aggregates(scorer(), text), aggregates(scorer(), sanitize_utf8(text))) << "at byte " << at;
      EXPECT_THROW((void)aggregates(strict, text), InvalidInputError) << "at byte " << at;
    }
  }
  EXPECT_NO_THROW((void)aggregates(strict, doc));
}

TEST(HardenedInput, InvalidUtf8ThrowsUnderStrictPolicy) {
  const Scorer strict(Lexicon::builtin(), ScorerOptions{Utf8Policy::strict});
  const std::string text = "Die Blase \xFF platzt.";
  try {
    (void)strict.score(text);
    FAIL() << "expected InvalidInputError";
  } catch (const InvalidInputError& e) {
    EXPECT_NE(std::string(e.what()).find("byte 10"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)strict.score_document(text), InvalidInputError);
  // An encoded lone surrogate (what Python's "surrogatepass" writes) is invalid too.
  EXPECT_THROW((void)strict.score("Blase \xED\xA0\x80"), InvalidInputError);
  EXPECT_NO_THROW((void)strict.score("Die Blase platzt."));
}

TEST(HardenedInput, NulBytesAreOrdinaryCharacters) {
  const std::string text("Die Blase\0platzt\0.", 18);
  const SentenceScore s = scorer().score(text);
  EXPECT_GE(s.bubble(), 0.5);
  EXPECT_TRUE(s.text.empty());  // NUL is valid UTF-8: nothing was replaced
  for (const Cue& c : s.cues) EXPECT_LE(c.end, text.size());
  const DocumentScore doc = scorer().score_document(text);
  EXPECT_TRUE(doc.text.empty());  // NUL is valid UTF-8: nothing was replaced
  ASSERT_FALSE(doc.sentences.empty());
  EXPECT_LE(doc.sentences.back().end, text.size());
}

TEST(HardenedInput, TenMegabytesWithoutPunctuation) {
  // Cues, negators (plain and clause-wide), a booster and a contrast word in every chunk: the rules that
  // look at neighbouring cues must stay linear in a sentence of a million tokens.
  std::string text;
  const std::string chunk = "Die Blase wächst aber die Anleger werden extrem nervös und nicht ruhig keine Rede von Panik ";
  while (text.size() < 10'000'000) text += chunk;
  const SentenceScore s = scorer().score(text);
  expect_in_unit_range(s.scores);
  EXPECT_EQ(s.end, text.size());
  EXPECT_GT(s.cues.size(), 100'000U);
  EXPECT_LE(s.cues.back().end, text.size());

  const DocumentScore doc = scorer().score_document(text);
  ASSERT_EQ(doc.sentences.size(), 1U);  // no sentence end anywhere: one sentence, trailing space trimmed
  EXPECT_EQ(doc.sentences[0].begin, 0U);
  EXPECT_EQ(doc.sentences[0].end, text.size() - 1);
  expect_in_unit_range(doc.mean);
}

TEST(HardenedInput, ThousandsOfRepeatedPunctuationMarks) {
  for (const char mark : {'!', '.', '?'}) {
    const std::string text(10000, mark);
    SCOPED_TRACE(std::string(1, mark));
    const SentenceScore s = scorer().score(text);
    expect_in_unit_range(s.scores);
    EXPECT_EQ(s.bubble(), 0.0);
    EXPECT_EQ(s.nervousness(), 0.0);
    const DocumentScore doc = scorer().score_document(text);
    std::uint32_t prev = 0;
    for (const DocumentSentence& sent : doc.sentences) {
      EXPECT_LT(sent.begin, sent.end);
      EXPECT_GE(sent.begin, prev);
      EXPECT_LE(sent.end, text.size());
      prev = sent.end;
    }
    expect_in_unit_range(doc.mean);
  }
  expect_all_zero(scorer().score(std::string(10000, '!')));
  expect_all_zero(scorer().score(std::string(10000, '.')));
}

TEST(HardenedInput, EmptyLexiconScoresEverythingZero) {
  const Scorer empty{Lexicon()};
  EXPECT_EQ(empty.tones(), (std::vector<std::string>{"bubble", "nervousness", "hedging"}));
  for (const std::string_view text : {"Die KI-Blase könnte bald platzen.", "", "Panik, Panik!", "\xFF\xFE", "Platzt die Blase?"}) {
    const SentenceScore s = empty.score(text);
    EXPECT_TRUE(s.cues.empty()) << text;
    expect_all_zero(s);
  }
  const DocumentScore doc = empty.score_document("Die Blase platzt. Panik an der Börse.");
  EXPECT_EQ(doc.sentences.size(), 2U);
  for (const double x : doc.max) EXPECT_EQ(x, 0.0);
}
