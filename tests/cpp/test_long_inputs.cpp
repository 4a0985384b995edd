// Long inputs: cancellation checked by bytes (inside one text, one sentence and the splitter), and
// sentences longer than a window scored window by window.
#include <gtest/gtest.h>
#include <stimmung/error.hpp>
#include <stimmung/normalize.hpp>
#include <stimmung/scorer.hpp>

#include <atomic>
#include <string>

using namespace stimmung;

namespace {

std::string repeat(std::string_view piece, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + piece.size());
  while (out.size() < bytes) out += piece;
  return out;
}

// ~3 MB without a full stop: one sentence of a dozen windows.
const std::string& long_sentence() {
  static const std::string text =
      repeat("Die Anleger sind nervös, doch die KI-Blase könnte platzen, sagen Analysten, keine Panik ", 3 << 20);
  return text;
}

TEST(Cancellation, AStopRequestEndsALongCallWithCancelledError) {
  const Scorer scorer;
  std::atomic<bool> stop{true};
  const Cancellation cancel{&stop, {}};
  EXPECT_THROW((void)scorer.score(long_sentence(), cancel), CancelledError);
  EXPECT_THROW((void)scorer.score_document(long_sentence(), cancel), CancelledError);
  EXPECT_THROW((void)split_sentences(long_sentence(), cancel), CancelledError);
  std::vector<std::string_view> texts(3, long_sentence());
  std::vector<double> scores(texts.size() * scorer.tones().size());
  std::vector<std::int64_t> n_cues(texts.size());
  EXPECT_THROW(scorer.score_batch_into(texts, scores, n_cues, BatchOptions{1, &stop}), CancelledError);
  // A text under kCancelCheckBytes is never interrupted.
  EXPECT_NO_THROW((void)scorer.score("Die Anleger sind nervös.", cancel));
}

TEST(Cancellation, IsPolledEveryCheckInterval) {
  const Scorer scorer;
  int polls = 0;
  const Cancellation cancel{nullptr, [&polls] {
                              ++polls;
                              return false;
                            }};
  const DocumentScore doc = scorer.score_document(long_sentence(), cancel);
  const auto mb = static_cast<int>(long_sentence().size() / kCancelCheckBytes) - 1;
  // Split (ICU, then the merge pass) and scored (counted, then explained): each byte counted four times.
  EXPECT_GE(polls, mb);
  EXPECT_LE(polls, 4 * mb + 8);
  polls = 0;
  (void)scorer.score(long_sentence(), cancel);  // counted, then explained: each byte counted twice
  EXPECT_GE(polls, mb);
  EXPECT_LE(polls, 2 * mb + 4);
}

TEST(LongSentence, WindowsAgreeBetweenScoreAndTheBatchNumbers) {
  const Scorer scorer;
  const std::string& text = long_sentence();
  const SentenceScore r = scorer.score(text);
  EXPECT_EQ(r.begin, 0U);
  EXPECT_EQ(r.end, text.size());
  EXPECT_EQ(r.cp_end, count_code_points(text));
  std::vector<std::string_view> one{text};
  std::vector<double> scores(scorer.tones().size());
  std::vector<std::int64_t> n_cues(1);
  scorer.score_batch_into(one, scores, n_cues);
  EXPECT_EQ(scores, r.scores);
  EXPECT_EQ(n_cues[0], static_cast<std::int64_t>(r.cues.size()));
  // Thousands of cues, in text order, their offsets pointing at their surface.
  ASSERT_GT(r.cues.size(), 10'000U);
  std::uint32_t last = 0;
  for (const Cue& c : r.cues) {
    ASSERT_GE(c.begin, last);
    last = c.begin;
    ASSERT_LE(c.end, text.size());
    ASSERT_FALSE(c.surface(text).empty());
  }
  const Cue& tail = r.cues.back();
  EXPECT_EQ(tail.cp_begin, count_code_points(std::string_view(text).substr(0, tail.begin)));
  // The document of that one sentence scores the same.
  const DocumentScore doc = scorer.score_document(text);
  ASSERT_EQ(doc.sentences.size(), 1U);
  EXPECT_EQ(doc.sentence(0).scores, r.scores);
  EXPECT_EQ(doc.cues, r.cues);
}

TEST(LongDocument, PiecesSplitAsTheShortTextsTheyAreMadeOf) {
  // Paragraphs joined by line breaks: the boundaries of the whole are those of each paragraph, shifted.
  const std::string paragraph =
      "Die KI-Blase könnte platzen, z. B. bei Nvidia. Am 3. Oktober fiel der Dax. Warum? Niemand weiß es… "
      "Die Zahlen. eBay verzeichnete 5 Mrd. Euro Umsatz";
  const auto one = split_sentences(paragraph);
  ASSERT_GT(one.size(), 3U);
  const std::string text = repeat(paragraph + "\n", 3 << 20);
  const auto all = split_sentences(text);
  const std::size_t n = text.size() / (paragraph.size() + 1);
  ASSERT_EQ(all.size(), n * one.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::uint32_t shift = static_cast<std::uint32_t>((i / one.size()) * (paragraph.size() + 1));
    ASSERT_EQ(all[i].begin, one[i % one.size()].begin + shift) << i;
    ASSERT_EQ(all[i].end, one[i % one.size()].end + shift) << i;
  }
  // Sentences in one line of 3 MB: every piece cut inside a word, the same sentences throughout.
  const std::string sentence = "Die Anleger sind z. B. nervös. ";
  const std::string line = repeat(sentence, 3 << 20);
  const auto spans = split_sentences(line);
  ASSERT_EQ(spans.size(), line.size() / sentence.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    ASSERT_EQ(spans[i].begin, i * sentence.size()) << i;
    ASSERT_EQ(spans[i].end, i * sentence.size() + sentence.size() - 1) << i;
  }
}

}  // namespace
