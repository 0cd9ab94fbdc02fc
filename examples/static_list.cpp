// getMultipleLeads for a static list, as in the seed's static-list sample
// flow: every member of the list named ProgramName.ListName, with only a few
// attributes (includeAttributes, as the seed's Java sample does), page by page
// until remainingCount is 0.
//
// usage: example_static_list LIST_NAME     e.g. example_static_list SMSProgram.listForTesting
//        (environment: see client_from_env.hpp)
#include "client_from_env.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: example_static_list LIST_NAME   (a static list, e.g. Program.List)\n";
        return 2;
    }
    return example::run([&] {
        mktows::Client client(example::options_from_env());
        mktows::GetMultipleLeadsRequest request(mktows::StaticListSelector::by_name(argv[1]));
        request.include_attributes = {"FirstName", "LastName", "Company"};
        request.batch_size = 100;

        mktows::LeadRange leads = client.get_multiple_leads(request);
        for (const mktows::Lead& lead : leads) example::print_lead(lead);
        std::cout << leads.leads() << " leads in " << leads.pages() << " pages\n";
    });
}
