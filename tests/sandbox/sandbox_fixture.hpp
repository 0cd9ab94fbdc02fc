// Shared setup of the sandbox tests: sandboxes on ephemeral loopback ports
// (RunningSandbox), SDK clients for their account, and the expected answers
// computed from the sandbox's own data (Sandbox::snapshot), never from its
// responses.
#ifndef MKTOWS_TESTS_SANDBOX_SANDBOX_FIXTURE_HPP
#define MKTOWS_TESTS_SANDBOX_SANDBOX_FIXTURE_HPP

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mktows/mktows.hpp"
#include "mktows_sandbox/sandbox.hpp"
#include "support/error_of.hpp"
#include "support/running_sandbox.hpp"

namespace sandbox_test {

namespace sb = mktows::sandbox;
using mktows_test::error_of;
using mktows_test::RunningSandbox;

/// Any free port, the built-in data set of `leads` leads, demo account.
sb::Options test_options(int leads = 3000);

/// The sandbox's account against it: no retries, no client-side limits,
/// short timeouts (every server answer is seen as it is).
mktows::ClientOptions client_options(const sb::Sandbox& sandbox);

/// Every lead of the query through the SDK's paging, in order.
std::vector<mktows::Lead> all_leads(mktows::Client& client, const mktows::GetMultipleLeadsRequest& request);
std::vector<std::int64_t> ids(const std::vector<mktows::Lead>& leads);

/// Pages one call at a time, checking on each page that remainingCount is
/// exactly the number of leads still to come and that the position is empty
/// only at the end; returns every lead's id in order. `expected_total` is
/// the number of leads the query matches.
std::vector<std::int64_t> page_checked(mktows::Client& client, mktows::GetMultipleLeadsRequest request,
                                       std::size_t expected_total);

/// The sandbox's leads by id.
std::map<std::int64_t, sb::LeadSnapshot> by_id(const std::vector<sb::LeadSnapshot>& leads);

/// Ids of the leads matching a predicate, ascending.
std::vector<std::int64_t> ids_where(const std::vector<sb::LeadSnapshot>& leads,
                                    const std::function<bool(const sb::LeadSnapshot&)>& keep);

std::int64_t seconds(mktows::TimePoint t);
mktows::TimePoint at(std::int64_t seconds_since_epoch);

}  // namespace sandbox_test

#endif
