// Documents: split into sentences, score each, aggregate per tone.
#include <algorithm>

#include "engine.hpp"
#include "stimmung/normalize.hpp"

namespace stimmung::detail {

DocumentScore Engine::score_document(std::string_view input) const {
  DocumentScore doc;
  std::string_view text = input;
  if (!is_valid_utf8(input)) {
    doc.text = sanitize_utf8(input, options.utf8, &doc.replaced_bytes);
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
  const std::size_t n_tones = tones.size();
  doc.mean.assign(n_tones, 0.0);
  doc.max.assign(n_tones, 0.0);
  doc.share.assign(n_tones, 0.0);
  if (doc.sentences.empty()) return doc;
  for (const SentenceScore& s : doc.sentences) {
    for (std::size_t k = 0; k < n_tones; ++k) {
      doc.mean[k] += s.scores[k];
      doc.max[k] = std::max(doc.max[k], s.scores[k]);
      doc.share[k] += s.scores[k] >= 0.5 ? 1.0 : 0.0;
    }
  }
  const auto n = static_cast<double>(doc.sentences.size());
  for (std::size_t k = 0; k < n_tones; ++k) {
    doc.mean[k] /= n;
    doc.share[k] /= n;
  }
  return doc;
}

}  // namespace stimmung::detail
