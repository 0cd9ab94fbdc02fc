// Shared pieces of the export tests (see export_fixture.hpp).
#include "export_fixture.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace export_test {

namespace {

void remove_tree(const std::string& path) {
    if (DIR* dir = ::opendir(path.c_str())) {
        while (const dirent* e = ::readdir(dir)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            const std::string child = path + "/" + name;
            struct stat st {};
            if (::lstat(child.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(child);
            else
                ::unlink(child.c_str());
        }
        ::closedir(dir);
    }
    ::rmdir(path.c_str());
}

}  // namespace

TempDir::TempDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/mktows-export-test-XXXXXX";
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() { remove_tree(path_); }

int CallLog::count_lines(const std::string& text) {
    const std::string all = stream_.str();
    int n = 0;
    for (std::size_t at = all.find(text); at != std::string::npos; at = all.find(text, at + text.size())) ++n;
    return n;
}

int CallLog::count_fault(int code) { return count_lines("fault " + std::to_string(code) + " "); }

mktows::sandbox::Options sandbox_options(const std::string& data_file) {
    mktows::sandbox::Options o;
    o.port = 0;
    o.data_file = data_file;
    o.verbose = true;
    return o;
}

RunningSandbox::RunningSandbox(mktows::sandbox::Options options)
    : sandbox_(std::make_unique<mktows::sandbox::Sandbox>(std::move(options))) {
    sandbox_->set_log(&log_.stream());
    sandbox_->start();
}

RunningSandbox::~RunningSandbox() { sandbox_->stop(); }

int RunningSandbox::fault_count(int code) {
    sandbox_->stop();
    return log_.count_fault(code);
}

mktows::ClientOptions RunningSandbox::client_options() const {
    mktows::ClientOptions o;
    o.endpoint = sandbox_->endpoint();
    o.credentials.user_id = mktows::sandbox::demo_user_id;
    o.credentials.secret_key = mktows::sandbox::demo_secret_key;
    o.retry.initial_backoff = std::chrono::milliseconds(5);
    o.retry.max_backoff = std::chrono::milliseconds(50);
    o.retry.max_retries = 10;
    o.limits.rate_calls = 0;  // the tests that need limits set them
    o.limits.max_concurrency = 0;
    return o;
}

std::vector<std::int64_t> jsonl_ids(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::int64_t> ids;
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line);
        ids.push_back(j.at("Id").get<std::int64_t>());
    }
    return ids;
}

std::vector<std::int64_t> csv_ids(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<std::int64_t> ids;
    std::string line;
    bool header = true;
    // The test data has no line breaks inside fields; rows end with CRLF.
    while (std::getline(in, line)) {
        if (header) {
            header = false;
            continue;
        }
        ids.push_back(std::stoll(line.substr(0, line.find(','))));
    }
    return ids;
}

std::map<std::int64_t, int> id_counts(const std::vector<std::int64_t>& ids) {
    std::map<std::int64_t, int> counts;
    for (const auto id : ids) ++counts[id];
    return counts;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

mktows::TimePoint utc(const char* text) { return mktows::parse_w3c_datetime(text); }

}  // namespace export_test
