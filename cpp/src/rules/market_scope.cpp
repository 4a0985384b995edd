// Market scope: bubble and nervousness speak of markets (guideline v2, "Scope"). A soap bubble, a
// nervous striker or a feared complication is not market tone.
// Decides: the sentence's market and other-domain evidence (the weights of its `market` and `figure`
// words, and of its `nonmarket` words: whole words, hyphen parts, compound heads and modifiers; the words
// of a market-tone phrase, a figure of speech, name no other domain: "auf dem Vulkan tanzen"; nor do the
// parts of a word that is a market-tone cue as a whole: "Geld|flut"), the decision it gives (market when
// one market word weighs 1, or the market words together weigh at least as much as the others; another
// domain when its words outweigh them; neither otherwise), and, for a sentence about another domain, weight
// 0 with kOutOfScope on every cue of a scoped tone (the tones `scope` lines name); and in any sentence, the
// same for a market-tone noun that names another domain as what it is about ("Matcha-Hype", "der Hype um
// fermentierte Limonaden"; about_other_domain).
// Does not decide: which words belong to which domain (the lexicon), or what a document decides for its
// sentences that name neither (document.cpp uses scope_decision over all its sentences).
//
// Design notes: the evidence is computed only when a sentence has a cue of a scoped tone, or when a
// document or an explanation asks for it; most sentences pay nothing beyond the whole-word domain entry
// that the word lookup stores anyway.
#include <algorithm>

#include "rules/rules.hpp"

namespace stimmung::detail {
namespace {

// A domain noun counts only capitalized, like a noun cue ("Spiel", not "spiel" in a lowercase headline
// ... unless the whole text is caseless).
bool counts(Sentence& s, std::size_t i, std::int32_t domain) {
  const CompiledEntry& e = s.index.entry(domain);
  return !e.noun || s.noun_place(i);
}

// "die 58-Jährige", "eine 3-Zimmer-Wohnung": a word that starts with a number is a noun when its part
// after the first hyphen is capitalized ("der 58-jährige Manager" is an adjective).
bool number_noun(const Sentence& s, std::size_t i) {
  const std::string_view surface = s.surface(i);
  if (surface.empty() || surface[0] < '0' || surface[0] > '9' || !s.raw[i].hyphenated) return false;
  const std::size_t dash = surface.find('-');
  return dash != std::string_view::npos && starts_upper(surface.substr(dash + 1));
}

// Market and other-domain weight of some words.
struct Evidence {
  double market = 0.0, nonmarket = 0.0;
  double strongest_market = 0.0;  // the largest market weight of one word
};

void add(const Sentence& s, std::int32_t domain, Evidence& ev) {
  if (domain < 0) return;
  const CompiledEntry& e = s.index.entry(domain);
  // A business figure (Umsatz, Inflation) speaks of the economy as much as a market word does.
  if (e.kind == EntryKind::market || e.kind == EntryKind::figure) ev.market += e.weight;
  if (e.kind == EntryKind::nonmarket) ev.nonmarket += e.weight;
}

// The domain evidence of word i: the whole word, else its compound head and modifier ("Aktien|kurs",
// "Fußball|spiel"), each part of a hyphenated word ("Champions-League-Spiel", "Tech-Aktie"); a word counts
// each domain once, by its strongest part: "Fußball|vereins" is one word of sport, not two.
void token_evidence(Sentence& s, std::size_t i, Evidence& ev) {
  if (const std::int32_t domain = s.domain_of(i); domain >= 0) {
    if (!counts(s, i, domain)) return;
    Evidence word;
    add(s, domain, word);
    ev.market += word.market;
    ev.nonmarket += word.nonmarket;
    ev.strongest_market = std::max(ev.strongest_market, word.market);
    return;
  }
  // Domain compounds are nouns: a lowercase word ("ansteigen", "übersteigen") is no "Teig" compound.
  if (!s.toks[i].capital && i != 0 && !s.caseless() && !number_noun(s, i)) return;
  const std::string_view k = s.key(i);
  Evidence strongest;
  const auto part = [&](std::int32_t domain) {
    Evidence one;
    add(s, domain, one);
    strongest.market = std::max(strongest.market, one.market);
    strongest.nonmarket = std::max(strongest.nonmarket, one.nonmarket);
  };
  std::size_t start = 0;
  while (start < k.size()) {
    std::size_t dash = s.raw[i].hyphenated ? k.find('-', start) : std::string_view::npos;
    if (dash == std::string_view::npos) dash = k.size();
    const std::string_view piece = k.substr(start, dash - start);
    if (const std::int32_t domain = s.raw[i].hyphenated ? s.index.domain_word(piece) : -1; domain >= 0) {
      part(domain);
    } else {
      const auto [head, modifier] = s.index.domain_compound(piece);
      part(head);
      if (modifier != head) part(modifier);
    }
    start = dash + 1;
  }
  ev.market += strongest.market;
  ev.nonmarket += strongest.nonmarket;
  ev.strongest_market = std::max(ev.strongest_market, strongest.market);
}

// What a market-tone noun is about, when it says so itself: its compound or hyphen parts ("Matcha-Hype",
// "Meisterschaftseuphorie") and the noun phrase of a profile `object_prepositions` word right after it
// ("der Hype um fermentierte Limonaden", up to its first capitalized word, at most object_reach words).
// Another domain there and no market word puts the cue out of scope in a market sentence too: "Der Hype um
// fermentierte Limonaden hat die Regale der Discounter erreicht". Only for the profile's object_scope_tone
// (bubble): worry about a virus in a market sentence can still be market nervousness.
bool about_other_domain(Sentence& s, const Candidate& c) {
  if (c.tone != s.index.object_scope_tone() || c.first != c.last || !s.toks[c.first].capital) return false;
  Evidence ev;
  // Its own parts only when the cue is one of them: "Matcha-Hype", "Meisterschaftseuphorie"; a word that is
  // a cue as a whole ("Seifenblase", the image for a market) names no object by its parts.
  if (c.match == MatchType::compound || s.raw[c.first].hyphenated) token_evidence(s, c.first, ev);
  const std::size_t p = c.last + 1;
  if (p < s.n_tokens && s.is_word(p) && s.lang.object_prepositions.contains(s.key(p))) {
    for (std::size_t j = p + 1; j < s.n_tokens && j - p <= s.lang.object_reach && s.same_clause(j, p); ++j) {
      if (!s.is_word(j)) continue;
      token_evidence(s, j, ev);
      if (s.toks[j].capital) break;
    }
  }
  return ev.nonmarket >= 1.0 && ev.market == 0.0;
}

// The tokens (0-63, as bits) whose words name markets but no other domain: the words of a market-tone
// phrase, a figure of speech ("auf dem Vulkan tanzen", "Öl ins Feuer gießen"), and a word that is a
// market-tone cue as a whole, whose compound parts are the image ("Geld|flut": "Flut" is no weather here;
// "Verkaufs|lawine"). A domain line for such a whole word still counts.
std::uint64_t market_only_words(Sentence& s) {
  std::uint64_t bits = 0;
  for (const Candidate& c : s.cands) {
    if (!s.index.scoped(c.tone) || c.first >= 64) continue;
    if (c.match == MatchType::phrase) {
      bits |= c.words << c.first;
    } else if ((c.match == MatchType::exact || c.match == MatchType::inflected) && c.first == c.last &&
               s.domain_of(c.first) < 0) {
      bits |= std::uint64_t{1} << c.first;
    }
  }
  return bits;
}

// A sentence's decision: one market word of weight 1 decides it; weaker ones ("Vorstands|vorsitzender",
// "Krankenhaus|gesellschaft") only weigh against the other domain's words, however many they add up to.
// (A document sums its sentences' evidence and decides with scope_decision.)
std::int8_t sentence_scope(const Evidence& ev) {
  if (ev.strongest_market >= 1.0 || (ev.market > 0.0 && ev.market >= ev.nonmarket)) return 1;
  if (ev.nonmarket > 0.0) return -1;
  return 0;
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
  Evidence ev;
  const std::uint64_t market_only = market_only_words(s);
  for (std::size_t i = 0; i < s.n_tokens; ++i) {
    // A market word of weight 1 decides the sentence; only a document's sums need the rest.
    if (ev.strongest_market >= 1.0 && !s.full_domain_evidence) break;
    if (!s.is_word(i)) continue;
    if (i >= 64 || ((market_only >> i) & 1U) == 0) {
      token_evidence(s, i, ev);
      continue;
    }
    Evidence own;  // names markets ("Geld haben") but no other domain ("Vulkan", the "Flut" of "Geldflut")
    token_evidence(s, i, own);
    ev.market += own.market;
    ev.strongest_market = std::max(ev.strongest_market, own.market);
  }
  s.market_evidence = ev.market;
  s.nonmarket_evidence = ev.nonmarket;
  s.scope = sentence_scope(ev);
}

void apply_market_scope(Sentence& s) {
  if (!s.index.has_scope()) return;
  bool any = false;
  for (const Candidate& c : s.cands) any |= s.index.scoped(c.tone);
  if (!any) return;
  domain_evidence(s);
  for (Candidate& c : s.cands) {
    if (!s.index.scoped(c.tone) || (s.scope >= 0 && !about_other_domain(s, c))) continue;
    c.factor = 0.0;
    c.modifiers |= kOutOfScope;
  }
}

}  // namespace stimmung::detail
