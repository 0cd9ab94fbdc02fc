#include <iostream>

#include "mktows_sandbox/sandbox.hpp"

int main() {
    std::cout << mktows::sandbox::usage();
    return 0;
}
