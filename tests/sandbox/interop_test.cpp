// Third-party SOAP clients against the sandbox: Python zeep and PHP's
// SoapClient (used the way Marketo's PHP sample uses it) load the WSDL from
// <endpoint>?WSDL, sign their own AuthenticationHeader and page through a
// static list; every member comes back exactly once, with its e-mail.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "sandbox/sandbox_fixture.hpp"
#include "support/child_process.hpp"

using namespace sandbox_test;

namespace {

const std::string kScripts = std::string(MKTOWS_SANDBOX_TEST_DIR) + "/interop/";

struct ListedLead {
    std::int64_t id;
    std::string email;
};

// Runs a client script and parses its "Id<TAB>Email" lines and "pages N".
std::vector<ListedLead> run_client(const std::vector<std::string>& command, int* pages) {
    mktows_test::ProcessOptions options;
    options.timeout = std::chrono::seconds(120);
    const mktows_test::ProcessResult result = mktows_test::run_process(command, options);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    std::vector<ListedLead> leads;
    std::istringstream lines(result.out);
    std::string line;
    *pages = -1;
    while (std::getline(lines, line)) {
        if (line.rfind("pages ", 0) == 0) {
            *pages = std::stoi(line.substr(6));
            continue;
        }
        const auto tab = line.find('\t');
        REQUIRE_MESSAGE(tab != std::string::npos, "unexpected output line: " << line);
        leads.push_back({std::stoll(line.substr(0, tab)), line.substr(tab + 1)});
    }
    return leads;
}

void check_list(const sb::Sandbox& sandbox, const std::string& list_name, int batch,
                const std::vector<std::string>& client_command) {
    const auto leads = sandbox.snapshot();
    const auto lists = sandbox.lists();
    const auto list = std::find_if(lists.begin(), lists.end(), [&](const sb::ListInfo& l) { return l.name == list_name; });
    REQUIRE(list != lists.end());
    const auto expected = ids_where(leads, [&](const sb::LeadSnapshot& l) {
        return std::find(l.list_ids.begin(), l.list_ids.end(), list->id) != l.list_ids.end();
    });
    REQUIRE(expected.size() > static_cast<std::size_t>(batch));  // more than one page
    std::vector<std::string> command = client_command;
    for (const std::string& a : {sandbox.endpoint(), sandbox.options().user_id, sandbox.options().secret_key,
                                 list_name, std::to_string(batch)})
        command.push_back(a);
    int pages = 0;
    const auto got = run_client(command, &pages);
    std::vector<std::int64_t> got_ids;
    const auto by = by_id(leads);
    for (const auto& l : got) {
        got_ids.push_back(l.id);
        const auto& email = by.at(l.id).lead.email;
        CHECK(l.email == (email.has_value() ? email.value() : std::string("-")));
    }
    CHECK(got_ids == expected);  // each exactly once, by Id
    CHECK(pages == static_cast<int>((expected.size() + static_cast<std::size_t>(batch) - 1) / static_cast<std::size_t>(batch)));
}

}  // namespace

TEST_CASE("Python zeep loads ?WSDL, signs its own header and pages a static list: every lead exactly once") {
    RunningSandbox sandbox(test_options(3000));
    check_list(*sandbox, "SMSProgram.listForTesting", 7, {"/usr/bin/python3", kScripts + "zeep_static_list.py"});
    check_list(*sandbox, "Événements.Invités & Partenaires", 25, {"/usr/bin/python3", kScripts + "zeep_static_list.py"});
}

TEST_CASE("PHP SoapClient, as in Marketo's PHP sample, pages a static list: every lead exactly once") {
    RunningSandbox sandbox(test_options(3000));
    check_list(*sandbox, "SMSProgram.listForTesting", 10, {"php", kScripts + "php_static_list.php"});
    check_list(*sandbox, "TradeShow.Booth Visitors", 100, {"php", kScripts + "php_static_list.php"});
}
