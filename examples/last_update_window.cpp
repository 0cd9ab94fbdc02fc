// getMultipleLeads with a LastUpdateAtSelector, as in the seed's update-time
// sample flow: every lead updated between OLDEST and LATEST (both W3C
// dateTimes, both inclusive; Marketo allows at most 30 days), page by page
// to the end. Without arguments: the last 7 days.
//
// usage: example_last_update_window [OLDEST [LATEST]]
//        e.g. example_last_update_window 2013-08-06T12:00:00-07:00 2013-08-06T15:45:00-07:00
//        (environment: see client_from_env.hpp)
#include "client_from_env.hpp"

#include <chrono>
#include <optional>

int main(int argc, char** argv) {
    if (argc > 3) {
        std::cerr << "usage: example_last_update_window [OLDEST [LATEST]]   (W3C dateTimes)\n";
        return 2;
    }
    return example::run([&] {
        const mktows::TimePoint now = std::chrono::system_clock::now();
        const mktows::TimePoint oldest =
            argc > 1 ? mktows::parse_w3c_datetime(argv[1]) : now - std::chrono::hours(24 * 7);
        const std::optional<mktows::TimePoint> latest =
            argc > 2 ? std::optional<mktows::TimePoint>(mktows::parse_w3c_datetime(argv[2])) : std::nullopt;

        mktows::Client client(example::options_from_env());
        mktows::GetMultipleLeadsRequest request(mktows::LastUpdateAtSelector(oldest, latest));
        request.batch_size = 100;

        mktows::LeadRange leads = client.get_multiple_leads(request);
        for (const mktows::Lead& lead : leads) example::print_lead(lead);
        std::cout << leads.leads() << " leads in " << leads.pages() << " pages, updated from "
                  << mktows::format_w3c_utc(oldest) << " to "
                  << (latest ? mktows::format_w3c_utc(*latest) : std::string("now")) << "\n";
    });
}
