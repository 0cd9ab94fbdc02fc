// The export's building blocks: the Id bitset, lead records in spool files,
// the checkpoint format, the quota reset time.
#include <doctest/doctest.h>

#include <fstream>

#include "export/checkpoint.hpp"
#include "export/id_set.hpp"
#include "export/lead_record.hpp"
#include "export/quota_reset.hpp"
#include "export/record_file.hpp"
#include "export/text_escape.hpp"
#include "export_fixture.hpp"
#include "mktows/error.hpp"

using export_test::utc;
using namespace mktows;

namespace {

Lead sample_lead(std::int64_t id) {
    Lead l;
    l.id = Field<std::int64_t>::of(id);
    l.email = Field<std::string>::of("zoë+" + std::to_string(id) + "@example.com");
    l.foreign_sys_person_id = Field<std::string>::nil();
    // foreign_sys_type stays absent
    l.attributes.push_back({"Company", "string", "Acme, \"Widgets\"\n<&>"});
    l.attributes.push_back({"LeadScore", "integer", std::to_string(id % 100)});
    l.attributes.push_back({"Empty", "", ""});
    return l;
}

bool same(const Lead& a, const Lead& b) {
    return a.id == b.id && a.email == b.email && a.foreign_sys_person_id == b.foreign_sys_person_id &&
           a.foreign_sys_type == b.foreign_sys_type && a.attributes == b.attributes;
}

}  // namespace

TEST_SUITE("unit") {

TEST_CASE("IdSet: first insert wins, memory follows the largest Id, not the number of leads") {
    detail::IdSet ids;
    CHECK(ids.insert(65835));
    CHECK_FALSE(ids.insert(65835));
    CHECK(ids.contains(65835));
    CHECK_FALSE(ids.contains(65836));
    CHECK(ids.insert(0));
    CHECK(ids.insert(-5));                     // outside the bitset: still exact
    CHECK_FALSE(ids.insert(-5));
    CHECK(ids.insert(std::int64_t{1} << 40));
    CHECK_FALSE(ids.insert(std::int64_t{1} << 40));
    CHECK(ids.size() == 4);

    detail::IdSet dense;
    int inserted = 0, again = 0;
    for (std::int64_t id = 1; id <= 1'000'000; ++id) inserted += dense.insert(id);
    for (std::int64_t id = 1; id <= 1'000'000; id += 997) again += dense.insert(id);
    CHECK(inserted == 1'000'000);
    CHECK(again == 0);
    CHECK(dense.size() == 1'000'000);
    CHECK(dense.memory_bytes() < 200 * 1024);  // ~1 bit per Id: 125 KB for a million
}

TEST_CASE("lead records: absent, nil and values, attributes with every byte, survive a spool file") {
    export_test::TempDir dir;
    const std::string path = dir.file("unit.spool");
    std::vector<Lead> leads;
    for (int i = 0; i < 2000; ++i) leads.push_back(sample_lead(1000 + i));
    Lead no_id;
    no_id.id = Field<std::int64_t>::nil();
    leads.push_back(no_id);
    {
        detail::RecordWriter w(path, 0);
        for (const Lead& l : leads) w.append(l);
        w.sync();
    }
    detail::RecordReader r(path, 0, export_test::read_file(path).size());
    Lead got;
    std::size_t n = 0;
    while (r.next(got)) {
        REQUIRE(n < leads.size());
        CHECK(same(got, leads[n]));
        ++n;
    }
    CHECK(n == leads.size());
}

TEST_CASE("a spool reopened at a recorded length drops what came after it") {
    export_test::TempDir dir;
    const std::string path = dir.file("unit.spool");
    std::uint64_t first_page;
    {
        detail::RecordWriter w(path, 0);
        w.append(sample_lead(1));
        first_page = w.sync();
        w.append(sample_lead(2));  // a page the checkpoint never recorded
        w.sync();
    }
    {
        detail::RecordWriter w(path, first_page);
        w.append(sample_lead(3));
        w.sync();
    }
    detail::RecordReader r(path, 0, export_test::read_file(path).size());
    Lead a, b, c;
    REQUIRE(r.next(a));
    REQUIRE(r.next(b));
    CHECK_FALSE(r.next(c));
    CHECK(a.id.value() == 1);
    CHECK(b.id.value() == 3);
    // A spool shorter than the recorded length is an error, not a silent gap.
    CHECK_THROWS_AS(detail::RecordWriter(path, 1'000'000), Error);
}

TEST_CASE("giving back the merged start of a spool keeps what follows readable") {
    export_test::TempDir dir;
    const std::string path = dir.file("unit.spool");
    std::vector<std::uint64_t> ends;
    {
        detail::RecordWriter w(path, 0);
        for (int i = 0; i < 3000; ++i) {
            Lead l = sample_lead(i);
            l.attributes.push_back({"Notes", "string", std::string(5000, 'n')});
            w.append(l);
            ends.push_back(w.flush());
        }
        w.sync();
    }
    auto file = std::make_shared<detail::PosixFile>(path, detail::PosixFile::Mode::read_write_create);
    const std::uint64_t from = ends[1999];
    file->discard_prefix(from);
    detail::RecordReader r(file, from, ends.back());
    Lead l;
    int n = 0;
    while (r.next(l)) CHECK(l.id.value() == 2000 + n++);
    CHECK(n == 1000);
}

TEST_CASE("a damaged spool is an error naming the file") {
    export_test::TempDir dir;
    const std::string path = dir.file("bad.spool");
    std::ofstream(path) << std::string("\x05\x00\x00\x00\x07zzzz", 9);
    detail::RecordReader r(path, 0, 9);
    Lead l;
    CHECK_THROWS_WITH_AS(r.next(l), doctest::Contains("bad.spool"), Error);
}

TEST_CASE("tokens: every byte round-trips; malformed tokens are refused") {
    std::string all;
    for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
    for (const std::string& s : {std::string(), std::string("abc"), all, std::string("a b%c")}) {
        const std::string t = detail::escape_token(s);
        CHECK(t.find(' ') == std::string::npos);
        CHECK(t.find('\n') == std::string::npos);
        CHECK(detail::unescape_token(t) == s);
    }
    CHECK_FALSE(detail::unescape_token("%4"));
    CHECK_FALSE(detail::unescape_token("%zz"));
    CHECK_FALSE(detail::unescape_token("a b"));
}

TEST_CASE("checkpoint: round trip of every field; damaged files are refused with the line") {
    detail::Checkpoint c;
    c.identity = "LastUpdateAt oldest=2024-01-01T00:00:00Z latest=open attributes=all format=jsonl output=/x y";
    c.pinned_latest = utc("2024-03-15T10:20:30Z");
    c.window_days = 30;
    c.output_length = 123456;
    c.leads_written = 789;
    c.duplicates = 3;
    c.pages = 12;
    detail::ExportUnit a;
    a.id = 0;
    a.window = TimeWindow{utc("2024-01-01T00:00:00Z"), utc("2024-01-30T23:59:59Z")};
    a.state = detail::UnitState::merged;
    a.leads = 500;
    a.pages = 3;
    a.remaining = 0;
    a.spool_length = 9999;
    a.merged_length = 9999;
    detail::ExportUnit b;
    b.id = 7;
    b.window = TimeWindow{utc("2024-01-31T00:00:00Z"), utc("2024-03-15T10:20:30Z")};
    b.state = detail::UnitState::active;
    b.position = "opaque position with spaces\nand=signs";
    b.remaining = 42;
    b.spool_length = 100;
    b.merged_length = 50;
    b.restarts = 1;
    c.units = {a, b};

    const std::string text = detail::format_checkpoint(c);
    const detail::Checkpoint back = detail::parse_checkpoint(text, "cp");
    CHECK(back.identity == c.identity);
    CHECK(back.pinned_latest == c.pinned_latest);
    CHECK(back.output_length == 123456);
    CHECK(back.leads_written == 789);
    CHECK(back.duplicates == 3);
    CHECK(back.pages == 12);
    REQUIRE(back.units.size() == 2);
    CHECK(back.units[0].state == detail::UnitState::merged);
    CHECK(back.units[0].window == a.window);
    CHECK(back.units[1].id == 7);
    CHECK(back.units[1].state == detail::UnitState::pending);  // active when written: continues
    CHECK(back.units[1].position == b.position);
    CHECK(back.units[1].remaining == 42);
    CHECK(back.units[1].spool_length == 100);
    CHECK(back.units[1].merged_length == 50);
    CHECK(back.units[1].restarts == 1);
    CHECK_FALSE(back.units[1].chunk);

    // Cut short, edited, or not a checkpoint at all.
    for (const std::string& bad : {text.substr(0, text.size() / 2), std::string("hello\n"),
                                   text.substr(0, text.find("end ")) + "end 5\n"}) {
        try {
            detail::parse_checkpoint(bad, "/tmp/x.checkpoint");
            FAIL("accepted a damaged checkpoint");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::invalid_argument);
            const std::string what = e.what();
            CHECK(what.find("/tmp/x.checkpoint") != std::string::npos);
            CHECK(what.find("line") != std::string::npos);
        }
    }
}

TEST_CASE("the daily quota resets at the next midnight US Central Standard Time (06:00 UTC)") {
    CHECK(detail::next_quota_reset(utc("2024-05-01T12:00:00Z")) == utc("2024-05-02T06:00:00Z"));
    CHECK(detail::next_quota_reset(utc("2024-05-01T05:59:59Z")) == utc("2024-05-01T06:00:00Z"));
    CHECK(detail::next_quota_reset(utc("2024-05-01T06:00:00Z")) == utc("2024-05-02T06:00:00Z"));
    const std::string text = detail::describe_quota_reset(utc("2024-05-01T04:30:00Z"));
    CHECK(text.find("2024-05-01T06:00:00Z") != std::string::npos);
    CHECK(text.find("1 h 30 min") != std::string::npos);
}

}  // TEST_SUITE
