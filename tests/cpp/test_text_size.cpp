// Texts over kMaxTextBytes (4 GiB - 1) are refused with InvalidInputError at every public entry point,
// instead of being scored with 32-bit offsets that wrap around.
//
// The entry points are tested on a real string_view of kMaxTextBytes + 1 bytes: an anonymous read-only
// mapping that reserves address space but no memory (MAP_NORESERVE; untouched pages are never backed), so
// the view is a valid range and the test costs nothing as long as the check comes before the first read.
// Each call also gets a cancellation that is already set, so a missing check ends in CancelledError after
// the first 256 KB instead of scoring 4 GiB. Where mmap is not available (or the system refuses the
// mapping) those tests are skipped; the boundary itself is tested through tokenize's base offset.
#include <gtest/gtest.h>
#include <stimmung/error.hpp>
#include <stimmung/scorer.hpp>
#include <stimmung/tokenize.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define STIMMUNG_HAVE_MMAP 1
#endif

using namespace stimmung;

namespace {

static_assert(kMaxTextBytes == 0xFFFFFFFFULL, "offsets in results are 32-bit: the limit is 4 GiB - 1");

// A read-only view of kMaxTextBytes + 1 zero bytes that occupies no memory; empty if it cannot be made.
class HugeView {
 public:
  HugeView() {
#ifdef STIMMUNG_HAVE_MMAP
    if constexpr (sizeof(void*) >= 8) {
      void* p = mmap(nullptr, kSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      if (p != MAP_FAILED) data_ = static_cast<const char*>(p);
    }
#endif
  }
  ~HugeView() {
#ifdef STIMMUNG_HAVE_MMAP
    if (data_ != nullptr) munmap(const_cast<char*>(data_), kSize);
#endif
  }
  HugeView(const HugeView&) = delete;
  HugeView& operator=(const HugeView&) = delete;

  [[nodiscard]] bool ok() const { return data_ != nullptr; }
  [[nodiscard]] std::string_view view() const { return {data_, kSize}; }

 private:
  static constexpr std::size_t kSize = kMaxTextBytes + 1;
  const char* data_ = nullptr;
};

// The message names the text, its size and the limit.
void expect_refused(const std::function<void()>& call, const std::string& what) {
  try {
    call();
    ADD_FAILURE() << "no exception for a text of kMaxTextBytes + 1 bytes";
  } catch (const InvalidInputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(what + " is 4294967296 bytes", 0), 0U) << message;
    EXPECT_NE(message.find("at most 4294967295 bytes"), std::string::npos) << message;
  } catch (const CancelledError&) {
    ADD_FAILURE() << "the text was scored: the size check did not come first";
  }
}

TEST(TextSize, TheLimitIsWhereOffsetsStillFitThroughTokenizesBaseOffset) {
  // tokenize(text, out, base) gives offsets base .. base + size: exactly kMaxTextBytes still fits.
  std::vector<Token> out;
  const auto base = static_cast<std::uint32_t>(kMaxTextBytes - 2);
  tokenize("ab", out, base);
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].end, 0xFFFFFFFFU);
  out.clear();
  EXPECT_THROW(tokenize("abc", out, base), InvalidInputError);
  EXPECT_TRUE(out.empty());
}

TEST(TextSize, TextsOver4GiBAreRefusedBySingleTextCalls) {
  const HugeView huge;
  if (!huge.ok()) GTEST_SKIP() << "cannot map 4 GiB of address space here";
  const Scorer scorer;
  std::atomic<bool> stop{true};
  const Cancellation cancel{&stop, {}};
  expect_refused([&] { (void)scorer.score(huge.view(), cancel); }, "text");
  expect_refused([&] { (void)scorer.score_document(huge.view(), cancel); }, "text");
  expect_refused([&] { (void)split_sentences(huge.view(), cancel); }, "text");
  expect_refused([&] { (void)tokenize(huge.view()); }, "text");
}

TEST(TextSize, ABatchNamesItsFirstTextOver4GiBBeforeScoringAny) {
  const HugeView huge;
  if (!huge.ok()) GTEST_SKIP() << "cannot map 4 GiB of address space here";
  const Scorer scorer;
  // A set flag makes the workers stop at once: only a check before the workers start can name the text.
  std::atomic<bool> stop{true};
  const BatchOptions options{1, &stop};
  const std::vector<std::string_view> texts{"Die Anleger sind nervös.", huge.view(), huge.view()};
  const std::size_t n = texts.size(), n_tones = scorer.tones().size();
  expect_refused([&] { (void)scorer.score_batch(texts, options); }, "texts[1]");
  expect_refused([&] { (void)scorer.score_document_batch(texts, options); }, "texts[1]");
  std::vector<double> scores(n * n_tones), mean(n * n_tones), max(n * n_tones), share(n * n_tones);
  std::vector<std::int64_t> n_cues(n), n_sentences(n);
  expect_refused([&] { scorer.score_batch_into(texts, scores, n_cues, options); }, "texts[1]");
  const DocumentAggregates out{mean, max, share, n_sentences, n_cues};
  expect_refused([&] { scorer.score_document_batch_into(texts, out, options); }, "texts[1]");
}

TEST(TextSize, TextsUpToTheLimitAreNotRefused) {
  // The check costs nothing visible: ordinary texts and batches score as before.
  const Scorer scorer;
  EXPECT_GT(scorer.score("Die Anleger sind nervös.").scores[1], 0.0);
  const std::vector<std::string_view> texts{"Die KI-Blase könnte platzen.", ""};
  EXPECT_EQ(scorer.score_batch(texts).size(), 2U);
}

}  // namespace
