// Huge pages for the lexicon index (cpp/src/memory_advice.hpp): the spans its blocks are gathered into, the
// advice leaving every byte as it was, the switch that turns it off, when a Scorer asks, and scores that do
// not depend on it.
#include <gtest/gtest.h>
#include <stimmung/scorer.hpp>

#include <cstdint>
#include <cstdlib>
#include <atomic>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine.hpp"
#include "memory_advice.hpp"

using namespace stimmung;
using stimmung::detail::kHugePageBytes;
using stimmung::detail::kHugePageMinimumBytes;
using stimmung::detail::MemorySpans;

namespace {

const void* at(std::uintptr_t address) { return reinterpret_cast<const void*>(address); }  // NOLINT

// Sets an environment variable for the scope (restoring what was there).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_.has_value()) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A buffer of @p bytes aligned to a huge page, filled with a pattern.
struct AlignedBuffer {
  explicit AlignedBuffer(std::size_t bytes)
      : data(static_cast<std::uint64_t*>(std::aligned_alloc(kHugePageBytes, bytes)), &std::free), words(bytes / 8) {
    for (std::size_t i = 0; i < words; ++i) data.get()[i] = i * 0x9E3779B97F4A7C15ULL;
  }
  [[nodiscard]] bool intact() const {
    for (std::size_t i = 0; i < words; ++i) {
      if (data.get()[i] != i * 0x9E3779B97F4A7C15ULL) return false;
    }
    return true;
  }
  std::unique_ptr<std::uint64_t, decltype(&std::free)> data;
  std::size_t words;
};

}  // namespace

TEST(MemorySpans, JoinsBlocksThatLieWithinAHugePageOfEachOther) {
  constexpr std::uintptr_t base = std::uintptr_t{1} << 40;
  MemorySpans spans;
  spans.add(at(base + 100), 50);
  spans.add(at(base + 10 * kHugePageBytes), 4096);         // far away: a span of its own
  spans.add(at(base + 100 + 50 + kHugePageBytes), 10);     // exactly a huge page after the first: joins it
  spans.add(at(base), 120);                                // overlaps the first from below
  spans.add(at(base + 100), 50);                           // repeated
  spans.add(at(base + 5 * kHugePageBytes), 0);             // empty: nothing
  ASSERT_EQ(spans.spans().size(), 2U);
  EXPECT_EQ(spans.spans()[0].first, base);
  EXPECT_EQ(spans.spans()[0].second, base + 160 + kHugePageBytes);
  EXPECT_EQ(spans.spans()[1].first, base + 10 * kHugePageBytes);
  EXPECT_EQ(spans.spans()[1].second, base + 10 * kHugePageBytes + 4096);
  EXPECT_EQ(spans.block_bytes(), 50U + 4096U + 10U + 120U + 50U);

  // A block that bridges two spans makes them one.
  spans.add(at(base + 2 * kHugePageBytes), 7 * kHugePageBytes);
  ASSERT_EQ(spans.spans().size(), 1U);
  EXPECT_EQ(spans.spans()[0].first, base);
  EXPECT_EQ(spans.spans()[0].second, base + 10 * kHugePageBytes + 4096);
}

TEST(MemorySpans, AdviceLeavesEveryByteAndSkipsSmallSpans) {
  const std::size_t bytes = kHugePageMinimumBytes + 2 * kHugePageBytes;
  AlignedBuffer buffer(bytes);
  MemorySpans spans;
  spans.add(buffer.data.get(), bytes);
  const auto advice = spans.advise_huge_pages();
  // Whether the kernel takes the advice depends on the machine (Linux with transparent huge pages): it
  // covers at most the buffer, in whole huge pages, and never changes a byte.
  EXPECT_LE(advice.advised, bytes);
  EXPECT_EQ(advice.advised % kHugePageBytes, 0U);
  EXPECT_LE(advice.collapsed, advice.advised);
  EXPECT_TRUE(buffer.intact());

  MemorySpans small;
  small.add(buffer.data.get(), kHugePageMinimumBytes - 1);
  EXPECT_EQ(small.advise_huge_pages().advised, 0U);
  EXPECT_TRUE(buffer.intact());
}

TEST(HugePages, TurnedOffByTheEnvironment) {
  {
    const ScopedEnv off("STIMMUNG_HUGE_PAGES", "0");
    const detail::Engine engine(Lexicon::builtin(), ScorerOptions{});  // reads the switch when built
    EXPECT_TRUE(detail::huge_pages_turned_off());
    const auto advice = engine.index().advise_huge_pages();
    EXPECT_EQ(advice.advised, 0U);
    EXPECT_EQ(advice.collapsed, 0U);
    engine.count_scored(detail::kHugePagesAfterBytes);
    EXPECT_FALSE(engine.huge_pages_asked());
  }
  const ScopedEnv on("STIMMUNG_HUGE_PAGES", "1");  // anything but "0" leaves it on
  EXPECT_FALSE(detail::huge_pages_turned_off());
}

TEST(HugePages, AskedForOnceAnEngineHasBeenGivenEnoughText) {
  const ScopedEnv on("STIMMUNG_HUGE_PAGES", "1");  // whatever the environment running the tests says
  const detail::Engine engine(Lexicon::builtin(), ScorerOptions{});
  EXPECT_FALSE(engine.huge_pages_asked());
  EXPECT_FALSE(engine.count_scored(detail::kHugePagesAfterBytes - 1));
  EXPECT_FALSE(engine.huge_pages_asked());  // a few sentences never wait for the kernel
  EXPECT_TRUE(engine.count_scored(1));
  EXPECT_TRUE(engine.huge_pages_asked());
  EXPECT_FALSE(engine.count_scored(detail::kHugePagesAfterBytes));  // later calls only read the count
  EXPECT_TRUE(engine.huge_pages_asked());
}

TEST(HugePages, ExactlyOneOfManyThreadsCrossesTheMark) {
  const ScopedEnv on("STIMMUNG_HUGE_PAGES", "1");
  const detail::Engine engine(Lexicon::builtin(), ScorerOptions{});
  constexpr std::size_t kThreads = 8;
  constexpr std::size_t kStep = 4096;  // a batch of short sentences: many calls on each thread
  const std::size_t calls = 2 * detail::kHugePagesAfterBytes / (kThreads * kStep);  // twice the mark in all
  std::atomic<int> crossed{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = 0; i < calls; ++i) {
        if (engine.count_scored(kStep)) crossed.fetch_add(1);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(crossed.load(), 1);
  EXPECT_TRUE(engine.huge_pages_asked());
}

// Every public way to score counts its text: a Scorer that stopped counting would never ask.
TEST(HugePages, EveryScorerCallCountsItsText) {
  const ScopedEnv on("STIMMUNG_HUGE_PAGES", "1");
  const std::string text(1 << 20, 'x');  // 1 MiB: eight calls reach the mark
  const auto asked_after = [&](const std::function<void(const Scorer&)>& call) {
    const Scorer scorer;
    const detail::Engine& engine = detail::ScorerAccess::engine(scorer);
    for (int i = 0; i < 7; ++i) call(scorer);
    const bool before = engine.huge_pages_asked();
    call(scorer);
    return std::pair{before, engine.huge_pages_asked()};
  };
  const std::vector<std::string_view> one{text};
  const std::vector<std::pair<const char*, std::function<void(const Scorer&)>>> calls{
      {"score", [&](const Scorer& s) { (void)s.score(text); }},
      {"score (cancellable)", [&](const Scorer& s) { (void)s.score(text, Cancellation{}); }},
      {"score_document", [&](const Scorer& s) { (void)s.score_document(text); }},
      {"score_document (cancellable)", [&](const Scorer& s) { (void)s.score_document(text, Cancellation{}); }},
      {"score_batch", [&](const Scorer& s) { (void)s.score_batch(one); }},
      {"score_batch_into",
       [&](const Scorer& s) {
         std::vector<double> scores(s.tones().size());
         std::vector<std::int64_t> n_cues(1);
         s.score_batch_into(one, scores, n_cues);
       }},
      {"score_document_batch", [&](const Scorer& s) { (void)s.score_document_batch(one); }},
      {"score_document_batch_into",
       [&](const Scorer& s) {
         const std::size_t n_tones = s.tones().size();
         std::vector<double> mean(n_tones), max(n_tones), share(n_tones);
         std::vector<std::int64_t> n_sentences(1), n_cues(1);
         s.score_document_batch_into(one, DocumentAggregates{mean, max, share, n_sentences, n_cues});
       }},
  };
  for (const auto& [name, call] : calls) {
    const auto [before, after] = asked_after(call);
    EXPECT_FALSE(before) << name;
    EXPECT_TRUE(after) << name;
  }
}

TEST(HugePages, ScoresAreTheSameWithAndWithout) {
  std::ifstream in(std::string(STIMMUNG_SOURCE_DIR) + "/tests/data/minimal_pairs.tsv");
  std::vector<std::string> texts;
  for (std::string line; std::getline(in, line);) texts.push_back(line);  // whole rows: many cues per text
  ASSERT_GT(texts.size(), 700U);
  const detail::Engine with(Lexicon::builtin(), ScorerOptions{});
  const auto advice = with.index().advise_huge_pages();
  EXPECT_EQ(advice.advised % kHugePageBytes, 0U);
  const detail::Engine without(Lexicon::builtin(), ScorerOptions{});
  for (const std::string& t : texts) {
    const auto end = static_cast<std::uint32_t>(t.size());
    const auto a = with.score_sentence(t, 0, end, 0);
    const auto b = without.score_sentence(t, 0, end, 0);
    ASSERT_TRUE(a.has_value() && b.has_value()) << t;
    ASSERT_EQ(a->scores, b->scores) << t;
    ASSERT_EQ(a->cues.size(), b->cues.size()) << t;
    for (std::size_t i = 0; i < a->cues.size(); ++i) {
      EXPECT_EQ(a->cues[i].begin, b->cues[i].begin) << t;
      EXPECT_EQ(a->cues[i].name_id, b->cues[i].name_id) << t;
      EXPECT_EQ(a->cues[i].weight, b->cues[i].weight) << t;
      EXPECT_EQ(a->cues[i].modifiers, b->cues[i].modifiers) << t;
    }
  }
}
