// A loopback server for the namespaces test's calculator binding, built on
// its generated service class (calc_gsoap::CalculatorService): add, and
// divide, which answers a SOAP fault for a division by zero. Serves one
// connection at a time on its own thread until destroyed.
#ifndef MKTOWS_TEST_BUILD_CALCULATOR_SERVER_HPP
#define MKTOWS_TEST_BUILD_CALCULATOR_SERVER_HPP

#include <atomic>
#include <string>
#include <thread>

#include "calc_gsoapCalculatorService.h"

namespace mktows_test {

class CalculatorService : public calc_gsoap::CalculatorService {
public:
    int add(calc_gsoap::_calc__add* in, calc_gsoap::_calc__addResponse& out) override;
    int divide(calc_gsoap::_calc__divide* in, calc_gsoap::_calc__divideResponse& out) override;
    calc_gsoap::CalculatorService* copy() override { return nullptr; }  // single-threaded

    /// Operations answered, counted before the response is sent (so a
    /// client that has its answer always sees its call counted).
    std::atomic<int> answered{0};
};

class CalculatorServer {
public:
    /// Binds 127.0.0.1 on a free port and starts serving. Throws
    /// std::runtime_error with gSOAP's message if it cannot bind.
    CalculatorServer();
    ~CalculatorServer();
    CalculatorServer(const CalculatorServer&) = delete;
    CalculatorServer& operator=(const CalculatorServer&) = delete;

    /// http://127.0.0.1:PORT/calculator
    std::string endpoint() const;
    /// Operations answered so far.
    int served() const { return service_.answered.load(); }
    /// The service's soap context (for checks of its namespace table).
    const struct soap* context() const { return service_.soap; }

private:
    void loop();

    CalculatorService service_;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace mktows_test

#endif
