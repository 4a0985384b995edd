// The Lexicon: entries from files, strings or code, merged with override semantics, and written back as TSV.
// Decides: which entry wins when two name the same term, tone and kind; what extending a lexicon removes.
// Does not decide: what a valid line is (lexicon_parse.cpp) or how entries match text (lexicon_index.cpp).
#include "stimmung/lexicon.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "builtin_lexicon.hpp"
#include "lexicon_parse.hpp"
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
    case EntryKind::market: return "market";
    case EntryKind::nonmarket: return "nonmarket";
    case EntryKind::scope: return "scope";
    case EntryKind::figure: return "figure";
    case EntryKind::number: return "number";
    case EntryKind::marker: return "marker";
    case EntryKind::calibration: return "calibration";
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
  merge_into(data->entries, detail::parse_lexicon(tsv, source), false);
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
  detail::validate_entries(entries, source);
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

namespace {

// An option whose values are joined by '|': "requires=swift|unfounded", "forms=Crashs|Crashes".
std::string listed(std::string_view key, const std::vector<std::string>& values) {
  std::string out(key);
  for (std::size_t i = 0; i < values.size(); ++i) out += (i != 0 ? "|" : "") + values[i];
  return out;
}

}  // namespace

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
    if (e.min_percent > 0) {
      std::ostringstream m;
      m.precision(17);
      m << "min=" << e.min_percent;
      opts.push_back(m.str());
    }
    if (e.min_ratio > 0) {
      std::ostringstream m;
      m.precision(17);
      m << "ratio=" << e.min_ratio;
      opts.push_back(m.str());
    }
    if (e.price) opts.emplace_back("price");
    if (e.percent) opts.emplace_back("percent");
    if (!e.marker_class.empty()) opts.push_back("class=" + e.marker_class);
    if (!e.requires_classes.empty()) opts.push_back(listed("requires=", e.requires_classes));
    if (!e.unless_classes.empty()) opts.push_back(listed("unless=", e.unless_classes));
    if (!e.with_tone.empty()) opts.push_back("with=" + e.with_tone);
    if (!e.separable.empty()) opts.push_back("sep=" + e.separable);
    if (e.compound != CompoundRole::none) opts.push_back("compound=" + std::string(to_string(e.compound)));
    if (!e.forms.empty()) opts.push_back(listed("forms=", e.forms));
    for (std::size_t i = 0; i < opts.size(); ++i) out << (i != 0 ? "," : "") << opts[i];
    out << '\n';
  }
  return out.str();
}

const std::vector<LexiconEntry>& Lexicon::entries() const noexcept { return data_->entries; }
const std::vector<std::string>& Lexicon::tones() const noexcept { return data_->tones; }
std::size_t Lexicon::size() const noexcept { return data_->entries.size(); }

}  // namespace stimmung
