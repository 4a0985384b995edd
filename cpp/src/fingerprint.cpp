// Design notes
// ------------
// Lexicon::fingerprint() names the exact lexicon behind a set of scores, so that results computed with
// different lexicons (or library versions, whose rules may differ) are never mixed silently. It is
// "stimmung-<version>+lex.<16 hex digits>": the first 64 bits of a SHA-256 over a canonical text form of
// the tones and the entries in use (after extensions and removals were applied), in order.
//
// The canonical form is defined here and nowhere else, so it does not change when the TSV writer's layout
// does: one field per line item, separated by tabs, weights written by std::to_chars in their shortest
// round-trip form (locale- and platform-independent for IEEE doubles), and no entry's source ("file:line"),
// so the same entries loaded from another path or machine give the same fingerprint. SHA-256 is
// implemented below because the core has no crypto dependency and the value must never depend on one.
//
// A scorer's fingerprint is the version + a hash of the lexicon and the language profile in use
// (Lexicon::fingerprint(const Profile&)): a changed profile changes scores as much as a changed entry, so
// its settings (one line each, as Profile::to_tsv() writes them) follow the lexicon's canonical form. The
// built-in profile adds nothing, so fingerprints taken before profiles existed stay valid. Settings are
// hashed as written: a profile that differs from another only in spelling ("0.60" for "0.6") gets a
// fingerprint of its own, never one that names other scores.
#include <array>
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "stimmung/lexicon.hpp"
#include "stimmung/profile.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung {
namespace {

class Sha256 {
 public:
  void update(std::string_view data) {
    for (const char c : data) {
      block_[fill_++] = static_cast<std::uint8_t>(c);
      if (fill_ == 64) {
        compress();
        fill_ = 0;
      }
    }
    length_ += data.size();
  }

  std::array<std::uint8_t, 32> finish() {
    const std::uint64_t bits = length_ * 8;
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
      while (fill_ < 64) block_[fill_++] = 0;
      compress();
      fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
    for (int i = 7; i >= 0; --i) block_[fill_++] = static_cast<std::uint8_t>(bits >> (8 * i));
    compress();
    std::array<std::uint8_t, 32> out{};
    for (std::size_t i = 0; i < 8; ++i)
      for (std::size_t j = 0; j < 4; ++j) out[4 * i + j] = static_cast<std::uint8_t>(h_[i] >> (24 - 8 * j));
    return out;
  }

 private:
  static constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

  void compress() {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t w[64];
    for (std::size_t i = 0; i < 16; ++i)
      w[i] = (std::uint32_t{block_[4 * i]} << 24) | (std::uint32_t{block_[4 * i + 1]} << 16) |
             (std::uint32_t{block_[4 * i + 2]} << 8) | std::uint32_t{block_[4 * i + 3]};
    for (std::size_t i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (std::size_t i = 0; i < 64; ++i) {
      const std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a, h_[1] += b, h_[2] += c, h_[3] += d, h_[4] += e, h_[5] += f, h_[6] += g, h_[7] += h;
  }

  std::array<std::uint8_t, 64> block_{};
  std::size_t fill_ = 0;
  std::uint64_t length_ = 0;
  std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
};

std::string hex(const std::uint8_t* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xf];
  }
  return out;
}

}  // namespace

std::string Lexicon::canonical_form() const {
  std::string out = "stimmung-lexicon-canonical-1\ntones";
  for (const auto& tone : tones()) out += '\t' + tone;
  out += '\n';
  char number[64];
  for (const auto& e : entries()) {
    const auto [end, ec] = std::to_chars(number, number + sizeof number, e.weight);
    (void)ec;  // 64 bytes always hold a double's shortest form
    out += e.term;
    out += '\t';
    out += e.tone;
    out += '\t';
    out.append(number, end);
    out += '\t';
    out += to_string(e.kind);
    out += '\t';
    out += to_string(e.pos);
    out += '\t';
    out += to_string(e.compound);
    out += '\t';
    for (const bool flag : {e.exact, e.free_order, e.kon1, e.reportative, e.clause_scope}) out += flag ? '1' : '0';
    out += '\t';
    out += std::to_string(e.gap);
    out += '\t';
    out += e.separable;
    // Fields added after version 1 of the form appear only when set, so older lexicons keep their print.
    if (e.min_percent > 0) {
      const auto [min_end, min_ec] = std::to_chars(number, number + sizeof number, e.min_percent);
      (void)min_ec;
      out += "\tmin=";
      out.append(number, min_end);
    }
    if (e.min_ratio > 0) {
      const auto [ratio_end, ratio_ec] = std::to_chars(number, number + sizeof number, e.min_ratio);
      (void)ratio_ec;
      out += "\tratio=";
      out.append(number, ratio_end);
    }
    if (e.price) out += "\tprice";
    if (e.percent) out += "\tpercent";
    if (!e.marker_class.empty()) out += "\tclass=" + e.marker_class;
    for (const auto& c : e.requires_classes) out += "\trequires=" + c;
    for (const auto& c : e.unless_classes) out += "\tunless=" + c;
    if (!e.with_tone.empty()) out += "\twith=" + e.with_tone;
    for (const auto& form : e.forms) {
      out += '\t';
      out += form;
    }
    out += '\n';
  }
  return out;
}

std::string Lexicon::fingerprint() const {
  Sha256 sha;
  sha.update(canonical_form());
  const auto digest = sha.finish();
  return "stimmung-" + std::string(version()) + "+lex." + hex(digest.data(), 8);
}

std::string Lexicon::fingerprint(const Profile& profile) const {
  if (profile.is_builtin()) return fingerprint();
  Sha256 sha;
  sha.update(canonical_form());
  sha.update("stimmung-profile-canonical-1\n");
  const std::string tsv = profile.to_tsv();
  sha.update(std::string_view(tsv).substr(tsv.find('\n') + 1));  // without the comment line
  const auto digest = sha.finish();
  return "stimmung-" + std::string(version()) + "+lex." + hex(digest.data(), 8);
}

}  // namespace stimmung
