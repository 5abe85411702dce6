#include "network/place_finder.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace silkroute {

namespace {

// Base letters for U+00C0..U+00FF and U+0100..U+017F (Latin-1 Supplement, Latin Extended-A).
constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuyty";
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln"
    "nnnnnnnnoooooooorrrrrrsssssssstttttt"
    "uuuuuuuuuuuuwwyyyzzzzzzs";

}  // namespace

std::string normalize_name(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence; map Latin letters with diacritics to their base letter.
    unsigned cp = 0;
    int len = 1;
    if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; len = 2; }
    else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; len = 3; }
    else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; len = 4; }
    if (i + len > s.size()) break;
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    char base = 0;
    if (cp >= 0xC0 && cp <= 0xFF) base = kLatin1[cp - 0xC0];
    else if (cp >= 0x100 && cp < 0x100 + kLatinExtA.size()) base = kLatinExtA[cp - 0x100];
    else if (cp == 0x218 || cp == 0x219) base = 's';  // Romanian s-comma
    else if (cp == 0x21A || cp == 0x21B) base = 't';  // Romanian t-comma
    else if (cp == 0x259 || cp == 0x18F) base = 'a';  // Azerbaijani schwa
    if (base && base != '.') out += base;
  }
  return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  // A word that starts a candidate ("red-sea" for "red-sea-closure") is what was meant.
  // Of several, the shortest completion ("red-sea-closure" before "red-sea-2024-spot").
  if (word.size() >= 3) {
    const std::string* completion = nullptr;
    for (const auto& c : candidates)
      if (c.size() > word.size() && c.compare(0, word.size(), word) == 0 && (!completion || c.size() < completion->size()))
        completion = &c;
    if (completion) return " (did you mean '" + *completion + "'?)";
  }
  std::string best;
  std::size_t best_d = std::string::npos;
  for (const auto& c : candidates) {
    const auto d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  // Close means at most a third of the word wrong (two edits allowed: a swapped pair of letters).
  if (best.empty() || best_d > std::max<std::size_t>(2, word.size() / 3)) return "";
  return " (did you mean '" + best + "'?)";
}

PlaceFinder::PlaceFinder(const Network& net) : net_(net) {
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net.nodes.size()); ++n) {
    const auto& node = net.nodes[n];
    if (node.kind == NodeKind::waypoint) continue;  // sea waypoints are not places people ask for
    keys_.push_back({normalize_name(node.name), n, true});
    for (const auto& alt : node.alt_names) keys_.push_back({normalize_name(alt), n, false});
  }
}

std::vector<NodeIndex> PlaceFinder::suggestions(const std::string& query, std::size_t n) const {
  const auto q = normalize_name(query);
  std::map<NodeIndex, std::size_t> best;
  for (const auto& k : keys_) {
    auto d = edit_distance(q, k.normalized);
    // A query that starts a name ("duis") is a near miss too.
    if (k.normalized.rfind(q, 0) == 0 && !q.empty()) d = std::min(d, std::size_t{1});
    auto [it, inserted] = best.emplace(k.node, d);
    if (!inserted) it->second = std::min(it->second, d);
  }
  std::vector<std::pair<std::size_t, NodeIndex>> ranked;
  // Only names within half their length of the query are worth suggesting.
  for (auto [node, d] : best)
    if (d <= std::max<std::size_t>(2, q.size() / 2)) ranked.emplace_back(d, node);
  std::sort(ranked.begin(), ranked.end());
  std::vector<NodeIndex> out;
  for (std::size_t i = 0; i < ranked.size() && i < n; ++i) out.push_back(ranked[i].second);
  return out;
}

NodeIndex PlaceFinder::find_exact(const std::string& query) const {
  const auto m = find(query);
  if (!m.exact)
    throw PlaceNotFound("unknown place '" + query + "'; did you mean " + net_.nodes[m.node].name + " (id " +
                        net_.nodes[m.node].id + ")?");
  return m.node;
}

std::string PlaceFinder::describe(NodeIndex n) const {
  const auto& node = net_.nodes[n];
  return node.name + " (" + (node.country.empty() ? "sea" : node.country) + ", " +
         std::string(node_kind_name(node.kind)) + ", id " + node.id + ")";
}

std::optional<NodeIndex> PlaceFinder::exact_match(const std::string& query) const {
  if (auto id = net_.node_by_id(query)) return *id;
  std::string upper;
  for (char c : query) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (NodeIndex n = 0; n < static_cast<NodeIndex>(net_.nodes.size()); ++n)
    if (!net_.nodes[n].locode.empty() && net_.nodes[n].locode == upper) return n;

  const auto q = normalize_name(query);
  if (q.empty()) throw PlaceNotFound("empty place name '" + query + "'");

  std::set<NodeIndex> exact, named;
  for (const auto& k : keys_)
    if (k.normalized == q) {
      exact.insert(k.node);
      if (k.primary) named.insert(k.node);
    }
  if (exact.size() == 1) return *exact.begin();
  // A place's own name beats other places' alternative names: "Ho Chi Minh City" is the city,
  // not Cai Mep, whose port also goes by it. Two places of the same name stay ambiguous.
  if (named.size() == 1) return *named.begin();
  if (exact.size() > 1) {
    std::string list;
    for (auto n : exact) list += "\n  " + describe(n);
    throw PlaceNotFound("'" + query + "' is ambiguous; use one of these ids:" + list);
  }
  return std::nullopt;
}

PlaceMatch PlaceFinder::find(const std::string& query) const {
  if (auto n = exact_match(query)) return {*n, true};
  const auto q = normalize_name(query);
  auto describe = [&](NodeIndex n) { return this->describe(n); };

  // About one misspelling per four letters is tolerated when a single place is the closest.
  const std::size_t tolerance = std::max<std::size_t>(1, (q.size() + 1) / 4);
  std::size_t best_d = SIZE_MAX;
  std::set<NodeIndex> best_nodes;
  for (const auto& k : keys_) {
    const auto d = edit_distance(q, k.normalized);
    if (d < best_d) {
      best_d = d;
      best_nodes = {k.node};
    } else if (d == best_d) {
      best_nodes.insert(k.node);
    }
  }
  if (best_d <= tolerance && best_nodes.size() == 1) return {*best_nodes.begin(), false};

  std::string msg = "unknown place '" + query + "'";
  const auto near = suggestions(query, 3);
  if (!near.empty()) {
    msg += "; did you mean ";
    for (std::size_t i = 0; i < near.size(); ++i) msg += (i ? ", " : "") + describe(near[i]);
    msg += "?";
  }
  throw PlaceNotFound(msg);
}

}  // namespace silkroute
