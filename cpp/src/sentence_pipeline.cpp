// The path of one sentence: tokens, word lookup, candidates, clauses, modifier rules, sentence rules,
// then the numbers (tally) or the full result (explain).
// Decides: the order of the stages and which a sentence can skip: most sentences hold no word that can
// start a cue and stop after the lookup; clauses are segmented only when a stage needs them; the
// modifier rules run only on sentences with candidates.
// Does not decide: anything a stage decides (see sentence.hpp for the list and files).
//
// Design notes: the stages are plain functions over a Sentence (no virtual call, no std::function); each
// runs once per sentence, and the per-token work stays inside a stage's file, inlined there.
#include <optional>

#include "engine.hpp"
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
    keep_price_movements(s);
    if (!s.cands.empty() || !s.phrase_negators.empty()) {
      s.ensure_clauses();
      apply_modifiers(s);
    }
  }
  apply_sentence_rules(s);
  return true;
}

void report_domain(Sentence& s, SentenceDomain* domain) {
  if (domain == nullptr) return;
  domain_evidence(s);
  domain->market = s.market_evidence;
  domain->nonmarket = s.nonmarket_evidence;
  domain->scope = s.scope;
  domain->scoped_cues = false;
  for (const Candidate& c : s.cands) domain->scoped_cues |= s.index.scoped(c.tone);
}

}  // namespace

std::optional<SentenceScore> Engine::score_sentence(std::string_view text, std::uint32_t begin, std::uint32_t end,
                                                    std::uint32_t cp_begin, SentenceDomain* domain) const {
  Sentence s(index_, text, workspace());
  s.rules_off = options_.rules_off;
  s.full_domain_evidence = domain != nullptr;
  if (!analyse(s, begin, end, cp_begin)) return std::nullopt;
  report_domain(s, domain);
  return explain(s, begin, end, cp_begin);
}

std::optional<std::size_t> Engine::score_sentence_into(std::string_view text, std::uint32_t begin,
                                                       std::uint32_t end, double* scores,
                                                       SentenceDomain* domain) const {
  Sentence s(index_, text, workspace());
  s.rules_off = options_.rules_off;
  s.full_domain_evidence = domain != nullptr;
  if (!analyse(s, begin, end, 0)) return std::nullopt;
  report_domain(s, domain);
  return tally(s, scores);
}

}  // namespace stimmung::detail
