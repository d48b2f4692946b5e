/* Runs a program as `hlffi run FILE.hl` does, but with an instruction budget so large it never
 * runs out (hlffi_set_fuel(2^62)): bench/programs/run.sh times it against `hlffi run` to give what
 * counting fuel costs at every safepoint. Prints the budget used to stderr. Exit status: the
 * program's, 1 if it failed. Usage: fuel_run FILE.hl [ARGS...] */
#include <stdint.h>
#include <stdio.h>

#include "hlffi.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: fuel_run FILE.hl [ARGS...]\n");
        return 2;
    }
    const int64_t budget = INT64_C(1) << 62;
    hlffi_vm* vm = hlffi_create();
    int code = 1;
    if (vm == NULL) return 1;
    if (hlffi_init(vm, argc - 2, argv + 2) != HLFFI_OK || hlffi_set_fuel(vm, budget) != HLFFI_OK ||
        hlffi_load_file(vm, argv[1]) != HLFFI_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], hlffi_get_error(vm));
    } else {
        hlffi_error_code rc = hlffi_call_entry(vm);
        if (rc == HLFFI_OK) code = hlffi_get_exit_code(vm);
        else fprintf(stderr, "%s: %s\n", argv[1], hlffi_get_error(vm));
        fprintf(stderr, "fuel used: %lld safepoints\n", (long long)(budget - hlffi_get_fuel(vm)));
    }
    fflush(stdout);
    hlffi_destroy(vm);
    return code;
}
