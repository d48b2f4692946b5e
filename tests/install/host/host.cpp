// install test host (tests/install/run.sh): built outside the tree against an installed hlffi;
// runs tests/haxe/api/cpp (path in argv[1]) through the C++ wrapper and the C API.
#include <cstdio>

#include "hlffi.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: host PROGRAM.hl\n");
        return 2;
    }
    try {
        hlffi::Vm vm;
        vm.init().load(argv[1]).call_entry();
        std::printf("api %s\n", hlffi_get_version());
        auto add = vm.function<int(int, int)>("Main", "add");
        std::printf("add %d\n", add(40, 2));
        std::printf("%s\n", vm.call<std::string>("Main", "greet", "installed").c_str());
        hlffi::Value c = vm.new_instance("Counter", "pkg", 1);
        c.call<int>("add", 2);
        std::printf("%s\n", c.call<std::string>("describe").c_str());
        try {
            vm.call<int>("Main", "thrower", "expected failure");
        } catch (const hlffi::HaxeException& e) {
            std::printf("caught %s\n", e.message().c_str());
        }
    } catch (const std::exception& e) {
        std::printf("error: %s\n", e.what());
        return 1;
    }
    return 0;
}
