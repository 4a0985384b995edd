// Market scope: bubble and nervousness speak of markets (guideline v2, "Scope"). A soap bubble, a
// nervous striker or a feared complication is not market tone.
// Decides: the sentence's market and other-domain evidence (the weights of its `market` and `figure`
// words, and of its `nonmarket` words: whole words, hyphen parts, compound heads and modifiers), the decision it gives (market when
// some market word weighs 1, or market words weigh at least as much as the others; another domain when
// only other-domain words are there; neither otherwise), and, for a sentence about another domain, weight
// 0 with kOutOfScope on every cue of a scoped tone (the tones `scope` lines name).
// Does not decide: which words belong to which domain (the lexicon), or what a document decides for its
// sentences that name neither (document.cpp uses scope_decision over all its sentences).
//
// Design notes: the evidence is computed only when a sentence has a cue of a scoped tone, or when a
// document or an explanation asks for it; most sentences pay nothing beyond the whole-word domain entry
// that the word lookup stores anyway.
#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

// A domain noun counts only capitalized, like a noun cue ("Spiel", not "spiel" in a lowercase headline
// ... unless the whole text is caseless).
bool counts(Sentence& s, std::size_t i, std::int32_t domain) {
  const CompiledEntry& e = s.index.entry(domain);
  return !e.noun || s.toks[i].capital || i == 0 || s.caseless();
}

// "die 58-Jährige", "eine 3-Zimmer-Wohnung": a word that starts with a number is a noun when its part
// after the first hyphen is capitalized ("der 58-jährige Manager" is an adjective).
bool number_noun(const Sentence& s, std::size_t i) {
  const std::string_view surface = s.surface(i);
  if (surface.empty() || surface[0] < '0' || surface[0] > '9' || !s.raw[i].hyphenated) return false;
  const std::size_t dash = surface.find('-');
  return dash != std::string_view::npos && starts_upper(surface.substr(dash + 1));
}

void add(Sentence& s, std::int32_t domain) {
  if (domain < 0) return;
  const CompiledEntry& e = s.index.entry(domain);
  // A business figure (Umsatz, Inflation) speaks of the economy as much as a market word does.
  if (e.kind == EntryKind::market || e.kind == EntryKind::figure) s.market_evidence += e.weight;
  if (e.kind == EntryKind::nonmarket) s.nonmarket_evidence += e.weight;
}

}  // namespace

std::int8_t scope_decision(double market, double nonmarket) noexcept {
  if (market >= 1.0 || (market > 0.0 && market >= nonmarket)) return 1;
  if (nonmarket > 0.0) return -1;
  return 0;
}

void domain_evidence(Sentence& s) {
  if (s.domain_ready) return;
  s.domain_ready = true;
  s.market_evidence = 0.0;
  s.nonmarket_evidence = 0.0;
  if (!s.index.has_scope()) return;
  for (std::size_t i = 0; i < s.n_tokens; ++i) {
    // A market word of weight 1 decides the sentence; only a document's sums need the rest.
    if (s.market_evidence >= 1.0 && !s.full_domain_evidence) break;
    if (!s.is_word(i)) continue;
    const TokenInfo& t = s.toks[i];
    if (const std::int32_t domain = s.domain_of(i); domain >= 0) {
      if (counts(s, i, domain)) add(s, domain);
      continue;
    }
    // Compounds, also of words of the index ("Spekulationsblase" is a cue whose modifier names markets):
    // the head and the modifier each count ("Aktien|kurs", "Fußball|spiel"). Domain compounds are nouns:
    // a lowercase word ("ansteigen", "übersteigen") is no "Teig" compound.
    if (!t.capital && i != 0 && !s.caseless() && !number_noun(s, i)) continue;
    const std::string_view k = s.key(i);
    if (!s.raw[i].hyphenated) {
      const auto [head, modifier] = s.index.domain_compound(k);
      add(s, head);
      if (modifier != head) add(s, modifier);
      continue;
    }
    // "Champions-League-Spiel", "Tech-Aktie": each part, as a word or as a compound.
    std::size_t start = 0;
    while (start < k.size()) {
      std::size_t dash = k.find('-', start);
      if (dash == std::string_view::npos) dash = k.size();
      const std::string_view part = k.substr(start, dash - start);
      if (const std::int32_t domain = s.index.domain_word(part); domain >= 0) {
        add(s, domain);
      } else {
        const auto [head, modifier] = s.index.domain_compound(part);
        add(s, head);
        if (modifier != head) add(s, modifier);
      }
      start = dash + 1;
    }
  }
  s.scope = scope_decision(s.market_evidence, s.nonmarket_evidence);
}

void apply_market_scope(Sentence& s) {
  if (!s.index.has_scope()) return;
  bool any = false;
  for (const Candidate& c : s.cands) any |= s.index.scoped(c.tone);
  if (!any) return;
  domain_evidence(s);
  if (s.scope >= 0) return;
  for (Candidate& c : s.cands) {
    if (!s.index.scoped(c.tone)) continue;
    c.factor = 0.0;
    c.modifiers |= kOutOfScope;
  }
}

}  // namespace stimmung::detail
