// The language profile (format: docs/profile-format.md): parsing, checks, the built-in German profile.
// Decides: what a valid profile line is (a known setting, the right number and type of values, in range),
// the LexiconError (file and line) for a bad one, and how a file changes the built-in profile (each
// setting it names is replaced; the lines of one list add up).
// Does not decide: what a setting does: the rules, the clause segmenter, the index and the splitter read
// the compiled ProfileData (profile_data.hpp).
#include "stimmung/profile.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "builtin_profile.hpp"
#include "log.hpp"
#include "profile_data.hpp"
#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung {
namespace detail {
namespace {

// How a setting's values are read: a count (integer), a factor (decimal), a tone name (or - for none),
// or a list of words kept as lookup keys, case-folded (the splitter compares folded words) or as written.
enum class Type { count, factor, tone, keys, folded, marks };

struct Setting {
  std::string_view name;
  Type type;
  double lo = 0, hi = 0;  // count and factor range
  std::uint32_t ProfileData::*count = nullptr;
  double ProfileData::*factor = nullptr;
  std::string ProfileData::*tone = nullptr;
  WordList ProfileData::*words = nullptr;
};

Setting count(std::string_view n, std::uint32_t ProfileData::*m, double hi) { return {n, Type::count, 0, hi, m}; }
Setting factor(std::string_view n, double ProfileData::*m, double lo, double hi) {
  return {n, Type::factor, lo, hi, nullptr, m};
}
Setting tone(std::string_view n, std::string ProfileData::*m) { return {n, Type::tone, 0, 0, nullptr, nullptr, m}; }
Setting words(std::string_view n, WordList ProfileData::*m, Type t = Type::keys) {
  return {n, t, 0, 0, nullptr, nullptr, nullptr, m};
}

// The settings, in file order (cpp/data/profile_de.tsv).
const std::vector<Setting>& settings() {
  using P = ProfileData;
  static const std::vector<Setting> all = {
      words("relative_pronouns", &P::relative_pronouns),
      words("complementizers", &P::complementizers),
      words("conjunction_openers", &P::conjunction_openers),
      words("adverbial_clause_words", &P::adverbial_clause_words),
      words("list_conjunctions", &P::list_conjunctions),
      count("negation_reach_after", &P::negation_reach_after, 64),
      count("negation_reach_before", &P::negation_reach_before, 64),
      count("clause_negation_reach", &P::clause_negation_reach, 64),
      words("negation_cancellers", &P::negation_cancellers),
      words("ending_verbs", &P::ending_verbs),
      words("dismissive_words", &P::dismissive_words),
      words("saying_infinitives", &P::saying_infinitives),
      words("infinitive_markers", &P::infinitive_markers),
      words("affirming_infinitives", &P::affirming_infinitives),
      words("forward_only_negators", &P::forward_only_negators),
      words("no_longer_words", &P::no_longer_words),
      words("since_words", &P::since_words),
      words("comparison_words", &P::comparison_words),
      words("degree_words", &P::degree_words),
      words("alternative_words", &P::alternative_words),
      words("alternative_marks", &P::alternative_marks, Type::marks),
      words("protest_words", &P::protest_words),
      words("likeness_words", &P::likeness_words),
      words("likeness_fillers", &P::likeness_fillers),
      words("never_words", &P::never_words),
      count("never_degree_reach", &P::never_degree_reach, 64),
      words("approximators", &P::approximators),
      words("noun_phrase_attributes", &P::noun_phrase_attributes),
      count("since_reach", &P::since_reach, 64),
      words("not_yet_words", &P::not_yet_words),
      factor("not_yet_factor", &P::not_yet_factor, 0, 1),
      words("belief_words", &P::belief_words),
      words("denial_words", &P::denial_words),
      words("denial_particles", &P::denial_particles),
      words("denial_particle_verbs", &P::denial_particle_verbs),
      count("belief_reach", &P::belief_reach, 64),
      count("denied_belief_reach", &P::denied_belief_reach, 64),
      words("purpose_openers", &P::purpose_openers),
      words("presupposing_words", &P::presupposing_words),
      count("presupposing_reach", &P::presupposing_reach, 64),
      words("object_prepositions", &P::object_prepositions),
      count("object_reach", &P::object_reach, 64),
      tone("object_scope_tone", &P::object_scope_tone),
      tone("negation_operator_tone", &P::negation_operator_tone),
      count("modifier_reach", &P::modifier_reach, 64),
      words("modifier_blockers", &P::modifier_blockers),
      count("particle_reach", &P::particle_reach, 64),
      words("particle_governed", &P::particle_governed),
      words("first_person", &P::first_person),
      words("determiners", &P::determiners),
      tone("side_clause_tone", &P::side_clause_tone),
      factor("side_clause_factor", &P::side_clause_factor, 0, 5),
      count("reported_reach", &P::reported_reach, 64),
      factor("reported_factor", &P::reported_factor, 0, 5),
      words("perfect_auxiliaries", &P::perfect_auxiliaries),
      count("participle_min_length", &P::participle_min_length, 64),
      words("participle_endings", &P::participle_endings),
      tone("question_tone", &P::question_tone),
      factor("question_weight", &P::question_weight, 0, 3),
      words("question_marks", &P::question_marks, Type::marks),
      words("reason_interrogatives", &P::reason_interrogatives),
      words("percent_words", &P::percent_words),
      words("percent_signs", &P::percent_signs, Type::marks),
      words("level_words", &P::level_words),
      words("range_words", &P::range_words),
      words("from_words", &P::from_words),
      words("magnitude_words", &P::magnitude_words),
      words("by_words", &P::by_words),
      words("circumstance_words", &P::circumstance_words),
      words("comparison_particles", &P::comparison_particles),
      words("causative_words", &P::causative_words),
      words("index_words", &P::index_words),
      factor("index_movement_factor", &P::index_movement_factor, 0, 1),
      words("frequent_words", &P::frequent_words),
      words("abbreviations", &P::abbreviations, Type::folded),
      words("final_abbreviations", &P::final_abbreviations, Type::folded),
      words("amounts", &P::amounts, Type::folded),
      words("units", &P::units, Type::folded),
      words("legal_forms", &P::legal_forms, Type::folded),
      words("months", &P::months, Type::folded),
      words("ordinal_context", &P::ordinal_context, Type::folded),
      words("domains", &P::domains, Type::folded),
  };
  return all;
}

std::string_view trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> split_values(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

bool valid_tone_name(std::string_view t) {
  if (t.empty() || t.size() > 64 || !(t[0] >= 'a' && t[0] <= 'z')) return false;
  for (const char c : t) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

double number(std::string_view v, bool& ok) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
  ok = !v.empty() && ec == std::errc() && ptr == v.data() + v.size() && std::isfinite(value);
  return value;
}

// Checks one line's values for setting @p s; returns the error, or "" when they are fine.
std::string check(const Setting& s, const std::vector<std::string>& values) {
  const std::string name(s.name);
  switch (s.type) {
    case Type::count:
    case Type::factor: {
      if (values.size() != 1) return name + " takes one number, found " + std::to_string(values.size()) + " values";
      bool ok = false;
      const double v = number(values[0], ok);
      if (!ok) return name + ": '" + values[0] + "' is not a number";
      if (s.type == Type::count && v != std::floor(v)) return name + " must be a whole number, not " + values[0];
      if (v < s.lo || v > s.hi) {
        std::ostringstream msg;
        msg << name << " must lie in [" << s.lo << ", " << s.hi << "], not " << values[0];
        return msg.str();
      }
      return {};
    }
    case Type::tone:
      if (values.size() != 1) return name + " takes one tone name (or -)";
      if (values[0] != "-" && !valid_tone_name(values[0])) return name + ": bad tone name '" + values[0] + "'";
      return {};
    default:
      for (const auto& v : values) {
        if (v == "-" && values.size() > 1) return name + ": '-' (no words) stands alone";
      }
      return {};
  }
}

// Members computed from others: the phrases of two word lists, so that a negator or a particle scans a
// handful of phrases.
void derive(ProfileData& d) {
  const auto phrases = [](const WordList& words, WordList& out) {
    out.clear();
    for (const std::string& w : words) {
      if (w.find('_') != std::string::npos) out.push_back(w);
    }
  };
  phrases(d.negation_cancellers, d.canceller_phrases);
  phrases(d.ending_verbs, d.ending_verb_pairs);
  phrases(d.dismissive_words, d.dismissive_phrases);
  d.dismissive_phrase_starts.clear();
  for (const std::string& phrase : d.dismissive_phrases) d.dismissive_phrase_starts.push_back(phrase.substr(0, phrase.find('_')));
  d.ending_pair_verbs.clear();
  for (const std::string& pair : d.ending_verb_pairs) d.ending_pair_verbs.push_back(pair.substr(0, pair.find('_')));
  phrases(d.particle_governed, d.governed_phrases);
}

// The typed members from the raw values (checked already).
void compile(ProfileData& d) {
  const auto& all = settings();
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Setting& s = all[i];
    const auto& values = d.raw[i];
    bool ok = false;
    switch (s.type) {
      case Type::count: d.*s.count = static_cast<std::uint32_t>(number(values[0], ok)); break;
      case Type::factor: d.*s.factor = number(values[0], ok); break;
      case Type::tone: d.*s.tone = values[0] == "-" ? std::string() : values[0]; break;
      default: {
        WordList& list = d.*s.words;
        list.clear();
        for (const auto& v : values) {
          if (v == "-") continue;
          if (s.type == Type::keys && v.find('_') != std::string::npos) {
            // "vom_Tisch": a phrase, the keys of its words joined by '_'.
            std::string phrase;
            for (std::size_t start = 0; start <= v.size();) {
              std::size_t end = v.find('_', start);
              if (end == std::string::npos) end = v.size();
              if (!phrase.empty()) phrase += '_';
              phrase += lookup_key(std::string_view(v).substr(start, end - start));
              start = end + 1;
            }
            list.push_back(std::move(phrase));
          } else if (s.type == Type::keys) {
            // "kein*": the key of the stem, and the star.
            const bool star = v.size() > 1 && v.back() == '*';
            list.push_back(lookup_key(star ? std::string_view(v).substr(0, v.size() - 1) : std::string_view(v)) +
                           (star ? "*" : ""));
          } else {
            list.push_back(s.type == Type::folded ? fold_case(v) : v);
          }
        }
      }
    }
  }
  derive(d);
}

// Parses @p text over @p base (raw values per setting; empty for the built-in profile, which must name
// every setting).
std::shared_ptr<ProfileData> parse(std::string_view text, std::string_view source,
                                   const std::vector<std::vector<std::string>>* base) {
  const auto& all = settings();
  auto data = std::make_shared<ProfileData>();
  data->raw = base != nullptr ? *base : std::vector<std::vector<std::string>>(all.size());
  std::vector<bool> named(all.size(), false);
  const std::string src(source);
  std::size_t line_no = 0;
  std::size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // byte-order mark
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    ++line_no;
    const std::string_view body = trim(line);
    if (!body.empty() && body.front() != '#') {
      if (!is_valid_utf8(line)) throw LexiconError(src, line_no, "line is not valid UTF-8");
      const std::size_t tab = body.find('\t');
      if (tab == std::string_view::npos) throw LexiconError(src, line_no, "expected NAME <TAB> VALUES");
      const std::string_view name = trim(body.substr(0, tab));
      std::size_t i = 0;
      while (i < all.size() && all[i].name != name) ++i;
      if (i == all.size()) throw LexiconError(src, line_no, "unknown profile setting '" + std::string(name) + "'");
      std::vector<std::string> values = split_values(body.substr(tab + 1));
      if (values.empty()) throw LexiconError(src, line_no, std::string(name) + " needs a value (- for none)");
      if (const std::string error = check(all[i], values); !error.empty()) throw LexiconError(src, line_no, error);
      auto& target = data->raw[i];
      const bool list = all[i].words != nullptr;
      if (!named[i] || !list || values == std::vector<std::string>{"-"} || target == std::vector<std::string>{"-"}) {
        target = std::move(values);  // the first line of a setting replaces the base; scalars: the last wins
      } else {
        target.insert(target.end(), values.begin(), values.end());  // the next lines of a list add up
      }
      named[i] = true;
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (data->raw[i].empty()) throw LexiconError(src, 0, "the profile has no setting " + std::string(all[i].name));
  }
  compile(*data);
  return data;
}

const std::shared_ptr<const ProfileData>& builtin_data() {
  static const std::shared_ptr<const ProfileData> data = parse(builtin_profile_tsv(), "<builtin profile>", nullptr);
  return data;
}

}  // namespace
}  // namespace detail

Profile::Profile() : data_(detail::builtin_data()) {}
Profile::Profile(std::shared_ptr<const detail::ProfileData> data) : data_(std::move(data)) {}

Profile Profile::builtin() { return Profile(detail::builtin_data()); }

Profile Profile::from_string(std::string_view tsv, std::string_view source) {
  return Profile(detail::parse(tsv, source, &detail::builtin_data()->raw));
}

Profile Profile::from_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read profile file '" + path.string() + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw Error("error while reading profile file '" + path.string() + "'");
  auto profile = from_string(buf.str(), path.string());
  detail::logger().info("loaded profile '{}'", path.string());
  return profile;
}

std::string Profile::to_tsv() const {
  std::string out = "# stimmung language profile (docs/profile-format.md)\n";
  const auto& all = detail::settings();
  for (std::size_t i = 0; i < all.size(); ++i) {
    out += all[i].name;
    out += '\t';
    for (std::size_t v = 0; v < data_->raw[i].size(); ++v) {
      if (v != 0) out += ' ';
      out += data_->raw[i][v];
    }
    out += '\n';
  }
  return out;
}

const std::vector<std::string_view>& Profile::setting_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& s : detail::settings()) out.push_back(s.name);
    return out;
  }();
  return names;
}

const std::vector<std::string>& Profile::values(std::string_view name) const {
  const auto& names = setting_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return data_->raw[i];
  }
  throw InvalidInputError("unknown profile setting '" + std::string(name) + "'");
}

bool Profile::operator==(const Profile& other) const { return data_ == other.data_ || data_->raw == other.data_->raw; }

bool Profile::is_builtin() const { return *this == builtin(); }

}  // namespace stimmung
