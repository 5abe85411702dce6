#pragma once
// Names for people where the data keeps ids: sea passages (chokepoint tags such as
// "babelmandeb") and border crossings. Every label, table and API field that shows one of
// these goes through here, so that no output says "via malacca".

#include <string>

#include "network/network.hpp"

namespace silkroute {

// "malacca" -> "Strait of Malacca"; a tag without a known name reads as words
// ("kiel_canal" -> "kiel canal").
std::string chokepoint_name(const std::string& tag);
// For running text: "the Strait of Malacca", but "Bab-el-Mandeb" (no article).
std::string chokepoint_phrase(const std::string& tag);

// A border crossing by the places on either side: the border stations' names when the
// crossing link joins them ("Alashankou - Dostyk (CHN-KAZ)"), else the line it lies on
// ("Poznań - Berlin line (POL-DEU)").
std::string crossing_name(const Network& net, NodeIndex from, NodeIndex to, const std::string& from_country,
                          const std::string& to_country);

// "BLR-POL" with the countries' names when the network has them: "Belarus - Poland (BLR-POL)".
std::string border_name(const Network& net, const std::string& country_a, const std::string& country_b);

}  // namespace silkroute
