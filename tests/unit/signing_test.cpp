// Request signatures: HMAC-SHA1 against the openssl CLI, and the W3C
// timestamps they sign across time zones and DST changes.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "mktows/credentials.hpp"
#include "mktows/time.hpp"
#include "support/openssl_cli.hpp"
#include "support/tz_guard.hpp"

using namespace std::chrono;
using mktows::TimePoint;
using mktows_test::TzGuard;

namespace {
TimePoint utc(const char* w3c) { return mktows::parse_w3c_datetime(w3c); }
}  // namespace

TEST_CASE("hmac_sha1_hex matches vectors recorded with openssl dgst -sha1 -hmac") {
    // Each computed with: printf '%s' "$DATA" | openssl dgst -sha1 -hmac "$KEY"
    CHECK(mktows::hmac_sha1_hex("secret1", "2013-08-02T15:47:06-07:00demo17_1_809934544BFABAE58E5D27") ==
          "21a8d7c7ab3615aaa0a4cc129aad7caadf2402e7");
    CHECK(mktows::hmac_sha1_hex("demo-secret-key", "2024-01-15T09:30:00+05:30user@example") ==
          "ee994790d721a102e42b00c0eace66fc374e7cc4");
    CHECK(mktows::hmac_sha1_hex("k", "") == "3a84a218ee6665209bb70e84525dd837645a1965");
    CHECK(mktows::hmac_sha1_hex(
              "an even longer secret key that is more than sixty-four bytes long, to force hashing of the key",
              "2013-06-09T14:04:54-08:00bigcorp1_461839624B16E06BA2D663") ==
          "c410f8e2990854182b94e432ee2e938e98c4b060");
}

TEST_CASE("hmac_sha1_hex agrees with the openssl CLI run now") {
    const std::pair<std::string, std::string> cases[] = {
        {"41773DB0C1B6E0D1BB2A", "2013-08-02T15:47:06-07:00demo17_1_809934544BFABAE58E5D27"},
        {"key with spaces & 'quotes'", "2020-02-29T23:59:59+00:00user"},
        {"ünïcødé-key", "2021-11-07T01:30:00-08:00日本のユーザー"},
        {std::string(200, 'x'), "2030-01-01T00:00:00+12:45u"},
    };
    for (const auto& [key, data] : cases) {
        CAPTURE(data);
        CHECK(mktows::hmac_sha1_hex(key, data) == mktows_test::openssl_hmac_sha1_hex(key, data));
    }
}

TEST_CASE("format_w3c_timestamp writes the offset as +hh:mm") {
    TimePoint t = utc("2013-08-02T22:47:06Z");
    CHECK(mktows::format_w3c_timestamp(t, hours(-7)) == "2013-08-02T15:47:06-07:00");
    CHECK(mktows::format_w3c_timestamp(t, seconds(0)) == "2013-08-02T22:47:06+00:00");
    CHECK(mktows::format_w3c_timestamp(t, minutes(330)) == "2013-08-03T04:17:06+05:30");
    CHECK(mktows::format_w3c_timestamp(t, minutes(-210)) == "2013-08-02T19:17:06-03:30");
    CHECK(mktows::format_w3c_timestamp(t, minutes(765)) == "2013-08-03T11:32:06+12:45");
    // The text parses back to the same instant.
    for (int m : {-720, -570, -210, 0, 330, 345, 765, 840}) {
        CAPTURE(m);
        CHECK(mktows::parse_w3c_datetime(mktows::format_w3c_timestamp(t, minutes(m))) == t);
    }
}

TEST_CASE("local offsets follow TZ and DST") {
    struct Case {
        const char* tz;
        const char* instant;
        const char* expected;
    };
    const Case cases[] = {
        {"America/Los_Angeles", "2013-08-02T22:47:06Z", "2013-08-02T15:47:06-07:00"},  // PDT
        {"America/Los_Angeles", "2013-01-15T20:00:00Z", "2013-01-15T12:00:00-08:00"},  // PST
        {"America/Los_Angeles", "2013-03-10T09:59:59Z", "2013-03-10T01:59:59-08:00"},  // last second of PST
        {"America/Los_Angeles", "2013-03-10T10:00:00Z", "2013-03-10T03:00:00-07:00"},  // first of PDT
        {"America/Los_Angeles", "2013-11-03T08:30:00Z", "2013-11-03T01:30:00-07:00"},  // 01:30 the first time
        {"America/Los_Angeles", "2013-11-03T09:30:00Z", "2013-11-03T01:30:00-08:00"},  // 01:30 again, PST
        {"Asia/Kolkata", "2013-08-02T22:47:06Z", "2013-08-03T04:17:06+05:30"},
        {"Asia/Kathmandu", "2013-08-02T22:47:06Z", "2013-08-03T04:32:06+05:45"},
        {"Australia/Adelaide", "2013-01-15T00:00:00Z", "2013-01-15T10:30:00+10:30"},  // summer time
        {"Australia/Adelaide", "2013-07-15T00:00:00Z", "2013-07-15T09:30:00+09:30"},
        {"Pacific/Chatham", "2013-07-15T00:00:00Z", "2013-07-15T12:45:00+12:45"},
        {"UTC", "2013-08-02T22:47:06Z", "2013-08-02T22:47:06+00:00"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.tz);
        CAPTURE(c.instant);
        TzGuard tz(c.tz);
        TimePoint t = utc(c.instant);
        CHECK(mktows::format_w3c_timestamp(t, mktows::local_utc_offset(t)) == c.expected);
    }
}

TEST_CASE("Signer signs the local timestamp plus the user id, fresh on every call") {
    TzGuard tz("America/Los_Angeles");
    TimePoint now = utc("2013-08-02T22:47:06Z");
    mktows::Signer signer({"demo17_1_809934544BFABAE58E5D27", "s3cr3t"}, [&] { return now; });
    mktows::SignedHeader h = signer.sign();
    CHECK(h.user_id == "demo17_1_809934544BFABAE58E5D27");
    CHECK(h.timestamp == "2013-08-02T15:47:06-07:00");
    CHECK(h.signature == mktows_test::openssl_hmac_sha1_hex("s3cr3t", h.timestamp + h.user_id));

    now += seconds(1);
    mktows::SignedHeader next = signer.sign();
    CHECK(next.timestamp == "2013-08-02T15:47:07-07:00");
    CHECK(next.signature != h.signature);
    CHECK(next.signature == mktows::hmac_sha1_hex("s3cr3t", next.timestamp + next.user_id));
}

TEST_CASE("Signer without a clock uses the current time") {
    mktows::Signer signer({"u", "k"});
    auto before = system_clock::now() - seconds(1);
    mktows::SignedHeader h = signer.sign();
    auto after = system_clock::now() + seconds(1);
    TimePoint t = mktows::parse_w3c_datetime(h.timestamp);
    CHECK(t >= before);
    CHECK(t <= after);
}
