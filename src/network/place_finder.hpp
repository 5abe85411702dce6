#pragma once
// Finds nodes by what people type: an id, a UN/LOCODE, a name or alternative name, tolerant
// of case, accents, punctuation and small misspellings.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "network/network.hpp"

namespace silkroute {

// "Łódź" -> "lodz", "Xi'an" -> "xian": lower case ASCII letters and digits only.
std::string normalize_name(const std::string& utf8);
std::size_t edit_distance(const std::string& a, const std::string& b);
// " (did you mean 'x'?)" for the candidate nearest to word when it is close enough, else "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

struct PlaceMatch {
  NodeIndex node = kNoNode;
  bool exact = true;  // false: taken from a close misspelling
};

class PlaceNotFound : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

class PlaceFinder {
 public:
  explicit PlaceFinder(const Network& net);
  // Throws PlaceNotFound with "did you mean ..." or the list of ambiguous candidates.
  PlaceMatch find(const std::string& query) const;
  // Like find(), but a near miss is an error too ("unknown place 'xain'; did you mean
  // Xi'an (id xian)?"): for files and APIs, where a guess would silently move a flow.
  NodeIndex find_exact(const std::string& query) const;
  // The node an id, UN/LOCODE, name or alternative name names exactly (case and accents
  // ignored); nullopt when none does; PlaceNotFound when several do or the text is empty.
  std::optional<NodeIndex> exact_match(const std::string& query) const;
  // "Duisburg (DEU, dryport, id duisburg)"
  std::string describe(NodeIndex n) const;
  // Up to n nearest names, for "did you mean".
  std::vector<NodeIndex> suggestions(const std::string& query, std::size_t n) const;

 private:
  struct Key {
    std::string normalized;
    NodeIndex node;
    bool primary;  // the node's own name, not one of its alternative names
  };
  const Network& net_;
  std::vector<Key> keys_;
};

}  // namespace silkroute
