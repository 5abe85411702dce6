#include <gtest/gtest.h>

#include <algorithm>

#include "network/place_finder.hpp"
#include "scenario/avoid.hpp"
#include "test_support.hpp"

using namespace silkroute;
using test::mini;
using test::node;

TEST(NormalizeName, AccentsCasePunctuation) {
  EXPECT_EQ(normalize_name("Małaszewicze"), "malaszewicze");
  EXPECT_EQ(normalize_name("Łódź"), "lodz");
  EXPECT_EQ(normalize_name("Xi'an"), "xian");
  EXPECT_EQ(normalize_name("Constanța"), "constanta");
  EXPECT_EQ(normalize_name("  São Paulo "), "saopaulo");
  EXPECT_EQ(normalize_name("İstanbul"), "istanbul");
}

TEST(EditDistance, Basics) {
  EXPECT_EQ(edit_distance("duisburg", "duisburg"), 0u);
  EXPECT_EQ(edit_distance("duisbrug", "duisburg"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(PlaceFinder, ByIdLocodeNameAndAltName) {
  const PlaceFinder f(mini());
  EXPECT_EQ(f.find("xian").node, node(mini(), "xian"));
  EXPECT_EQ(f.find("DEDUI").node, node(mini(), "duisburg"));
  EXPECT_EQ(f.find("dedui").node, node(mini(), "duisburg"));
  EXPECT_EQ(f.find("XI'AN").node, node(mini(), "xian"));
  EXPECT_EQ(f.find("Malaszewicze").node, node(mini(), "malaszewicze"));
  EXPECT_EQ(f.find("Druzhba").node, node(mini(), "dostyk"));
  EXPECT_TRUE(f.find("Druzhba").exact);
}

TEST(PlaceFinder, SmallMisspellingIsAcceptedButFlagged) {
  const PlaceFinder f(mini());
  const auto m = f.find("Duisbrug");
  EXPECT_EQ(m.node, node(mini(), "duisburg"));
  EXPECT_FALSE(m.exact);
}

TEST(PlaceFinder, UnknownPlaceSaysDidYouMean) {
  const PlaceFinder f(mini());
  try {
    f.find("Rottrdmx");
    FAIL() << "expected PlaceNotFound";
  } catch (const PlaceNotFound& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("unknown place 'Rottrdmx'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean Rotterdam"), std::string::npos) << msg;
  }
  EXPECT_THROW(f.find("Zzyzx Qqq"), PlaceNotFound);
  EXPECT_THROW(f.find("''"), PlaceNotFound);
}

TEST(PlaceFinder, APlacesOwnNameBeatsAnotherPlacesAlternativeName) {
  // Cai Mep's port also goes by "Ho Chi Minh City"; the city of that name is the one meant.
  const auto& net = test::bri();
  const PlaceFinder f(net);
  const auto hcmc = net.node_by_id("hcmc");
  const auto cai_mep = net.node_by_id("cai_mep");
  ASSERT_TRUE(hcmc && cai_mep);
  ASSERT_EQ(net.nodes[*hcmc].name, "Ho Chi Minh City");
  ASSERT_NE(std::find(net.nodes[*cai_mep].alt_names.begin(), net.nodes[*cai_mep].alt_names.end(), "Ho Chi Minh City"),
            net.nodes[*cai_mep].alt_names.end());
  EXPECT_EQ(f.find_exact("Ho Chi Minh City"), *hcmc);
  EXPECT_EQ(f.find_exact("ho chi minh city"), *hcmc);
  // Two names that are only alternative names stay ambiguous: no rule picks one.
  auto twin = net;
  twin.nodes[*hcmc].name = "Saigon City";
  twin.nodes[*hcmc].alt_names.push_back("Ho Chi Minh City");
  twin.finalize();
  EXPECT_THROW(PlaceFinder(twin).find_exact("Ho Chi Minh City"), PlaceNotFound);
}

TEST(PlaceFinder, SeaWaypointsAreNotPlaces) {
  const PlaceFinder f(mini());
  EXPECT_THROW(f.find("Gulf of Aden"), PlaceNotFound);
}

TEST(Avoid, ReadsCountriesChokepointsModesLinksAndPlaces) {
  const PlaceFinder f(mini());
  Closures c;
  for (const char* item : {"RUS", "kazakhstan", "Suez", "air", "link:r_xian_shanghai", "Dostyk", "chokepoint:hormuz"})
    add_avoid_item(mini(), f, item, c);
  EXPECT_EQ(c.countries, (std::set<std::string>{"KAZ", "RUS"}));
  EXPECT_EQ(c.chokepoints, (std::set<std::string>{"hormuz", "suez"}));
  EXPECT_EQ(c.modes, (std::set<Mode>{Mode::air}));
  EXPECT_EQ(c.links, (std::set<std::string>{"r_xian_shanghai"}));
  EXPECT_EQ(c.nodes, (std::set<std::string>{"dostyk"}));
}

TEST(Avoid, UnknownItemsAreErrorsNotGuesses) {
  const PlaceFinder f(mini());
  Closures c;
  EXPECT_THROW(add_avoid_item(mini(), f, "Atlantis", c), std::invalid_argument);
  EXPECT_THROW(add_avoid_item(mini(), f, "country:XYZ", c), std::invalid_argument);
  EXPECT_THROW(add_avoid_item(mini(), f, "mode:hovercraft", c), std::invalid_argument);
  EXPECT_THROW(add_avoid_item(mini(), f, "Dostik", c), std::invalid_argument);  // close to a place, but not exact
  EXPECT_TRUE(c.empty());
}
