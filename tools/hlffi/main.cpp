// tools layer: the `hlffi` command line: run a .hl program, dump or verify its bytecode.
// `run` goes through the public C API only; `dump` and `verify` use the bytecode layer.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "bytecode/dump.h"
#include "bytecode/reader.h"
#include "bytecode/verifier.h"
#include "hlffi.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // the program or the file is at fault
constexpr int kExitUsage = 2;    // the command line is at fault

constexpr const char* kUsage =
    "usage: hlffi run [--lazy-natives] FILE.hl [ARGS...]\n"
    "                                        run a HashLink program; --lazy-natives: natives hlffi\n"
    "                                        lacks throw when called instead of refusing the file\n"
    "       hlffi dump [OPTIONS] FILE.hl     disassemble (same text as tools/hldump.py)\n"
    "           --summary                    counts only: type kinds, opcodes, natives by library\n"
    "           --no-code                    function headers without registers and ops\n"
    "           --fun N                      only function index N (repeatable)\n"
    "       hlffi verify FILE.hl             check the bytecode; prints ok or the first problem\n";

int usage(const std::string& problem = {}) {
    if (!problem.empty()) std::cerr << "hlffi: " << problem << "\n";
    std::cerr << kUsage;
    return kExitUsage;
}

// A missing or unreadable input is a usage error (exit 2), told apart from malformed content.
bool readable(const char* path) {
    std::FILE* f = std::fopen(path, "rb");
    if (f == nullptr) {
        std::cerr << "hlffi: cannot open '" << path << "': " << std::strerror(errno) << "\n";
        return false;
    }
    std::fclose(f);
    return true;
}

bool load(const char* path, hlffi::bc::Module& out) {
    auto m = hlffi::bc::read_module_file(path);
    if (!m) {
        std::cerr << path << ": " << m.error().message << "\n";
        return false;
    }
    out = m.take();
    return true;
}

bool parse_index(std::string_view s, int32_t& out) {
    if (s.empty() || s.size() > 10) return false;
    char* end = nullptr;
    std::string text(s);
    long v = std::strtol(text.c_str(), &end, 10);
    if (*end != '\0' || v < 0 || v > INT32_MAX) return false;
    out = static_cast<int32_t>(v);
    return true;
}

int cmd_dump(int argc, char** argv) {
    bool summary = false;
    hlffi::bc::DumpOptions opts;
    const char* path = nullptr;
    for (int i = 0; i < argc; i++) {
        std::string_view a = argv[i];
        if (a == "--summary") {
            summary = true;
        } else if (a == "--no-code") {
            opts.code = false;
        } else if (a == "--fun") {
            int32_t n = 0;
            if (++i >= argc || !parse_index(argv[i], n)) return usage("--fun needs a function index");
            opts.functions.push_back(n);
        } else if (a.starts_with("-")) {
            return usage("unknown option " + std::string(a));
        } else if (path != nullptr) {
            return usage("dump takes one file");
        } else {
            path = argv[i];
        }
    }
    if (path == nullptr) return usage("dump needs a file");
    if (!readable(path)) return kExitUsage;
    hlffi::bc::Module m;
    if (!load(path, m)) return kExitFailure;
    std::ios::sync_with_stdio(false);
    if (summary) hlffi::bc::dump_summary(m, std::cout);
    else hlffi::bc::dump_module(m, std::cout, opts);
    std::cout.flush();
    return std::cout ? kExitOk : kExitFailure;
}

int cmd_verify(int argc, char** argv) {
    if (argc != 1) return usage(argc == 0 ? "verify needs a file" : "verify takes one file");
    const char* path = argv[0];
    if (!readable(path)) return kExitUsage;
    hlffi::bc::Module m;
    if (!load(path, m)) return kExitFailure;
    if (auto s = hlffi::bc::verify_module(m); !s) {
        std::cerr << path << ": " << s.error().message << "\n";
        return kExitFailure;
    }
    std::cout << "ok\n";
    return kExitOk;
}

int cmd_run(int argc, char** argv) {
    if (argc >= 1 && std::string_view(argv[0]) == "--lazy-natives") {
        // The VM reads its switch from the environment (as HLFFI_GC_STRESS); this process only.
        setenv("HLFFI_LAZY_NATIVES", "1", 1);
        argc--;
        argv++;
    }
    if (argc < 1) return usage("run needs a file");
    const char* path = argv[0];
    if (!readable(path)) return kExitUsage;
    hlffi_vm* vm = hlffi_create();
    if (vm == nullptr) {
        std::cerr << "hlffi: out of memory\n";
        return kExitFailure;
    }
    int code = kExitFailure;
    // The program sees only the arguments after its file (Sys.args()).
    if (hlffi_init(vm, argc - 1, argv + 1) != HLFFI_OK || hlffi_load_file(vm, path) != HLFFI_OK) {
        std::cerr << path << ": " << hlffi_get_error(vm) << "\n";
    } else {
        hlffi_error_code rc = hlffi_call_entry(vm);
        if (rc == HLFFI_OK) code = hlffi_get_exit_code(vm);
        // An uncaught Haxe exception was already reported by the library, as HashLink does.
        else if (rc != HLFFI_ERROR_EXCEPTION_THROWN) std::cerr << path << ": " << hlffi_get_error(vm) << "\n";
    }
    std::fflush(stdout);
    hlffi_destroy(vm);
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    std::string_view cmd = argv[1];
    if (cmd == "-h" || cmd == "--help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (cmd == "run") return cmd_run(argc - 2, argv + 2);
    if (cmd == "dump") return cmd_dump(argc - 2, argv + 2);
    if (cmd == "verify") return cmd_verify(argc - 2, argv + 2);
    return usage("unknown command '" + std::string(cmd) + "'");
}
