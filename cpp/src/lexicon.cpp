// Parsing and merging of lexicon files (format: docs/lexicon-format.md).
#include "stimmung/lexicon.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "builtin_lexicon.hpp"
#include "log.hpp"
#include "stimmung/error.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung {

struct Lexicon::Data {
  std::vector<LexiconEntry> entries;
  std::vector<std::string> tones{std::string(kBuiltinTones[0]), std::string(kBuiltinTones[1]),
                                 std::string(kBuiltinTones[2])};
};

std::string_view to_string(EntryKind kind) noexcept {
  switch (kind) {
    case EntryKind::cue: return "cue";
    case EntryKind::negator: return "negator";
    case EntryKind::booster: return "booster";
    case EntryKind::dampener: return "dampener";
    case EntryKind::contrast: return "contrast";
    case EntryKind::certainty: return "certainty";
    case EntryKind::clause: return "clause";
    case EntryKind::exclude: return "exclude";
  }
  return "cue";
}

std::string_view to_string(PartOfSpeech pos) noexcept {
  switch (pos) {
    case PartOfSpeech::automatic: return "auto";
    case PartOfSpeech::noun: return "noun";
    case PartOfSpeech::verb: return "verb";
    case PartOfSpeech::adjective: return "adj";
    case PartOfSpeech::other: return "other";
  }
  return "auto";
}

std::string_view to_string(CompoundRole role) noexcept {
  switch (role) {
    case CompoundRole::none: return "none";
    case CompoundRole::head: return "head";
    case CompoundRole::modifier: return "modifier";
    case CompoundRole::both: return "both";
  }
  return "none";
}

namespace {

std::string_view trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

bool valid_tone_name(std::string_view t) {
  if (t.empty() || t.size() > 64 || !(t[0] >= 'a' && t[0] <= 'z')) return false;
  for (const char c : t) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

struct Parser {
  std::string source;
  std::size_t line = 0;

  [[noreturn]] void fail(const std::string& what) const { throw LexiconError(source, line, what); }

  EntryKind parse_kind(std::string_view k) const {
    static const std::pair<std::string_view, EntryKind> kinds[] = {
        {"cue", EntryKind::cue},           {"negator", EntryKind::negator},   {"booster", EntryKind::booster},
        {"dampener", EntryKind::dampener}, {"contrast", EntryKind::contrast}, {"certainty", EntryKind::certainty},
        {"clause", EntryKind::clause},     {"exclude", EntryKind::exclude}};
    for (const auto& [name, kind] : kinds) {
      if (k == name) return kind;
    }
    fail("unknown kind '" + std::string(k) +
         "' (expected cue, negator, booster, dampener, contrast, certainty, clause or exclude)");
  }

  double parse_weight(std::string_view w) const {
    double value = 0;
    const auto* first = w.data();
    const auto* last = w.data() + w.size();
    if (!w.empty() && *first == '+') ++first;
    const auto [ptr, ec] = std::from_chars(first, last, value);
    if (w.empty() || ec != std::errc() || ptr != last || !std::isfinite(value)) {
      fail("weight '" + std::string(w) + "' is not a number");
    }
    return value;
  }

  void check_weight(const LexiconEntry& e) const {
    const double w = e.weight;
    auto range = [&](double lo, double hi) {
      if (w < lo || w > hi) {
        std::ostringstream msg;
        msg << "weight " << w << " of a " << to_string(e.kind) << " must lie in [" << lo << ", " << hi << "]";
        fail(msg.str());
      }
    };
    switch (e.kind) {
      case EntryKind::cue: range(0, 3); break;
      case EntryKind::certainty: range(0, 3); break;
      case EntryKind::booster: range(1, 5); break;
      case EntryKind::dampener: range(0, 1); break;
      case EntryKind::contrast: range(0, 3); break;
      default: break;
    }
  }

  void parse_options(std::string_view text, LexiconEntry& e) const {
    for (std::string_view item : split(text, ',')) {
      item = trim(item);
      if (item.empty()) continue;
      const auto eq = item.find('=');
      const std::string_view key = trim(item.substr(0, eq));
      const std::string_view value = eq == std::string_view::npos ? std::string_view{} : trim(item.substr(eq + 1));
      const bool has_value = eq != std::string_view::npos;
      auto need_value = [&] {
        if (!has_value || value.empty()) fail("option '" + std::string(key) + "' needs a value");
      };
      auto no_value = [&] {
        if (has_value) fail("option '" + std::string(key) + "' takes no value");
      };
      if (key == "pos") {
        need_value();
        if (value == "noun") e.pos = PartOfSpeech::noun;
        else if (value == "verb") e.pos = PartOfSpeech::verb;
        else if (value == "adj") e.pos = PartOfSpeech::adjective;
        else if (value == "other") e.pos = PartOfSpeech::other;
        else fail("pos must be noun, verb, adj or other, not '" + std::string(value) + "'");
      } else if (key == "exact") {
        no_value();
        e.exact = true;
      } else if (key == "free") {
        no_value();
        e.free_order = true;
      } else if (key == "kon1") {
        no_value();
        e.kon1 = true;
      } else if (key == "reportative") {
        no_value();
        e.reportative = true;
      } else if (key == "clause") {
        no_value();
        e.clause_scope = true;
      } else if (key == "forms") {
        need_value();
        for (std::string_view f : split(value, '|')) {
          f = trim(f);
          if (f.empty()) fail("empty form in forms=");
          e.forms.emplace_back(f);
        }
      } else if (key == "sep") {
        need_value();
        if (value.find(' ') != std::string_view::npos) fail("sep= takes one particle");
        e.separable = std::string(value);
      } else if (key == "compound") {
        need_value();
        if (value == "head") e.compound = CompoundRole::head;
        else if (value == "modifier") e.compound = CompoundRole::modifier;
        else if (value == "both") e.compound = CompoundRole::both;
        else if (value == "none") e.compound = CompoundRole::none;
        else fail("compound must be head, modifier, both or none, not '" + std::string(value) + "'");
      } else if (key == "gap") {
        need_value();
        int g = -1;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), g);
        if (ec != std::errc() || ptr != value.data() + value.size() || g < 0 || g > 8) {
          fail("gap must be an integer from 0 to 8");
        }
        e.gap = static_cast<std::uint8_t>(g);
      } else {
        fail("unknown option '" + std::string(key) + "'");
      }
    }
  }

  LexiconEntry parse_line(std::string_view raw) const {
    const auto fields = split(raw, '\t');
    if (fields.size() < 4 || fields.size() > 5) {
      fail("expected 4 or 5 tab-separated fields (term, tone, weight, kind, options), found " +
           std::to_string(fields.size()));
    }
    LexiconEntry e;
    // Terms: single spaces between words, whatever the file had.
    std::string term;
    for (std::string_view w : split(trim(fields[0]), ' ')) {
      if (w.empty()) continue;
      if (!term.empty()) term.push_back(' ');
      term.append(w);
    }
    if (term.empty()) fail("empty term");
    if (!is_valid_utf8(term)) fail("term is not valid UTF-8");
    e.term = std::move(term);
    e.kind = parse_kind(trim(fields[3]));
    const std::string_view tone = trim(fields[1]);
    if (tone == "-" || tone.empty()) {
      if (e.kind == EntryKind::cue || e.kind == EntryKind::certainty) {
        fail("a " + std::string(to_string(e.kind)) + " needs a tone");
      }
    } else {
      if (!valid_tone_name(tone)) {
        fail("bad tone name '" + std::string(tone) + "' (lowercase letters, digits, '_', starting with a letter)");
      }
      e.tone = std::string(tone);
    }
    e.weight = parse_weight(trim(fields[2]));
    check_weight(e);
    if (fields.size() == 5) parse_options(fields[4], e);
    e.source = source + ":" + std::to_string(line);
    return e;
  }
};

// Entries are the same when term (case-insensitively), tone and kind agree, except that a capital first
// letter keeps a noun apart from the verb or adjective spelled alike ("Überleben" / "überleben").
std::tuple<std::string, bool, std::string, EntryKind> entry_key(const LexiconEntry& e) {
  const auto c = static_cast<unsigned char>(e.term.empty() ? 'a' : e.term[0]);
  const bool capital = (c >= 'A' && c <= 'Z') || (c == 0xC3 && e.term.size() > 1 &&
                                                  (static_cast<unsigned char>(e.term[1]) == 0x84 ||
                                                   static_cast<unsigned char>(e.term[1]) == 0x96 ||
                                                   static_cast<unsigned char>(e.term[1]) == 0x9C));
  return {lookup_key(e.term), capital, e.tone, e.kind};
}

// Applies override semantics: a later entry with the same key replaces the earlier one in place. With
// `removals`, a cue of weight 0 removes the entry it names (extending); without, it is kept so that the
// lexicon can later remove that cue from another one.
void merge_into(std::vector<LexiconEntry>& entries, std::vector<LexiconEntry> incoming, bool removals) {
  std::map<std::tuple<std::string, bool, std::string, EntryKind>, std::size_t> index;
  for (std::size_t i = 0; i < entries.size(); ++i) index[entry_key(entries[i])] = i;
  std::vector<bool> removed(entries.size(), false);
  for (auto& e : incoming) {
    const auto key = entry_key(e);
    const bool removal = removals && e.kind == EntryKind::cue && e.weight == 0.0;
    if (const auto it = index.find(key); it != index.end()) {
      if (removal) {
        removed[it->second] = true;
        index.erase(it);
      } else {
        entries[it->second] = std::move(e);
      }
    } else if (!removal) {
      index[key] = entries.size();
      entries.push_back(std::move(e));
      removed.push_back(false);
    }
  }
  std::vector<LexiconEntry> kept;
  kept.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (!removed[i]) kept.push_back(std::move(entries[i]));
  }
  entries = std::move(kept);
}

void collect_tones(const std::vector<LexiconEntry>& entries, std::vector<std::string>& tones) {
  for (const auto& e : entries) {
    if (e.tone.empty()) continue;
    bool known = false;
    for (const auto& t : tones) known |= t == e.tone;
    if (!known) tones.push_back(e.tone);
  }
}

std::vector<LexiconEntry> parse(std::string_view text, std::string_view source) {
  Parser parser{std::string(source)};
  std::vector<LexiconEntry> entries;
  std::size_t start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // byte-order mark
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    ++parser.line;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!trim(line).empty() && trim(line).front() != '#') {
      if (!is_valid_utf8(line)) parser.fail("line is not valid UTF-8");
      entries.push_back(parser.parse_line(line));
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return entries;
}

}  // namespace

Lexicon::Lexicon() : data_(std::make_shared<const Data>()) {}

Lexicon::Lexicon(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

Lexicon Lexicon::builtin() {
  static const Lexicon instance = [] {
    auto lex = from_string(detail::builtin_lexicon_tsv(), "<builtin>");
    detail::logger().debug("built-in lexicon: {} entries", lex.size());
    return lex;
  }();
  return instance;
}

Lexicon Lexicon::from_string(std::string_view tsv, std::string_view source) {
  auto data = std::make_shared<Data>();
  merge_into(data->entries, parse(tsv, source), false);
  collect_tones(data->entries, data->tones);
  return Lexicon(std::move(data));
}

Lexicon Lexicon::from_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read lexicon file '" + path.string() + "'");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw Error("error while reading lexicon file '" + path.string() + "'");
  auto lex = from_string(buf.str(), path.string());
  detail::logger().info("loaded lexicon '{}': {} entries", path.string(), lex.size());
  return lex;
}

Lexicon Lexicon::from_entries(std::vector<LexiconEntry> entries, std::string_view source) {
  // Validate through the same checks as parsed lines by re-serializing the essentials.
  Parser parser{std::string(source)};
  for (auto& e : entries) {
    ++parser.line;
    if (trim(e.term).empty()) parser.fail("empty term");
    if (!is_valid_utf8(e.term)) parser.fail("term is not valid UTF-8");
    if ((e.kind == EntryKind::cue || e.kind == EntryKind::certainty) && e.tone.empty()) {
      parser.fail("a " + std::string(to_string(e.kind)) + " needs a tone");
    }
    if (!e.tone.empty() && !valid_tone_name(e.tone)) parser.fail("bad tone name '" + e.tone + "'");
    if (!std::isfinite(e.weight)) parser.fail("weight is not a number");
    parser.check_weight(e);
    if (e.source.empty()) e.source = parser.source + ":" + std::to_string(parser.line);
  }
  auto data = std::make_shared<Data>();
  merge_into(data->entries, std::move(entries), false);
  collect_tones(data->entries, data->tones);
  return Lexicon(std::move(data));
}

Lexicon Lexicon::extended(const Lexicon& other) const {
  auto data = std::make_shared<Data>();
  data->entries = data_->entries;
  data->tones = data_->tones;
  merge_into(data->entries, other.data_->entries, true);
  collect_tones(data->entries, data->tones);
  return Lexicon(std::move(data));
}

std::string Lexicon::to_tsv() const {
  std::ostringstream out;
  out.precision(17);
  out << "# term\ttone\tweight\tkind\toptions\n";
  for (const auto& e : data_->entries) {
    out << e.term << '\t' << (e.tone.empty() ? "-" : e.tone) << '\t' << e.weight << '\t' << to_string(e.kind) << '\t';
    std::vector<std::string> opts;
    if (e.pos != PartOfSpeech::automatic) opts.push_back("pos=" + std::string(to_string(e.pos)));
    if (e.exact) opts.emplace_back("exact");
    if (e.free_order) opts.emplace_back("free");
    if (e.kon1) opts.emplace_back("kon1");
    if (e.reportative) opts.emplace_back("reportative");
    if (e.clause_scope) opts.emplace_back("clause");
    if (e.gap != 0) opts.push_back("gap=" + std::to_string(e.gap));
    if (!e.separable.empty()) opts.push_back("sep=" + e.separable);
    if (e.compound != CompoundRole::none) opts.push_back("compound=" + std::string(to_string(e.compound)));
    if (!e.forms.empty()) {
      std::string forms = "forms=";
      for (std::size_t i = 0; i < e.forms.size(); ++i) forms += (i != 0 ? "|" : "") + e.forms[i];
      opts.push_back(std::move(forms));
    }
    for (std::size_t i = 0; i < opts.size(); ++i) out << (i != 0 ? "," : "") << opts[i];
    out << '\n';
  }
  return out.str();
}

const std::vector<LexiconEntry>& Lexicon::entries() const noexcept { return data_->entries; }
const std::vector<std::string>& Lexicon::tones() const noexcept { return data_->tones; }
std::size_t Lexicon::size() const noexcept { return data_->entries.size(); }

}  // namespace stimmung
