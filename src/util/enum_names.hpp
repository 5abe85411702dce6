#pragma once
// Enums whose values and names come from one list (an X-macro), so a new value is one line
// and its name, its parser and the list in error messages follow:
//
//   #define SILKROUTE_COLOURS(X) X(red, "red") X(dark_blue, "dark blue")
//   SILKROUTE_ENUM(Colour, unsigned char, SILKROUTE_COLOURS)
//
// gives enum class Colour {red, dark_blue}, and enum_name(Colour::red) == "red",
// enum_parse<Colour>("dark blue"), enum_values<Colour>(), enum_list<Colour>() == "red, dark blue".

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace silkroute {

template <typename E>
struct EnumNames;  // specialized by SILKROUTE_ENUM: static constexpr std::array names, values

template <typename E>
constexpr std::string_view enum_name(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}

template <typename E>
constexpr std::optional<E> enum_parse(std::string_view text) {
  for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i)
    if (EnumNames<E>::names[i] == text) return EnumNames<E>::values[i];
  return std::nullopt;
}

template <typename E>
constexpr const auto& enum_values() {
  return EnumNames<E>::values;
}

template <typename E>
std::string enum_list(std::string_view separator = ", ") {
  std::string out;
  for (auto name : EnumNames<E>::names) {
    if (!out.empty()) out += separator;
    out += name;
  }
  return out;
}

}  // namespace silkroute

#define SILKROUTE_ENUM_VALUE(id, name, ...) id,
#define SILKROUTE_ENUM_NAME(id, name, ...) std::string_view(name),
// Declares `enum class Type : Base` from LIST and its EnumNames specialization.
#define SILKROUTE_ENUM(Type, Base, LIST)                                                    \
  enum class Type : Base { LIST(SILKROUTE_ENUM_VALUE) };                                    \
  template <>                                                                               \
  struct EnumNames<Type> {                                                                  \
    static constexpr std::array names{LIST(SILKROUTE_ENUM_NAME)};                           \
    static constexpr auto values = [] {                                                     \
      std::array<Type, names.size()> v{};                                                   \
      for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<Type>(i);               \
      return v;                                                                             \
    }();                                                                                    \
  };
