// Lead records as getMultipleLeads and getLead return them.
#ifndef MKTOWS_LEAD_HPP
#define MKTOWS_LEAD_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mktows/time.hpp"

namespace mktows {

/// An optional, nillable element: absent from the XML, present with
/// xsi:nil="true", or present with a value. Marketo sends nil for unset
/// fields; the SDK keeps the three apart.
template <class T>
class Field {
public:
    enum class State : unsigned char { absent, nil, value };

    Field() = default;
    static Field nil() { Field f; f.state_ = State::nil; return f; }
    static Field of(T v) { Field f; f.state_ = State::value; f.value_ = std::move(v); return f; }

    State state() const noexcept { return state_; }
    bool is_absent() const noexcept { return state_ == State::absent; }
    bool is_nil() const noexcept { return state_ == State::nil; }
    bool has_value() const noexcept { return state_ == State::value; }
    /// The value; T{} unless has_value().
    const T& value() const noexcept { return value_; }

    friend bool operator==(const Field& a, const Field& b) {
        return a.state_ == b.state_ && a.value_ == b.value_;
    }
    friend bool operator!=(const Field& a, const Field& b) { return !(a == b); }

private:
    State state_ = State::absent;
    T value_{};
};

/// One entry of leadAttributeList: name, Marketo field type and the raw text
/// value, with typed accessors. Each accessor throws Error(invalid_argument)
/// naming the attribute when the text is not of that type.
struct Attribute {
    std::string name;
    std::string type;   ///< attrType: string, integer, boolean, date, datetime, float, currency, url, email, phone, ...; empty when absent or nil
    std::string value;  ///< attrValue as sent

    std::int64_t as_integer() const;   ///< integer, score, reference
    double as_double() const;          ///< float, currency, percent (also integers)
    bool as_boolean() const;           ///< true/false/1/0 (case-insensitive)
    Date as_date() const;              ///< YYYY-MM-DD
    TimePoint as_datetime() const;     ///< W3C dateTime
    const std::string& as_string() const noexcept { return value; }

    /// How the value is best represented in JSON and CSV, from type.
    enum class Kind { string, integer, number, boolean };
    Kind kind() const noexcept;

    friend bool operator==(const Attribute& a, const Attribute& b) {
        return a.name == b.name && a.type == b.type && a.value == b.value;
    }
};

/// A LeadRecord.
struct Lead {
    Field<std::int64_t> id;
    Field<std::string> email;
    Field<std::string> foreign_sys_person_id;
    Field<std::string> foreign_sys_type;
    std::vector<Attribute> attributes;

    /// The attribute with that name, or nullptr.
    const Attribute* attribute(std::string_view name) const noexcept;
};

/// One getMultipleLeads response.
struct LeadPage {
    int return_count = 0;
    int remaining_count = 0;
    std::string new_stream_position;  ///< empty at the end
    std::vector<Lead> leads;
};

}  // namespace mktows

#endif
