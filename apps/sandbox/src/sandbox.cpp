// Sandbox: the engine (data, checks), the server (listener, workers) and the
// churn thread, started and stopped together.
#include "mktows_sandbox/sandbox.hpp"

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "engine.hpp"
#include "soap_server.hpp"

namespace mktows::sandbox {

namespace {

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

struct Sandbox::Impl {
    explicit Impl(const Options& options)
        : engine(options),
          server(engine, ServerConfig{options.port, options.tls_cert_file, options.tls_key_file, options.workers,
                                      options.idle_timeout}) {
        engine.set_log(&std::clog);
    }

    void churn_loop() {
        const double per_second = engine.options().churn_per_second;
        double owed = 0;
        auto last = std::chrono::steady_clock::now();
        std::unique_lock lock(churn_mutex);
        while (!churn_stop) {
            churn_cv.wait_for(lock, std::chrono::milliseconds(100), [this] { return churn_stop; });
            if (churn_stop) break;
            const auto now = std::chrono::steady_clock::now();
            owed += per_second * std::chrono::duration<double>(now - last).count();
            last = now;
            const auto count = static_cast<std::size_t>(owed);
            owed -= static_cast<double>(count);
            if (count) engine.churn(count, now_seconds());
        }
    }

    Engine engine;
    SoapServer server;
    std::thread churn;
    std::mutex churn_mutex;
    std::condition_variable churn_cv;
    bool churn_stop = false;
};

Sandbox::Sandbox(Options options) {
    options.validate();
    impl_ = std::make_unique<Impl>(options);
}

Sandbox::~Sandbox() { stop(); }

void Sandbox::start() {
    if (impl_->server.running()) return;
    impl_->server.start();
    if (impl_->engine.options().churn_per_second > 0) {
        impl_->churn_stop = false;
        impl_->churn = std::thread([this] { impl_->churn_loop(); });
    }
}

void Sandbox::stop() {
    if (!impl_) return;
    if (impl_->churn.joinable()) {
        {
            std::lock_guard lock(impl_->churn_mutex);
            impl_->churn_stop = true;
        }
        impl_->churn_cv.notify_all();
        impl_->churn.join();
    }
    impl_->server.stop();
}

bool Sandbox::running() const noexcept { return impl_->server.running(); }
std::string Sandbox::endpoint() const { return impl_->server.endpoint(); }
int Sandbox::port() const noexcept { return impl_->server.port(); }
std::string Sandbox::listening_line() const { return "listening on " + endpoint(); }
const Options& Sandbox::options() const noexcept { return impl_->engine.options(); }
std::int64_t Sandbox::lead_count() const { return static_cast<std::int64_t>(impl_->engine.data().size()); }
Stats Sandbox::stats() const { return impl_->engine.stats(); }
void Sandbox::set_log(std::ostream* log) { impl_->engine.set_log(log); }

std::vector<ListInfo> Sandbox::lists() const {
    std::vector<ListInfo> lists;
    for (const auto& list : impl_->engine.data().lists())
        lists.push_back({list.id, list.name, static_cast<std::int64_t>(list.member_ids.size())});
    return lists;
}

void Sandbox::print_lists(std::ostream& out) const {
    for (const auto& list : impl_->engine.data().lists()) out << list.id << '\t' << list.name << '\n';
}

std::vector<LeadSnapshot> Sandbox::snapshot() const {
    const DataSet& data = impl_->engine.data();
    const std::vector<std::int64_t> updated = impl_->engine.updates().all();
    std::vector<LeadSnapshot> leads(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        LeadSnapshot& s = leads[i];
        s.lead.id = Field<std::int64_t>::of(data.id_at(i));
        s.lead.email = Field<std::string>::nil();
        s.lead.foreign_sys_person_id = Field<std::string>::nil();
        s.lead.foreign_sys_type = Field<std::string>::nil();
        LeadBlobReader reader(data.blob_at(i));
        Slot slot;
        std::string_view value;
        while (reader.next(slot, value)) {
            if (slot == slot_email) s.lead.email = Field<std::string>::of(std::string(value));
            else if (slot == slot_foreign_sys_person_id) s.lead.foreign_sys_person_id = Field<std::string>::of(std::string(value));
            else if (slot == slot_foreign_sys_type) s.lead.foreign_sys_type = Field<std::string>::of(std::string(value));
            else {
                const AttributeDef& def = data.attribute_of_slot(slot);
                s.lead.attributes.push_back({def.name, def.type, std::string(value)});
            }
        }
        s.updated_at = TimePoint(std::chrono::seconds(updated[i]));
    }
    for (const auto& list : data.lists())
        for (LeadId id : list.member_ids) leads[static_cast<std::size_t>(data.index_of(id))].list_ids.push_back(list.id);
    return leads;
}

}  // namespace mktows::sandbox
