// game_loop example (C++ host over include/hlffi.hpp): a frame loop calling Game.update(dt)
// through a typed cached function, a lambda registered as a host callback that Haxe calls, the
// player's fields read and written between frames, and a Haxe exception caught on the host side.
#include <cstdio>
#include <string>

#include "hlffi.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: game_loop game_loop.hl\n");
        return 2;
    }
    try {
        hlffi::Vm vm;
        // Haxe's output goes through the host's stdout, in order with the host's own lines.
        vm.on_print([](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); });
        vm.init().load(argv[1]).call_entry();

        int events = 0;
        vm.callback("event", [&events](std::string what, int frame) {
            events++;
            std::printf("[host] event '%s' at frame %d\n", what.c_str(), frame);
        });
        vm.set_static("Game", "onEvent", vm.get_callback("event"));

        hlffi::Value player = vm.call("Game", "start", "hero");
        auto update = vm.function<void(double)>("Game", "update");
        const double dt = 0.5;
        for (int frame = 1; frame <= 10; frame++) {
            try {
                update(dt);
            } catch (const hlffi::HaxeException& e) {
                std::printf("[host] frame %d: Haxe exception: %s\n", frame, e.message().c_str());
                std::printf("[host] Haxe stack:\n%s", e.haxe_stack().c_str());
                break;
            }
            std::printf("[host] frame %d: x=%.2f speed=%.1f hp=%d\n", frame, player.get<double>("x"),
                        player.get<double>("speed"), player.get<int>("hp"));
            if (frame == 2) {
                player.set("speed", 4.0);
                std::printf("[host] speed set to 4\n");
            }
            if (frame >= 3) player.set("hp", player.get<int>("hp") - 1);  // the host's damage
        }
        std::printf("[host] %d event(s), Game.frame = %d\n", events, vm.get_static<int>("Game", "frame"));
    } catch (const std::exception& e) {
        std::printf("[host] error: %s\n", e.what());
        return 1;
    }
    return 0;
}
