// Property tests of the lexicon index's hash map (cpp/src/key_map.hpp) against std::unordered_map, and of the
// profile's word classes (WordList) against a set.
// KeyMap has its own hash, a length bitmask and a filter in front of linear probing; each of these can
// turn a hit into a miss without any scoring test noticing for the keys the lexicon happens to hold. So
// random keys of every length (empty, short, the 8-byte boundaries, longer than 63 bytes) are inserted and
// looked up, present and absent, with keys that share their hash forced in as well, and the map must agree
// with std::unordered_map at every step, in size and in iteration (insertion order).
#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "key_map.hpp"
#include "profile_data.hpp"

using stimmung::detail::hash_key;
using stimmung::detail::KeyMap;

namespace {

// A random key of `n` bytes over a small alphabet (more near-collisions) or over all 256 byte values.
std::string random_key(std::mt19937_64& rng, std::size_t n, bool all_bytes) {
  static constexpr std::string_view kSmall = "aeinrstuo\xc3\xa4\xb6\xbc-";
  std::string s(n, '\0');
  for (auto& c : s) {
    c = all_bytes ? static_cast<char>(rng() & 0xFF) : kSmall[rng() % kSmall.size()];
  }
  return s;
}

std::size_t random_length(std::mt19937_64& rng) {
  // Mostly lexicon-like lengths, the boundaries of the short-key and block paths, and long keys.
  static constexpr std::size_t kEdges[] = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 62, 63, 64, 65, 200};
  if (rng() % 4 == 0) return kEdges[rng() % std::size(kEdges)];
  return 1 + rng() % 24;
}

// Checks every key of `model` and every probe against `map`, and the iteration order against `order`.
template <typename V>
void expect_same(const KeyMap<V>& map, const std::unordered_map<std::string, V>& model,
                 const std::vector<std::string>& order, const std::vector<std::string>& probes) {
  ASSERT_EQ(map.size(), model.size());
  ASSERT_EQ(map.empty(), model.empty());
  for (const auto& [key, value] : model) {
    ASSERT_TRUE(map.contains(key)) << "lost key of " << key.size() << " bytes";
    const auto it = map.find(key);
    ASSERT_NE(it, map.end());
    EXPECT_EQ(it->first, key);
    EXPECT_EQ(it->second, value);
  }
  for (const auto& probe : probes) {
    const bool present = model.count(probe) != 0;
    ASSERT_EQ(map.contains(probe), present) << "probe of " << probe.size() << " bytes";
    ASSERT_EQ(map.find(probe) != map.end(), present);
  }
  std::size_t i = 0;
  for (const auto& [key, value] : map) {
    ASSERT_LT(i, order.size());
    EXPECT_EQ(key, order[i]) << "iteration is not in insertion order at " << i;
    EXPECT_EQ(value, model.at(key));
    ++i;
  }
  EXPECT_EQ(i, model.size());
}

}  // namespace

TEST(KeyMap, EmptyMapFindsNothing) {
  const KeyMap<int> map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.size(), 0U);
  EXPECT_EQ(map.begin(), map.end());
  for (const std::string_view key : {std::string_view{}, std::string_view{"a"}, std::string_view{"abcdefghi"}}) {
    EXPECT_FALSE(map.contains(key));
    EXPECT_EQ(map.find(key), map.end());
  }
}

TEST(KeyMap, EmptyAndLongKeys) {
  KeyMap<int> map;
  const std::string long_a(1000, 'a');
  std::string long_b = long_a;
  long_b[999] = 'b';  // differs only in the last byte
  std::string long_c = long_a;
  long_c[0] = 'c';  // differs only in the first byte
  map[""] = 1;
  map[long_a] = 2;
  map[long_b] = 3;
  EXPECT_EQ(map.find("")->second, 1);
  EXPECT_EQ(map.find(long_a)->second, 2);
  EXPECT_EQ(map.find(long_b)->second, 3);
  EXPECT_FALSE(map.contains(long_c));
  EXPECT_FALSE(map.contains(std::string(999, 'a')));
  EXPECT_FALSE(map.contains(std::string(1001, 'a')));
  // Keys of 63 bytes and more share one length bit: the length filter must not confuse them.
  map[std::string(63, 'x')] = 4;
  EXPECT_FALSE(map.contains(std::string(64, 'x')));
  EXPECT_FALSE(map.contains(std::string(500, 'x')));
  EXPECT_EQ(map.find(std::string(63, 'x'))->second, 4);
  // Embedded NUL bytes are ordinary bytes.
  map[std::string("a\0b", 3)] = 5;
  EXPECT_FALSE(map.contains(std::string("a\0c", 3)));
  EXPECT_FALSE(map.contains("a"));
  EXPECT_EQ(map.find(std::string("a\0b", 3))->second, 5);
}

TEST(KeyMap, OperatorBracketInsertsOnceAndKeepsValues) {
  KeyMap<std::vector<int>> map;
  map["boom"].push_back(1);
  map["boom"].push_back(2);
  map["blase"].push_back(3);
  EXPECT_EQ(map.size(), 2U);
  EXPECT_EQ(map.find("boom")->second, (std::vector<int>{1, 2}));
  EXPECT_EQ(map.find("blase")->second, (std::vector<int>{3}));
  map.find("blase")->second.push_back(4);  // find() gives a mutable entry
  EXPECT_EQ(map["blase"], (std::vector<int>{3, 4}));
}

TEST(KeyMap, RandomKeysAgreeWithUnorderedMap) {
  for (const std::uint64_t seed : {1ULL, 2ULL, 3ULL, 20240611ULL}) {
    std::mt19937_64 rng(seed);
    KeyMap<std::uint64_t> map;
    std::unordered_map<std::string, std::uint64_t> model;
    std::vector<std::string> order, probes;
    // Through many rebuilds (the slot array doubles at load 1/2), checking along the way.
    for (int step = 0; step < 6000; ++step) {
      const bool reuse = !order.empty() && rng() % 5 == 0;  // an existing key: no new entry
      const std::string key = reuse ? order[rng() % order.size()] : random_key(rng, random_length(rng), rng() % 3 == 0);
      const std::uint64_t value = rng();
      if (model.find(key) == model.end()) order.push_back(key);
      model[key] = value;
      map[key] = value;
      // Probes: absent keys, and present keys cut or extended by one byte.
      probes.push_back(random_key(rng, random_length(rng), rng() % 2 == 0));
      probes.push_back(key.substr(0, key.size() / 2));
      probes.push_back(key + static_cast<char>(rng() & 0xFF));
      if ((step & (step - 1)) == 0 || step % 997 == 0) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", step " + std::to_string(step));
        expect_same(map, model, order, probes);
        probes.clear();
      }
    }
    SCOPED_TRACE("seed " + std::to_string(seed) + ", final");
    expect_same(map, model, order, probes);
  }
}

TEST(KeyMap, KeysThatShareSlotsAndTags) {
  // Collisions on purpose: many keys whose hashes agree in the low bits (the slot) and keys of the same
  // length that agree in the high 32 bits (the tag), so probing has to walk chains and compare keys.
  std::mt19937_64 rng(7);
  std::unordered_map<std::uint64_t, std::vector<std::string>> by_slot, by_tag;
  std::vector<std::string> slot_mates, tag_mates;
  for (int i = 0; i < 400000 && (slot_mates.size() < 48 || tag_mates.size() < 2); ++i) {
    std::string key = random_key(rng, 1 + rng() % 12, false);
    const std::uint64_t h = hash_key(key);
    auto& s = by_slot[h & 63];
    s.push_back(key);
    if (s.size() > slot_mates.size()) slot_mates = s;
    auto& t = by_tag[(h >> 32) ^ (static_cast<std::uint64_t>(key.size()) << 40)];
    if (t.empty() || t.back() != key) t.push_back(key);
    if (t.size() >= 2 && t[0] != t[1] && tag_mates.size() < 2) tag_mates = {t[0], t[1]};
  }
  ASSERT_GE(slot_mates.size(), 32U) << "found too few keys that share a slot";

  KeyMap<std::size_t> map;
  std::unordered_map<std::string, std::size_t> model;
  std::vector<std::string> order;
  for (const auto& key : slot_mates) {
    if (model.emplace(key, order.size()).second) {
      map[key] = order.size();
      order.push_back(key);
    }
  }
  for (const auto& key : tag_mates) {  // (found only if the search above was lucky; fine either way)
    if (model.emplace(key, order.size()).second) {
      map[key] = order.size();
      order.push_back(key);
    }
  }
  std::vector<std::string> probes;
  for (int i = 0; i < 2000; ++i) probes.push_back(random_key(rng, 1 + rng() % 12, false));
  expect_same(map, model, order, probes);
}

// The profile's word classes (WordList, cpp/src/profile_data.hpp) are scanned up to eight words and hashed
// beyond: every list length on both sides of that line must answer as a set does, words listed twice and
// words that differ only in length or first byte included, and after clear() nothing is in it. (An empty
// key is no word: it is never in a class.)
TEST(WordList, AgreesWithASetAtEveryLength) {
  std::mt19937_64 rng(29);
  for (std::size_t n = 0; n <= 120; n += (n < 20 ? 1 : 17)) {
    stimmung::detail::WordList list;
    std::unordered_map<std::string, bool> model;
    for (std::size_t i = 0; i < n; ++i) {
      std::string word = random_key(rng, 1 + rng() % 6, false);
      if (i % 5 == 4 && !model.empty()) word = model.begin()->first;  // a word listed twice
      list.push_back(word);
      model[word] = true;
    }
    for (int i = 0; i < 3000; ++i) {
      const std::string probe = random_key(rng, 1 + rng() % 7, false);
      ASSERT_EQ(list.contains(probe), model.count(probe) == 1) << "n=" << n << " probe=" << probe;
    }
    for (const auto& [word, _] : model) ASSERT_TRUE(list.contains(word)) << "n=" << n << " word=" << word;
    ASSERT_FALSE(list.contains(""));
    list.clear();
    for (const auto& [word, _] : model) ASSERT_FALSE(list.contains(word)) << "n=" << n << " after clear";
  }
}

// same_key compares short keys with word reads (short_key_word) and longer ones with memcmp: at every length
// on both sides of the 8-byte line, a difference in any one byte must be seen.
TEST(KeyMap, SameKeySeesADifferenceInEveryByte) {
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'a');
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    const std::string b = a;
    ASSERT_TRUE(stimmung::detail::same_key(a.data(), b.data(), n)) << n;
    for (std::size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = static_cast<char>(c[i] ^ 0x20);
      ASSERT_FALSE(stimmung::detail::same_key(a.data(), c.data(), n)) << "n=" << n << " byte " << i;
    }
  }
}
