// Tests of the vm layer's blocking service (vm/blocking.cpp) and of the ownership of what the
// sys natives open: a Haxe program (tests/haxe/api/sys_blocking) waits in accept, recv, select,
// a child's pipe or its exit, or Sys.command; an interrupt from the host must end the wait
// promptly, unloading the VM must end threads left waiting, and nothing the program opened
// (descriptors, children) may outlive the VM.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "vm/vm.h"

namespace hlffi::vm {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<uint8_t> program_bytes() {
    std::ifstream in(std::string(HLFFI_HL_DIR) + "/api_sys_blocking.hl", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int open_fds() {
    int n = 0;
    DIR* d = opendir("/proc/self/fd");
    if (d == nullptr) return -1;
    while (readdir(d) != nullptr) n++;
    closedir(d);
    return n;
}

// No child left, running or zombie.
bool no_children() { return waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD; }

void collect_output(void*, const char* text, size_t len, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, len);
}

class Blocking : public ::testing::Test {
protected:
    void load(const std::string& scenario) {
        std::vector<uint8_t> bytes = program_bytes();
        ASSERT_FALSE(bytes.empty()) << "api_sys_blocking.hl missing (built by the haxe_programs target)";
        vm_.args = {scenario};
        vm_.set_print_handler(collect_output, nullptr, &output_);
        ASSERT_TRUE(vm_.load(bytes.data(), bytes.size())) << vm_.last_error;
    }

    // Runs the entry point on another thread, interrupts it after `delay`, and returns how long
    // the run took to end after the interrupt.
    double run_and_interrupt(std::chrono::milliseconds delay, bool* result) {
        std::thread runner([&] { *result = vm_.run_entry(); });
        std::this_thread::sleep_for(delay);
        auto t0 = Clock::now();
        vm_.interrupt_flag = true;
        runner.join();
        return std::chrono::duration<double>(Clock::now() - t0).count();
    }

    Vm vm_;
    std::string output_;
};

class InterruptWhileBlocked : public Blocking, public ::testing::WithParamInterface<const char*> {};

TEST_P(InterruptWhileBlocked, EndsTheWaitPromptly) {
    int fds_before = open_fds();
    load(GetParam());
    bool result = true;
    double took = run_and_interrupt(std::chrono::milliseconds(300), &result);
    EXPECT_FALSE(result);
    EXPECT_EQ(vm_.last_error, "the VM was interrupted");
    EXPECT_LT(took, 1.0) << "the blocked native noticed the interrupt late";
    EXPECT_EQ(output_, std::string("start ") + GetParam() + "\n");
    vm_.unload();
    EXPECT_EQ(open_fds(), fds_before) << "descriptors outlived the VM";
    EXPECT_TRUE(no_children()) << "a child process outlived the VM";
}

INSTANTIATE_TEST_SUITE_P(Natives, InterruptWhileBlocked,
                         ::testing::Values("accept", "recv", "select", "process", "exitcode", "command"));

TEST_F(Blocking, UnloadEndsThreadsLeftWaiting) {
    int fds_before = open_fds();
    load("threads");
    ASSERT_TRUE(vm_.run_entry()) << vm_.last_error;
    EXPECT_EQ(output_, "start threads\nend threads\n");
    auto t0 = Clock::now();
    vm_.unload();
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - t0).count(), 1.0);
    EXPECT_EQ(open_fds(), fds_before);
    EXPECT_TRUE(no_children());
}

TEST_F(Blocking, UnclosedSocketsAndProcessesAreReleased) {
    int fds_before = open_fds();
    load("leak");
    ASSERT_TRUE(vm_.run_entry()) << vm_.last_error;
    EXPECT_GT(open_fds(), fds_before + 100) << "the program's sockets should still be open";
    vm_.unload();
    EXPECT_EQ(open_fds(), fds_before);
    EXPECT_TRUE(no_children());
}

TEST_F(Blocking, RepeatedLoadsReleaseEverything) {
    int fds_before = open_fds();
    for (int i = 0; i < 3; i++) {
        output_.clear();
        load("threads");
        ASSERT_TRUE(vm_.run_entry()) << vm_.last_error;
        vm_.unload();
    }
    EXPECT_EQ(open_fds(), fds_before);
    EXPECT_TRUE(no_children());
}

}  // namespace
}  // namespace hlffi::vm
