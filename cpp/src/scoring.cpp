// Scoring and explaining: from the modified candidates to per-tone scores and the cues shown to users.
// Decides: a candidate's effective weight (lexicon weight times its factor; 0 when negated, at most 1 when
// the negation is protested; a bubble certainty marker beside a bubble cue of its clause counts 0; a certainty
// marker lowers hedging by half its weight, or counts as hedging when negated), the score 1 - 2^-S of a
// tone's sum S (S below 0 counts as 0; one cue of weight 1 gives 0.5), and the Cue fields.
// Does not decide: which candidates exist or what modified them (candidates.cpp, rules/).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "sentence.hpp"
#include "stimmung/scorer.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung::detail {
namespace {

// A plain certainty marker of a content tone beside a cue of its tone in its clause is part of what the cue
// says, not a reassurance: "finanziert den Kauf fast vollständig über neue Anleihen" is debt financing.
// (The operator tone's markers, "gesichert", "bestätigt", weigh against its cues as the lexicon sets them.)
bool certainty_beside_cue(const Sentence& s, const Candidate& m) {
  if (!m.certainty || (m.modifiers & kNegated) != 0 || m.tone == s.index.negation_operator_tone()) return false;
  for (const Candidate& c : s.cands) {
    if (!c.certainty && c.tone == m.tone && (c.modifiers & kNegated) == 0 && s.same_clause(c.first, m.first)) {
      return true;
    }
  }
  return false;
}

}  // namespace

// The weight a candidate contributes to its tone's sum, after its modifiers and the tone's calibration (also read
// by rules/markers.cpp, whose with= cues need another tone present).
double effective_weight(const Sentence& s, const Candidate& c) {
  if ((c.modifiers & kOutOfScope) != 0) return 0.0;  // a market tone in a sentence about something else
  double w = s.index.entry(c.entry).weight * c.factor * s.index.tone_factor(c.tone);
  const bool negated = (c.modifiers & kNegated) != 0;
  if (c.certainty) {  // "nicht gesichert" is hedging; "gesichert" lowers it
    if (negated) return w;
    return certainty_beside_cue(s, c) ? 0.0 : -0.5 * w;
  }
  if (negated) {
    // "keine Blase", "keine Unsicherheit", "nicht nervös"; a protested denial leaves the tone, mild:
    // "Hier gibt es keine Blase, beteuerte der Fondsmanager".
    w = (c.modifiers & kProtested) != 0 ? std::min(w, 1.0) : 0.0;
  }
  return w;
}

namespace {

// Per tone, the sum S of effective weights becomes the score 1 - 2^-S (S below 0 counts as 0).
void to_scores(const Sentence& s, double* scores) {
  for (std::size_t k = 0; k < s.sums.size(); ++k) scores[k] = s.sums[k] > 0.0 ? 1.0 - std::exp2(-s.sums[k]) : 0.0;
}

// Appends a cue for tokens [first, last], built in place: offsets, the interned name, weights.
void add_cue(const Sentence& s, std::vector<Cue>& cues, std::size_t first, std::size_t last, std::uint32_t name,
             MatchType match, double weight, std::uint32_t modifiers) {
  Cue& cue = cues.emplace_back();
  cue.begin = s.raw[first].begin;
  cue.end = s.raw[last].end;
  cue.cp_begin = s.raw[first].cp_begin;
  cue.cp_end = s.raw[last].cp_end;
  cue.name_id = name;
  cue.match = static_cast<MatchKind>(match);
  cue.weight = weight;
  cue.modifiers = static_cast<std::uint16_t>(modifiers);
}

static_assert(static_cast<int>(MatchType::rule) == static_cast<int>(MatchKind::rule) &&
              static_cast<int>(MatchType::phrase) == static_cast<int>(MatchKind::phrase) &&
              static_cast<int>(MatchType::exact) == static_cast<int>(MatchKind::exact));
static_assert(kOutOfScope <= 0xFFFFU, "Cue::modifiers holds 16 bits");

}  // namespace

std::size_t tally(Sentence& s, double* scores) {
  s.sums.assign(s.index.tones().size(), 0.0);
  for (const Candidate& c : s.cands) s.sums[static_cast<std::size_t>(c.tone)] += effective_weight(s, c);
  if (const auto& q = s.sentence_cue) s.sums[static_cast<std::size_t>(q->tone)] += q->weight * s.index.tone_factor(q->tone);
  to_scores(s, scores);
  return s.cands.size() + (s.sentence_cue ? 1 : 0);
}

void explain(Sentence& s, std::uint32_t begin, std::uint32_t end, std::uint32_t cp_begin, DocumentSentence& out,
             std::vector<Cue>& cues, double* scores) {
  out.begin = begin;
  out.end = end;
  out.cp_begin = cp_begin;
  // Code points up to the last token are known from the tokenizer; only trailing spaces remain to count.
  const std::uint32_t counted_to = s.raw.empty() ? begin : s.raw.back().end;
  out.cp_end = (s.raw.empty() ? cp_begin : s.raw.back().cp_end) +
               static_cast<std::uint32_t>(count_code_points(s.text.substr(counted_to, end - counted_to)));
  out.n_tokens = static_cast<std::uint32_t>(s.n_tokens);
  domain_evidence(s);
  out.market = s.scope > 0 ? 1.0 : s.scope < 0 ? 0.0 : 0.5;
  s.sums.assign(s.index.tones().size(), 0.0);
  const std::size_t first = cues.size();
  // A sentence's own vector is allocated at its size; a document's grows as vectors do (or was reserved).
  if (first == 0 && !s.cands.empty()) cues.reserve(s.cands.size() + 1);
  for (const Candidate& c : s.cands) {
    const CompiledEntry& entry = s.index.entry(c.entry);
    const double w = effective_weight(s, c);
    s.sums[static_cast<std::size_t>(c.tone)] += w;
    add_cue(s, cues, c.first, c.last, entry.cue_name, c.match, w, c.modifiers);
  }
  if (const auto& q = s.sentence_cue) {
    const double w = q->weight * s.index.tone_factor(q->tone);
    s.sums[static_cast<std::size_t>(q->tone)] += w;
    add_cue(s, cues, q->token, q->token, q->name, MatchType::rule, w, q->modifiers);
  }
  to_scores(s, scores);
  // Candidates come ordered by their first token and a sentence cue sits at the last token: the cues are
  // in text order already, except in ways this check keeps safe.
  const auto by_begin = [](const Cue& a, const Cue& b) { return a.begin < b.begin; };
  const auto from = cues.begin() + static_cast<std::ptrdiff_t>(first);
  if (!std::is_sorted(from, cues.end(), by_begin)) std::stable_sort(from, cues.end(), by_begin);
}

}  // namespace stimmung::detail

namespace stimmung {

const std::vector<std::string_view>& rule_family_names() {
  static const std::vector<std::string_view> names = {"negation",        "intensity",    "contrast", "side_clause",
                                                      "reported_speech", "market_scope", "question", "price_movement",
                                                      "markers"};
  return names;
}

std::uint32_t rule_family(std::string_view name) {
  const auto& names = rule_family_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return 1U << i;
  }
  std::string known;
  for (const auto n : names) known += (known.empty() ? "" : ", ") + std::string(n);
  throw std::invalid_argument("unknown rule family '" + std::string(name) + "' (known: " + known + ")");
}

std::vector<std::string_view> modifier_names(std::uint32_t modifiers) {
  static constexpr std::pair<Modifier, std::string_view> kNames[] = {
      {kNegated, "negated"},         {kBoosted, "boosted"},   {kDampened, "dampened"}, {kContrast, "contrast"},
      {kSideClause, "side_clause"}, {kReported, "reported"}, {kQuestion, "question"},
      {kOutOfScope, "out_of_scope"}, {kProtested, "protested"}};
  std::vector<std::string_view> names;
  for (const auto& [bit, name] : kNames) {
    if ((modifiers & bit) != 0) names.push_back(name);
  }
  return names;
}

}  // namespace stimmung
