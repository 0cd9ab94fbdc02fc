// Sets TZ for the life of the guard (and restores it), so that tests can
// read local time in a given zone.
#ifndef MKTOWS_TEST_SUPPORT_TZ_GUARD_HPP
#define MKTOWS_TEST_SUPPORT_TZ_GUARD_HPP

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace mktows_test {

class TzGuard {
public:
    explicit TzGuard(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~TzGuard() {
        if (old_)
            setenv("TZ", old_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    TzGuard(const TzGuard&) = delete;
    TzGuard& operator=(const TzGuard&) = delete;

private:
    std::optional<std::string> old_;
};

}  // namespace mktows_test

#endif
