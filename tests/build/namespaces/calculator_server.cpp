#include "calculator_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <sstream>
#include <stdexcept>

namespace mktows_test {

int CalculatorService::add(calc_gsoap::_calc__add* in, calc_gsoap::_calc__addResponse& out) {
    if (in == nullptr) return soap_senderfault("add: no parameters", nullptr);
    out.result = in->a + in->b;
    ++answered;
    return SOAP_OK;
}

int CalculatorService::divide(calc_gsoap::_calc__divide* in, calc_gsoap::_calc__divideResponse& out) {
    if (in == nullptr) return soap_senderfault("divide: no parameters", nullptr);
    ++answered;
    if (in->b == 0.0) {
        return soap_senderfault("division by zero",
                                "<calc:divisionByZero xmlns:calc=\"urn:mktows-test:calculator\">b is 0</calc:divisionByZero>");
    }
    out.result = in->a / in->b;
    return SOAP_OK;
}

CalculatorServer::CalculatorServer() {
    service_.soap->bind_flags = SO_REUSEADDR;
    service_.soap->accept_timeout = -100000;  // 100 ms, so the loop sees stop_
    service_.soap->recv_timeout = 5;
    service_.soap->send_timeout = 5;
    if (!soap_valid_socket(service_.bind("127.0.0.1", 0, 16))) {
        std::ostringstream msg;
        service_.soap_stream_fault(msg);
        throw std::runtime_error("calculator server: cannot bind 127.0.0.1: " + msg.str());
    }
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    if (getsockname(service_.soap->master, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        throw std::runtime_error("calculator server: getsockname failed");
    }
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { loop(); });
}

CalculatorServer::~CalculatorServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

std::string CalculatorServer::endpoint() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/calculator";
}

void CalculatorServer::loop() {
    while (!stop_) {
        if (!soap_valid_socket(service_.accept())) continue;  // timeout or error: look at stop_
        service_.serve();
        service_.destroy();
    }
}

}  // namespace mktows_test
