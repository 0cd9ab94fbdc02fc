// Checkpoint text format (see checkpoint.hpp).
#include "export/checkpoint.hpp"

#include <charconv>
#include <sstream>

#include "export/posix_file.hpp"
#include "export/text_escape.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

namespace {

constexpr const char* magic = "mktows-export-checkpoint";
constexpr int format_version = 1;

std::string time_token(const std::optional<TimePoint>& t) { return t ? format_w3c_utc(*t) : "-"; }

template <class T>
std::string optional_token(const std::optional<T>& v) {
    return v ? std::to_string(*v) : "-";
}

class LineParser {
public:
    LineParser(const std::string& path, int line_number, std::string line)
        : path_(path), line_number_(line_number), line_(std::move(line)), in_(line_) {}

    std::string token() {
        std::string t;
        if (!(in_ >> t)) fail("a value is missing");
        return t;
    }
    void expect(const std::string& word) {
        if (token() != word) fail("expected '" + word + "'");
    }
    template <class T>
    T number() {
        const std::string t = token();
        T v{};
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size()) fail("'" + t + "' is not a number");
        return v;
    }
    template <class T>
    std::optional<T> optional_number() {
        const std::string t = token();
        if (t == "-") return std::nullopt;
        T v{};
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
        if (ec != std::errc() || end != t.data() + t.size()) fail("'" + t + "' is not a number");
        return v;
    }
    std::optional<TimePoint> optional_time() {
        const std::string t = token();
        if (t == "-") return std::nullopt;
        try {
            return parse_w3c_datetime(t);
        } catch (const Error&) {
            fail("'" + t + "' is not a time");
        }
    }
    std::string text() {
        const std::string t = token();
        auto v = unescape_token(t);
        if (!v) fail("'" + t + "' is not an escaped value");
        return *v;
    }
    void expect_end() {
        std::string extra;
        if (in_ >> extra) fail("unexpected '" + extra + "'");
    }
    [[noreturn]] void fail(const std::string& why) const {
        throw Error(ErrorKind::invalid_argument,
                    "the checkpoint file '" + path_ + "' is damaged or not an export checkpoint (line " +
                        std::to_string(line_number_) + ": " + why + "); delete it and its .work directory " +
                        "to start the export over, or give another checkpoint file");
    }

private:
    const std::string& path_;
    int line_number_;
    std::string line_;
    std::istringstream in_;
};

UnitState parse_state(LineParser& p) {
    const std::string t = p.token();
    for (UnitState s : {UnitState::pending, UnitState::active, UnitState::fetched, UnitState::merged})
        if (t == to_string(s)) return s;
    p.fail("unknown unit state '" + t + "'");
}

ExportUnit parse_unit(LineParser& p) {
    ExportUnit u;
    u.id = p.number<int>();
    u.state = parse_state(p);
    const auto oldest = p.optional_time();
    const auto latest = p.optional_time();
    if (oldest.has_value() != latest.has_value()) p.fail("a window needs both bounds");
    if (oldest) u.window = TimeWindow{*oldest, *latest};
    u.chunk = p.optional_number<std::size_t>();
    u.leads = p.number<std::int64_t>();
    u.pages = p.number<std::int64_t>();
    u.remaining = p.optional_number<int>();
    u.spool_length = p.number<std::uint64_t>();
    u.merged_length = p.number<std::uint64_t>();
    u.restarts = p.number<int>();
    const std::string position = p.token();
    if (position != "-") {
        auto v = unescape_token(position);
        if (!v) p.fail("the stream position is not an escaped value");
        u.position = *v;
    }
    if (u.merged_length > u.spool_length) p.fail("more of the spool merged than it holds");
    // An active unit was being fetched when the checkpoint was written: it
    // continues from its position like a pending one.
    if (u.state == UnitState::active) u.state = UnitState::pending;
    return u;
}

}  // namespace

std::string format_checkpoint(const Checkpoint& c) {
    std::ostringstream out;
    out << magic << ' ' << format_version << '\n'
        << "identity " << escape_token(c.identity) << '\n'
        << "pinned_latest " << time_token(c.pinned_latest) << '\n'
        << "window_days " << c.window_days << '\n'
        << "output_length " << c.output_length << '\n'
        << "leads_written " << c.leads_written << '\n'
        << "duplicates " << c.duplicates << '\n'
        << "pages " << c.pages << '\n'
        << "finished " << (c.finished ? 1 : 0) << '\n';
    for (const ExportUnit& u : c.units) {
        out << "unit " << u.id << ' ' << to_string(u.state) << ' '
            << time_token(u.window ? std::optional<TimePoint>(u.window->oldest) : std::nullopt) << ' '
            << time_token(u.window ? std::optional<TimePoint>(u.window->latest) : std::nullopt) << ' '
            << optional_token(u.chunk) << ' ' << u.leads << ' ' << u.pages << ' ' << optional_token(u.remaining)
            << ' ' << u.spool_length << ' ' << u.merged_length << ' ' << u.restarts << ' '
            << (u.position.empty() ? std::string("-") : escape_token(u.position)) << '\n';
    }
    out << "end " << c.units.size() << '\n';
    return out.str();
}

Checkpoint parse_checkpoint(const std::string& text, const std::string& path) {
    std::istringstream in(text);
    std::string line;
    int number = 0;
    auto next = [&](const char* what) {
        if (!std::getline(in, line)) LineParser(path, number + 1, "").fail(std::string("'") + what + "' is missing");
        ++number;
        return LineParser(path, number, line);
    };
    Checkpoint c;
    {
        LineParser p = next(magic);
        p.expect(magic);
        if (p.number<int>() != format_version) p.fail("written by another version of mktows");
        p.expect_end();
    }
    auto field = [&](const char* name) {
        LineParser p = next(name);
        p.expect(name);
        return p;
    };
    { auto p = field("identity"); c.identity = p.text(); p.expect_end(); }
    { auto p = field("pinned_latest"); c.pinned_latest = p.optional_time(); p.expect_end(); }
    { auto p = field("window_days"); c.window_days = p.number<int>(); p.expect_end(); }
    { auto p = field("output_length"); c.output_length = p.number<std::uint64_t>(); p.expect_end(); }
    { auto p = field("leads_written"); c.leads_written = p.number<std::int64_t>(); p.expect_end(); }
    { auto p = field("duplicates"); c.duplicates = p.number<std::int64_t>(); p.expect_end(); }
    { auto p = field("pages"); c.pages = p.number<std::int64_t>(); p.expect_end(); }
    { auto p = field("finished"); c.finished = p.number<int>() != 0; p.expect_end(); }
    for (;;) {
        LineParser p = next("end");
        const std::string word = p.token();
        if (word == "end") {
            if (p.number<std::size_t>() != c.units.size()) p.fail("the unit count does not match");
            p.expect_end();
            break;
        }
        if (word != "unit") p.fail("expected 'unit' or 'end'");
        c.units.push_back(parse_unit(p));
        p.expect_end();
    }
    if (c.units.empty()) LineParser(path, number, "").fail("no units");
    return c;
}

void save_checkpoint(const std::string& path, const Checkpoint& checkpoint) {
    replace_file_atomically(path, format_checkpoint(checkpoint));
}

std::optional<Checkpoint> load_checkpoint(const std::string& path) {
    if (!file_exists(path)) return std::nullopt;
    return parse_checkpoint(read_whole_file(path), path);
}

}  // namespace mktows::detail
