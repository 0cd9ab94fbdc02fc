// getMultipleLeads by lead key, as in the seed's first sample flow: the leads
// with the emails formtest1@marketo.com and joe@marketo.com (or the emails
// given as arguments), every page to the end.
//
// usage: example_key_selector [EMAIL...]     (environment: see client_from_env.hpp)
#include "client_from_env.hpp"

#include <vector>

int main(int argc, char** argv) {
    return example::run([&] {
        std::vector<std::string> emails(argv + 1, argv + argc);
        if (emails.empty()) emails = {"formtest1@marketo.com", "joe@marketo.com"};

        mktows::Client client(example::options_from_env());
        mktows::GetMultipleLeadsRequest request(mktows::LeadKeySelector(mktows::LeadKeyType::EMAIL, emails));
        request.batch_size = 100;

        // More than 100 keys are split into several calls; each call pages
        // through newStreamPosition until nothing remains.
        mktows::LeadRange leads = client.get_multiple_leads(request);
        for (const mktows::Lead& lead : leads) example::print_lead(lead);
        std::cout << leads.leads() << " leads in " << leads.pages() << " pages\n";
    });
}
