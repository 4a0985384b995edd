// The path of one sentence: tokens, word lookup, candidates, clauses, modifier rules, sentence rules,
// then the numbers (tally) or the full result (explain).
// Decides: the order of the stages and which a sentence can skip: most sentences hold no word that can
// start a cue and stop after the lookup; clauses are segmented only when a stage needs them; the
// modifier rules run only on sentences with candidates.
// Does not decide: anything a stage decides (see sentence.hpp for the list and files).
//
// Design notes: the stages are plain functions over a Sentence (no virtual call, no std::function); each
// runs once per sentence, and the per-token work stays inside a stage's file, inlined there.
#include <cmath>
#include <optional>
#include <thread>

#include "engine.hpp"
#include "memory_advice.hpp"
#include "stimmung/normalize.hpp"
#include "sentence.hpp"
#include "unicode.hpp"

namespace stimmung::detail {
namespace {

Workspace& workspace() {
  thread_local Workspace ws;
  return ws;
}

// Returns false, having done nothing else, when the sentence is not valid UTF-8 (found while tokenizing:
// no separate validation pass).
bool analyse(Sentence& s, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin) {
  if (!tokenize_checked(s.text.substr(begin, end - begin), s.raw, begin, cp_begin)) return false;
  s.n_tokens = s.raw.size();
  s.toks.resize(s.n_tokens);
  // Most sentences hold no cue at all: the clause and modifier rules only ever act on cues.
  if (look_up_words(s, end - begin)) {
    find_candidates(s);
    // Both drop conditional candidates, independently of each other; the marker test is the cheap one
    // (its words' markers come with the lookup), so the price test (clauses, figures) sees fewer. Both
    // come before expressions consume single words: "Geld leihen" (requires an asset) that does not count
    // leaves "geliehen" (requires a data centre) standing.
    keep_required_markers(s);
    keep_price_movements(s);
    resolve_overlaps(s);
    if (!s.cands.empty() || !s.phrase_negators.empty()) {
      s.ensure_clauses();
      apply_modifiers(s);
      keep_accompanied_cues(s);
    }
  }
  apply_sentence_rules(s);
  return true;
}

void report_domain(Sentence& s, SentenceDomain* domain) {
  if (domain == nullptr) return;
  if (!domain->evidence_needed) {
    // The document is about markets already: only what the sentence's own rules found is kept.
    domain->scope = s.domain_ready ? s.scope : 0;
    for (const Candidate& c : s.cands) domain->scoped_cues |= s.index.scoped(c.tone);
    return;
  }
  domain_evidence(s);
  domain->market = s.market_evidence;
  domain->nonmarket = s.nonmarket_evidence;
  domain->scope = s.scope;
  domain->scoped_cues = false;
  for (const Candidate& c : s.cands) domain->scoped_cues |= s.index.scoped(c.tone);
}

// The end of the window that starts at `begin` of a sentence ending at `end`: at most kWindowBytes on,
// after the last ASCII white space in the window's second half; failing that, on a code-point boundary.
std::uint32_t window_end(std::string_view text, std::uint32_t begin, std::uint32_t end) {
  if (end - begin <= kWindowBytes) return end;
  const auto limit = static_cast<std::uint32_t>(begin + kWindowBytes);
  for (std::uint32_t at = limit; at > begin + kWindowBytes / 2; --at) {
    const char c = text[at - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return at;
  }
  std::uint32_t at = limit;
  while (at > begin + kWindowBytes / 2 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at > begin + kWindowBytes / 2 ? at : limit;
}

// Per-tone sums, cue count and domain evidence of the windows of one long sentence, added up.
struct WindowTotals {
  std::vector<double> sums;
  SentenceDomain domain;

  explicit WindowTotals(std::size_t n_tones) : sums(n_tones, 0.0) {}
  void add(Sentence& s) {
    for (std::size_t k = 0; k < sums.size(); ++k) sums[k] += s.sums[k];
    domain_evidence(s);
    domain.market += s.market_evidence;
    domain.nonmarket += s.nonmarket_evidence;
    for (const Candidate& c : s.cands) domain.scoped_cues |= s.index.scoped(c.tone);
  }
  // As scoring.cpp turns one sentence's sums into scores: 1 - 2^-S, S below 0 counting as 0.
  void scores(double* out) const {
    for (std::size_t k = 0; k < sums.size(); ++k) out[k] = sums[k] > 0.0 ? 1.0 - std::exp2(-sums[k]) : 0.0;
  }
  void report(SentenceDomain* out) {
    domain.scope = scope_decision(domain.market, domain.nonmarket);
    if (out != nullptr) *out = domain;
  }
};

}  // namespace

std::optional<SentenceScore> Engine::score_sentence(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                                    std::uint32_t cp_begin, SentenceDomain* domain,
                                                    CancelMeter* meter) const {
  SentenceScore out;
  out.scores.resize(tones().size());
  DocumentSentence span;
  if (!explain_sentence(text, begin, end, cp_begin, span, out.cues, out.scores.data(), domain, meter, true)) {
    return std::nullopt;
  }
  span.copy_span_to(out);
  return out;
}

bool Engine::explain_sentence(std::string_view text, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin,
                              DocumentSentence& out, std::vector<Cue>& cues, double* scores, SentenceDomain* domain,
                              CancelMeter* meter, bool count_first) const {
  if (end - begin > kWindowBytes) {
    return explain_windows(text, begin, end, cp_begin, out, cues, scores, domain, meter, count_first);
  }
  Sentence s(index_, text, workspace());
  s.rules_off = options_.rules_off;
  s.full_domain_evidence = domain != nullptr;
  if (!analyse(s, begin, end, cp_begin)) return false;
  report_domain(s, domain);
  scored(meter, end - begin);
  explain(s, begin, end, cp_begin, out, cues, scores);
  return true;
}

std::optional<std::size_t> Engine::score_sentence_into(std::string_view text, std::uint32_t begin,
                                                       std::uint32_t end, double* scores,
                                                       SentenceDomain* domain, CancelMeter* meter) const {
  if (end - begin > kWindowBytes) return score_windows_into(text, begin, end, scores, domain, meter);
  Sentence s(index_, text, workspace());
  s.rules_off = options_.rules_off;
  s.full_domain_evidence = domain != nullptr && domain->evidence_needed;
  if (!analyse(s, begin, end, 0)) return std::nullopt;
  report_domain(s, domain);
  scored(meter, end - begin);
  return tally(s, scores);
}

// A sentence longer than kWindowBytes (a whole file without a full stop, a 50 MB CSV field), window by
// window: each holds only its own tokens, so memory is bounded by the window and not by the input.
bool Engine::explain_windows(std::string_view text, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin,
                             DocumentSentence& out, std::vector<Cue>& cues, double* scores, SentenceDomain* domain,
                             CancelMeter* meter, bool count_first) const {
  if (count_first) {
    // The cues are the result's bulk (a few million for 50 MB of news): counted first with the numbers-only
    // pass, so that the vector is allocated once at its size instead of growing by doubling and copying
    // (which took three times their size at its peak). A document counts all its cues itself.
    std::vector<double> numbers(tones().size());
    const std::optional<std::size_t> n_cues = score_windows_into(text, begin, end, numbers.data(), nullptr, meter);
    if (!n_cues) return false;
    cues.reserve(cues.size() + *n_cues);
  }
  WindowTotals totals(tones().size());
  std::vector<double> part_scores(tones().size());
  out.n_tokens = 0;
  std::uint32_t cp = cp_begin;
  for (std::uint32_t b = begin, e = 0; b < end; b = e) {
    e = window_end(text, b, end);
    Sentence s(index_, text, workspace());
    if (!analyse(s, b, e, cp)) return false;
    DocumentSentence part;
    explain(s, b, e, cp, part, cues, part_scores.data());
    totals.add(s);
    out.n_tokens += part.n_tokens;
    cp = part.cp_end;
    scored(meter, e - b);
  }
  out.begin = begin;
  out.end = end;
  out.cp_begin = cp_begin;
  out.cp_end = cp;
  totals.scores(scores);
  totals.report(domain);
  out.market = totals.domain.scope > 0 ? 1.0 : totals.domain.scope < 0 ? 0.0 : 0.5;
  return true;
}

std::optional<std::size_t> Engine::score_windows_into(std::string_view text, std::uint32_t begin,
                                                      std::uint32_t end, double* scores, SentenceDomain* domain,
                                                      CancelMeter* meter) const {
  WindowTotals totals(tones().size());
  std::vector<double> part(tones().size());
  std::size_t cues = 0;
  for (std::uint32_t b = begin, e = 0; b < end; b = e) {
    e = window_end(text, b, end);
    Sentence s(index_, text, workspace());
    if (!analyse(s, b, e, 0)) return std::nullopt;
    cues += tally(s, part.data());
    totals.add(s);
    scored(meter, e - b);
  }
  totals.scores(scores);
  totals.report(domain);
  return cues;
}

bool Engine::count_scored(std::size_t bytes) const noexcept {
  // Past the mark every call reads the count and leaves: no shared write, nothing for threads to wait on.
  if (scored_bytes_.load(std::memory_order_relaxed) >= kHugePagesAfterBytes) return false;
  const std::uint64_t before = scored_bytes_.fetch_add(bytes, std::memory_order_relaxed);
  if (before >= kHugePagesAfterBytes || before + bytes < kHugePagesAfterBytes) return false;
  // Exactly one call crosses the mark. The kernel takes from a few to a few hundred milliseconds to move
  // the index (finding free 2 MB pages may mean compacting memory), so a thread of its own asks, and the
  // caller goes on scoring; the thread holds the engine, so the spans it advises are the index's own.
  if (!huge_pages_wanted_) return true;
  const auto advise = [](const Engine& engine) { (void)engine.index().memory_spans().advise_huge_pages(); };
  try {
    if (std::shared_ptr<const Engine> owner = weak_from_this().lock()) {
      std::thread([owner = std::move(owner), advise] { advise(*owner); }).detach();
    } else {
      advise(*this);  // an engine of its own (tests): no owner to keep it alive for a thread
    }
    huge_pages_asked_.store(true, std::memory_order_release);
  } catch (...) {  // no thread or no memory for the spans: the advice is only a hint
  }
  return true;
}

}  // namespace stimmung::detail
