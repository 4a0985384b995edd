// The public Scorer: single texts, and batches on a pool of worker threads.
// Decides: how a batch is spread over threads (chunks of 64, first exception rethrown, cancellation checked
// between chunks and, through a CancelMeter per worker, every 256 KB scored) and
// what invalid UTF-8 gets before scoring (the ScorerOptions policy).
// A batch checks the size of all its texts (kMaxTextBytes, text_size.hpp) before it scores any.
// Does not decide: what a text scores (the Engine: sentence_pipeline.cpp, document.cpp).
#include "stimmung/scorer.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "engine.hpp"
#include "log.hpp"
#include "stimmung/error.hpp"
#include "text_size.hpp"

namespace stimmung {
namespace {

// Runs fn(i, meter) for i in [0, n) on a pool of worker threads that take chunks of at most 64 indices,
// smaller towards the end (a quarter of each thread's share of what is left: guided scheduling), so the
// workers finish together: with 64 documents of a few KB a chunk, the last chunk of a 1,000-document batch
// left one core idle for several milliseconds. Each worker has its own CancelMeter, which fn feeds with
// the bytes it scores (so one huge text is checked inside, and many small ones between them). The first
// exception of any worker is rethrown after the join; a set cancellation flag stops the workers soon and
// ends in CancelledError.
// The machine's hardware threads, asked once: glibc reads /sys/devices/system/cpu/online on every call, a
// file system round trip that small batches (a spaCy doc, a fuzz input) paid per call.
std::size_t hardware_threads() {
  static const std::size_t hardware = std::max(1U, std::thread::hardware_concurrency());
  return hardware;
}

template <typename Fn>
void parallel_for(std::size_t n, const BatchOptions& options, Fn&& fn) {
  std::size_t threads = options.n_threads > 0 ? static_cast<std::size_t>(options.n_threads) : hardware_threads();
  // Small batches are not worth a thread each: at least 32 texts per worker.
  threads = std::clamp<std::size_t>(std::min(threads, n / 32 + 1), 1, 256);
  constexpr std::size_t kChunk = 64;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  const Cancellation cancel{options.cancel, {}};
  auto work = [&] {
    detail::CancelMeter meter(cancel);
    detail::CancelMeter* metered = options.cancel != nullptr ? &meter : nullptr;
    try {
      while (!failed.load(std::memory_order_relaxed)) {
        if (options.cancel != nullptr && options.cancel->load(std::memory_order_relaxed)) return;
        std::size_t start = next.load(std::memory_order_relaxed);
        std::size_t size = 0;
        do {
          if (start >= n) return;
          size = std::clamp<std::size_t>((n - start) / (threads * 4), 1, kChunk);
        } while (!next.compare_exchange_weak(start, start + size, std::memory_order_relaxed));
        const std::size_t stop = start + size;
        for (std::size_t i = start; i < stop; ++i) fn(i, metered);
      }
    } catch (const CancelledError&) {
      return;  // the flag is set: CancelledError follows after the join
    } catch (...) {
      const std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      failed.store(true);
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  }  // jthreads join here
  if (error) std::rethrow_exception(error);
  if (options.cancel != nullptr && options.cancel->load()) throw CancelledError();
}

// Refuses a batch with a text over kMaxTextBytes before any work starts, naming the first such text.
// Checks every text's size; returns their total.
std::size_t check_text_sizes(std::span<const std::string_view> texts) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].size() > kMaxTextBytes) detail::text_too_large(texts[i].size(), "texts[" + std::to_string(i) + "]");
    total += texts[i].size();
  }
  return total;
}

// score() with an optional meter.
SentenceScore score_text(const detail::Engine& engine, std::string_view text, detail::CancelMeter* meter) {
  detail::check_text_size(text.size());
  // Valid UTF-8, the common case, is scored at once; invalid input is repaired (or rejected) first.
  if (auto scored = engine.score_sentence(text, 0, static_cast<std::uint32_t>(text.size()), 0, nullptr, meter)) {
    return std::move(*scored);
  }
  std::size_t replaced = 0;
  std::string clean = sanitize_utf8(text, engine.options().utf8, &replaced);
  detail::check_text_size(clean.size(), "text after replacing invalid UTF-8");
  detail::logger().debug("replaced {} invalid UTF-8 sequences", replaced);
  SentenceScore out = *engine.score_sentence(clean, 0, static_cast<std::uint32_t>(clean.size()), 0, nullptr, meter);
  out.text = std::move(clean);  // the cues' offsets refer to it
  return out;
}

}  // namespace

Scorer::Scorer(const Lexicon& lexicon, ScorerOptions options)
    : engine_(std::make_shared<const detail::Engine>(lexicon, std::move(options))) {}

SentenceScore Scorer::score(std::string_view text) const {
  engine_->count_scored(text.size());
  return score_text(*engine_, text, nullptr);
}

SentenceScore Scorer::score(std::string_view text, const Cancellation& cancel) const {
  engine_->count_scored(text.size());
  detail::CancelMeter meter(cancel);
  return score_text(*engine_, text, &meter);
}

DocumentScore Scorer::score_document(std::string_view text) const {
  engine_->count_scored(text.size());
  return engine_->score_document(text);
}

DocumentScore Scorer::score_document(std::string_view text, const Cancellation& cancel) const {
  engine_->count_scored(text.size());
  detail::CancelMeter meter(cancel);
  return engine_->score_document(text, &meter);
}

std::vector<SentenceScore> Scorer::score_batch(std::span<const std::string_view> texts, BatchOptions options) const {
  engine_->count_scored(check_text_sizes(texts));
  std::vector<SentenceScore> results(texts.size());
  parallel_for(texts.size(), options,
               [&](std::size_t i, detail::CancelMeter* meter) { results[i] = score_text(*engine_, texts[i], meter); });
  return results;
}

void Scorer::score_batch_into(std::span<const std::string_view> texts, std::span<double> scores,
                              std::span<std::int64_t> n_cues, BatchOptions options) const {
  const std::size_t n_tones = tones().size();
  if (scores.size() != texts.size() * n_tones || n_cues.size() != texts.size()) {
    throw InvalidInputError("score_batch_into: " + std::to_string(texts.size()) + " texts need " +
                            std::to_string(texts.size() * n_tones) + " scores and " + std::to_string(texts.size()) +
                            " cue counts, got " + std::to_string(scores.size()) + " and " +
                            std::to_string(n_cues.size()));
  }
  engine_->count_scored(check_text_sizes(texts));
  parallel_for(texts.size(), options, [&](std::size_t i, detail::CancelMeter* meter) {
    double* out = scores.data() + i * n_tones;
    const auto whole = [](std::string_view t) { return static_cast<std::uint32_t>(t.size()); };
    std::optional<std::size_t> cues = engine_->score_sentence_into(texts[i], 0, whole(texts[i]), out, nullptr, meter);
    if (!cues) {
      const std::string clean = sanitize_utf8(texts[i], engine_->options().utf8);
      detail::check_text_size(clean.size(), "texts[" + std::to_string(i) + "] after replacing invalid UTF-8");
      cues = engine_->score_sentence_into(clean, 0, whole(clean), out, nullptr, meter);
    }
    n_cues[i] = static_cast<std::int64_t>(*cues);
  });
}

std::vector<DocumentScore> Scorer::score_document_batch(std::span<const std::string_view> texts,
                                                        BatchOptions options) const {
  engine_->count_scored(check_text_sizes(texts));
  std::vector<DocumentScore> results(texts.size());
  parallel_for(texts.size(), options,
               [&](std::size_t i, detail::CancelMeter* meter) { results[i] = engine_->score_document(texts[i], meter); });
  return results;
}

void Scorer::score_document_batch_into(std::span<const std::string_view> texts, const DocumentAggregates& out,
                                       BatchOptions options) const {
  const std::size_t n = texts.size();
  const std::size_t n_tones = tones().size();
  if (out.mean.size() != n * n_tones || out.max.size() != n * n_tones || out.share.size() != n * n_tones ||
      out.n_sentences.size() != n || out.n_cues.size() != n) {
    throw InvalidInputError("score_document_batch_into: " + std::to_string(n) + " texts need " +
                            std::to_string(n * n_tones) + " values in mean, max and share and " +
                            std::to_string(n) + " in n_sentences and n_cues");
  }
  engine_->count_scored(check_text_sizes(texts));
  parallel_for(n, options, [&](std::size_t i, detail::CancelMeter* meter) {
    std::size_t sentences = 0;
    const std::size_t at = i * n_tones;
    const std::size_t cues = engine_->score_document_into(texts[i], out.mean.data() + at, out.max.data() + at,
                                                          out.share.data() + at, sentences, meter);
    out.n_sentences[i] = static_cast<std::int64_t>(sentences);
    out.n_cues[i] = static_cast<std::int64_t>(cues);
  });
}

const std::vector<std::string>& Scorer::tones() const noexcept { return engine_->tones(); }
const Lexicon& Scorer::lexicon() const noexcept { return engine_->lexicon(); }
const ScorerOptions& Scorer::options() const noexcept { return engine_->options(); }
const Profile& Scorer::profile() const noexcept { return engine_->profile(); }
std::string Scorer::fingerprint() const { return engine_->lexicon().fingerprint(engine_->profile()); }

}  // namespace stimmung
