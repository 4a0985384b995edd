// Documents: split into sentences, score each, aggregate per tone.
// Decides: how sentence scores add up to document aggregates (mean, max, share >= 0.5).
// Does not decide: where sentences end (segment.cpp) or what a sentence scores (sentence_pipeline.cpp).
#include <algorithm>

#include "engine.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung::detail {
namespace {

// Per tone, the mean and maximum sentence score and the share of sentences scoring >= 0.5, from the
// sentence scores added one by one, into caller-owned rows of n_tones values.
class ToneAggregates {
 public:
  ToneAggregates(double* mean, double* max, double* share, std::size_t n_tones)
      : mean_(mean), max_(max), share_(share), n_tones_(n_tones) {
    std::fill_n(mean_, n_tones_, 0.0);
    std::fill_n(max_, n_tones_, 0.0);
    std::fill_n(share_, n_tones_, 0.0);
  }

  void add(const double* scores) {
    for (std::size_t k = 0; k < n_tones_; ++k) {
      mean_[k] += scores[k];
      max_[k] = std::max(max_[k], scores[k]);
      share_[k] += scores[k] >= 0.5 ? 1.0 : 0.0;
    }
    ++n_;
  }

  void finish() {
    if (n_ == 0) return;
    const auto n = static_cast<double>(n_);
    for (std::size_t k = 0; k < n_tones_; ++k) {
      mean_[k] /= n;
      share_[k] /= n;
    }
  }

 private:
  double* mean_;
  double* max_;
  double* share_;
  std::size_t n_tones_;
  std::size_t n_ = 0;
};

}  // namespace

DocumentScore Engine::score_document(std::string_view input) const {
  DocumentScore doc;
  std::string_view text = input;
  if (!is_valid_utf8(input)) {
    doc.text = sanitize_utf8(input, options_.utf8, &doc.replaced_bytes);
    text = doc.text;
  }
  const auto spans = split_sentences(text);
  doc.sentences.reserve(spans.size());
  std::uint32_t cp = 0;
  std::uint32_t cp_at = 0;  // byte offset that `cp` counts up to
  for (const SentenceSpan& s : spans) {
    cp += static_cast<std::uint32_t>(count_code_points(text.substr(cp_at, s.begin - cp_at)));
    cp_at = s.begin;
    doc.sentences.push_back(*score_sentence(text, s.begin, s.end, cp));  // text is valid UTF-8 here
  }
  const std::size_t n_tones = tones().size();
  doc.mean.resize(n_tones);
  doc.max.resize(n_tones);
  doc.share.resize(n_tones);
  ToneAggregates aggregates(doc.mean.data(), doc.max.data(), doc.share.data(), n_tones);
  for (const SentenceScore& s : doc.sentences) aggregates.add(s.scores.data());
  aggregates.finish();
  return doc;
}

std::size_t Engine::score_document_into(std::string_view input, double* mean, double* max, double* share,
                                        std::size_t& n_sentences) const {
  std::string clean;
  std::string_view text = input;
  if (!is_valid_utf8(input)) {
    clean = sanitize_utf8(input, options_.utf8);
    text = clean;
  }
  thread_local std::vector<double> scores;
  scores.resize(tones().size());
  ToneAggregates aggregates(mean, max, share, tones().size());
  std::size_t n_cues = 0;
  const auto spans = split_sentences(text);
  for (const SentenceSpan& s : spans) {
    n_cues += *score_sentence_into(text, s.begin, s.end, scores.data());  // text is valid UTF-8 here
    aggregates.add(scores.data());
  }
  aggregates.finish();
  n_sentences = spans.size();
  return n_cues;
}

}  // namespace stimmung::detail
