// Lead records (see lead_record.hpp).
#include "export/lead_record.hpp"

#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void put_string(std::string& out, const std::string& s) {
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out.append(s);
}

template <class T>
void put_state(std::string& out, const Field<T>& f) {
    out.push_back(static_cast<char>(f.is_absent() ? 0 : f.is_nil() ? 1 : 2));
}

void put_string_field(std::string& out, const Field<std::string>& f) {
    put_state(out, f);
    if (f.has_value()) put_string(out, f.value());
}

class Reader {
public:
    Reader(std::string_view bytes, const std::string& where) : bytes_(bytes), where_(where) {}

    std::uint64_t u(int n) {
        need(static_cast<std::size_t>(n));
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v |= std::uint64_t(static_cast<unsigned char>(bytes_[pos_ + i])) << (8 * i);
        pos_ += static_cast<std::size_t>(n);
        return v;
    }
    std::string string() {
        const auto n = static_cast<std::size_t>(u(4));
        need(n);
        std::string s(bytes_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    int state() {
        const auto s = static_cast<int>(u(1));
        if (s > 2) damaged();
        return s;
    }
    Field<std::string> string_field() {
        switch (state()) {
            case 0: return {};
            case 1: return Field<std::string>::nil();
            default: return Field<std::string>::of(string());
        }
    }
    void expect_end() const { require(pos_ == bytes_.size()); }
    void require(bool ok) const {
        if (!ok) damaged();
    }

private:
    void need(std::size_t n) const {
        if (bytes_.size() - pos_ < n) damaged();
    }
    [[noreturn]] void damaged() const {
        throw Error(ErrorKind::io, "the spool file '" + where_ +
                                       "' holds a damaged lead record; it was changed outside mktows: delete the "
                                       "checkpoint and its .work directory and export again");
    }

    std::string_view bytes_;
    const std::string& where_;
    std::size_t pos_ = 0;
};

}  // namespace

void append_lead_record(const Lead& lead, std::string& out) {
    const std::size_t header = out.size();
    put_u32(out, 0);
    put_state(out, lead.id);
    if (lead.id.has_value()) put_u64(out, static_cast<std::uint64_t>(lead.id.value()));
    put_string_field(out, lead.email);
    put_string_field(out, lead.foreign_sys_person_id);
    put_string_field(out, lead.foreign_sys_type);
    put_u32(out, static_cast<std::uint32_t>(lead.attributes.size()));
    for (const Attribute& a : lead.attributes) {
        put_string(out, a.name);
        put_string(out, a.type);
        put_string(out, a.value);
    }
    const auto size = static_cast<std::uint32_t>(out.size() - header - record_header_size);
    for (int i = 0; i < 4; ++i) out[header + i] = static_cast<char>((size >> (8 * i)) & 0xff);
}

std::uint32_t record_payload_size(const char* header) {
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= std::uint32_t(static_cast<unsigned char>(header[i])) << (8 * i);
    return v;
}

Lead decode_lead_record(std::string_view payload, const std::string& where) {
    Reader r(payload, where);
    Lead lead;
    switch (r.state()) {
        case 0: break;
        case 1: lead.id = Field<std::int64_t>::nil(); break;
        default: lead.id = Field<std::int64_t>::of(static_cast<std::int64_t>(r.u(8)));
    }
    lead.email = r.string_field();
    lead.foreign_sys_person_id = r.string_field();
    lead.foreign_sys_type = r.string_field();
    const auto count = static_cast<std::size_t>(r.u(4));
    r.require(count <= payload.size() / 12);  // an attribute takes at least 12 bytes
    lead.attributes.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        Attribute a;
        a.name = r.string();
        a.type = r.string();
        a.value = r.string();
        lead.attributes.push_back(std::move(a));
    }
    r.expect_end();
    return lead;
}

}  // namespace mktows::detail
