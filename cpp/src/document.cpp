// Documents: split into sentences, score each, aggregate per tone.
// Decides: how sentence scores add up to document aggregates (mean, max, share >= 0.5), and the market
// scope of sentences that name no domain themselves: a document about another domain (its other-domain
// words outweigh its market words, summed over all sentences) gives their market-tone cues weight 0.
// Does not decide: where sentences end (segment.cpp) or what a sentence scores (sentence_pipeline.cpp).
#include <algorithm>
#include <limits>
#include <optional>

#include "engine.hpp"
#include "sentence.hpp"
#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"
#include "text_size.hpp"

namespace stimmung::detail {
namespace {

// Documents longer than this count their cues before building them (score_document).
constexpr std::size_t kCountCuesBytes = std::size_t{1} << 20;

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

// The document's scope decision from its sentences' evidence.
std::int8_t document_scope(const std::vector<SentenceDomain>& domains) {
  double market = 0.0, nonmarket = 0.0;
  for (const SentenceDomain& d : domains) {
    market += d.market;
    nonmarket += d.nonmarket;
  }
  return scope_decision(market, nonmarket);
}

// Whether sentence i takes the document's "another domain": it names neither domain, and has cues of a
// scoped tone (only then does anything change).
bool inherits_out_of_scope(const SentenceDomain& d, std::int8_t document) {
  return document < 0 && d.scope == 0 && d.scoped_cues;
}

}  // namespace

DocumentScore Engine::score_document(std::string_view input, CancelMeter* meter) const {
  check_text_size(input.size());
  DocumentScore doc;
  std::string_view text = input;
  if (!is_valid_utf8(input)) {
    doc.text = sanitize_utf8(input, options_.utf8, &doc.replaced_bytes);
    check_text_size(doc.text.size(), "text after replacing invalid UTF-8");
    text = doc.text;
  }
  const std::size_t n_tones = tones().size();
  // The spans live on in the sentences: the split's own vector is freed before the cues are built (a
  // 50 MB document has ~650,000 sentences).
  {
    const auto spans = split_sentences(text, index_.language(), meter);
    doc.sentences.resize(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
      doc.sentences[i].begin = spans[i].begin;
      doc.sentences[i].end = spans[i].end;
    }
  }
  const std::size_t n_sentences = doc.sentences.size();
  doc.scores.resize(n_sentences * n_tones);
  // The cues are the bulk of a large document's result (millions for 50 MB of news). Counted first with the
  // numbers-only pass (no Cue built), the flat vector is allocated once at its size: grown by doubling, it
  // held twice the cues at its last copy.
  if (text.size() > kCountCuesBytes) {
    std::vector<double> numbers(n_tones);
    std::size_t n_cues = 0;
    for (const DocumentSentence& s : doc.sentences) {
      n_cues += *score_sentence_into(text, s.begin, s.end, numbers.data(), nullptr, meter);
    }
    doc.cues.reserve(n_cues);
  }
  // Per sentence, only what the document's scope decision needs afterwards (the evidence is summed here).
  struct Seen {
    std::int8_t scope = 0;
    bool scoped_cues = false;
  };
  std::vector<Seen> seen(n_sentences);
  double market = 0.0, nonmarket = 0.0;
  std::uint32_t cp = 0;
  std::uint32_t cp_at = 0;  // byte offset that `cp` counts up to
  for (std::size_t i = 0; i < n_sentences; ++i) {
    const SentenceSpan s{doc.sentences[i].begin, doc.sentences[i].end};
    cp += static_cast<std::uint32_t>(count_code_points(text.substr(cp_at, s.begin - cp_at)));
    cp_at = s.begin;
    if (doc.cues.size() > std::numeric_limits<std::uint32_t>::max()) throw Error("more than 2^32 cues in a document");
    DocumentSentence& out = doc.sentences[i];
    out.first_cue = static_cast<std::uint32_t>(doc.cues.size());
    SentenceDomain domain;
    // text is valid UTF-8 here
    explain_sentence(text, s.begin, s.end, cp, out, doc.cues, doc.scores.data() + i * n_tones, &domain, meter, false);
    market += domain.market;
    nonmarket += domain.nonmarket;
    seen[i] = {domain.scope, domain.scoped_cues};
  }
  const std::int8_t scope = scope_decision(market, nonmarket);
  doc.market = scope > 0 ? 1.0 : scope < 0 ? 0.0 : 0.5;
  for (std::size_t i = 0; i < n_sentences; ++i) {
    if (!(scope < 0 && seen[i].scope == 0 && seen[i].scoped_cues)) continue;  // as inherits_out_of_scope
    const std::size_t first = doc.sentences[i].first_cue;
    const std::size_t last = i + 1 < n_sentences ? doc.sentences[i + 1].first_cue : doc.cues.size();
    for (std::size_t c = first; c < last; ++c) {
      Cue& cue = doc.cues[c];
      const auto k = std::find(tones().begin(), tones().end(), cue.tone()) - tones().begin();
      if (!index_.scoped(static_cast<int>(k))) continue;
      cue.weight = 0.0;
      cue.modifiers = static_cast<std::uint16_t>(cue.modifiers | kOutOfScope);
    }
    double* row = doc.scores.data() + i * n_tones;
    for (std::size_t k = 0; k < n_tones; ++k) {
      if (index_.scoped(static_cast<int>(k))) row[k] = 0.0;
    }
  }
  doc.mean.resize(n_tones);
  doc.max.resize(n_tones);
  doc.share.resize(n_tones);
  ToneAggregates aggregates(doc.mean.data(), doc.max.data(), doc.share.data(), n_tones);
  for (std::size_t i = 0; i < n_sentences; ++i) aggregates.add(doc.scores.data() + i * n_tones);
  aggregates.finish();
  return doc;
}

std::size_t Engine::score_document_into(std::string_view input, double* mean, double* max, double* share,
                                        std::size_t& n_sentences, CancelMeter* meter) const {
  check_text_size(input.size());
  std::string clean;
  std::string_view text = input;
  // Splitting finds out whether the text is valid UTF-8 as it goes (no pass of its own).
  std::optional<std::vector<SentenceSpan>> split = split_sentences_if_valid(input, index_.language(), meter);
  if (!split) {
    clean = sanitize_utf8(input, options_.utf8);
    check_text_size(clean.size(), "text after replacing invalid UTF-8");
    text = clean;
    split = split_sentences(text, index_.language(), meter);
  }
  const std::vector<SentenceSpan>& spans = *split;
  const std::size_t n_tones = tones().size();
  // Sentence scores are kept until the document's scope is known (per thread, reused).
  thread_local std::vector<double> scores;
  thread_local std::vector<SentenceDomain> domains;
  std::size_t n_cues = 0;
  scores.resize(spans.size() * n_tones);
  domains.assign(spans.size(), SentenceDomain{});
  // Once the market evidence of the sentences so far reaches 1, the document is about markets whatever
  // follows (scope_decision), and the later sentences' evidence need not be summed: no sentence can then
  // inherit "another domain", and this path reports no per-sentence market value.
  double market_so_far = 0.0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    domains[i].evidence_needed = market_so_far < 1.0;
    // text is valid UTF-8 here
    n_cues += *score_sentence_into(text, spans[i].begin, spans[i].end, scores.data() + i * n_tones, &domains[i],
                                   meter);
    market_so_far += domains[i].market;
  }
  const std::int8_t scope = document_scope(domains);
  ToneAggregates aggregates(mean, max, share, n_tones);
  for (std::size_t i = 0; i < spans.size(); ++i) {
    double* row = scores.data() + i * n_tones;
    if (inherits_out_of_scope(domains[i], scope)) {
      for (std::size_t k = 0; k < n_tones; ++k) {
        if (index_.scoped(static_cast<int>(k))) row[k] = 0.0;
      }
    }
    aggregates.add(row);
  }
  aggregates.finish();
  // A huge document must not pin its buffers to the thread for good.
  if (scores.capacity() > (std::size_t{1} << 20)) std::vector<double>().swap(scores);
  if (domains.capacity() > (std::size_t{1} << 18)) std::vector<SentenceDomain>().swap(domains);
  n_sentences = spans.size();
  return n_cues;
}

}  // namespace stimmung::detail
