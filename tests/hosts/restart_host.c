/* Non-threaded restart: sessions of create -> init -> load -> call_entry ->
 * call_static("Game", "update") -> destroy, no sleep between them; each sees fresh statics.
 * Usage: restart_host FILE.hl [file|module] [SESSIONS]  (default: file, 3 sessions)
 *   file:   every session loads FILE.hl (hlffi_load_file)
 *   module: FILE.hl is compiled once (hlffi_module_load_file), every session loads that module
 *           (hlffi_load_module) and the module is freed at the end (hlffi_module_free)
 * Run under valgrind by scripts/valgrind-restarts.sh: nothing may stay allocated. */
#include <string.h>

#include "check.h"
#include "hlffi.h"

int main(int argc, char** argv) {
    CHECK(argc >= 2 && argc <= 4);
    const char* mode = argc >= 3 ? argv[2] : "file";
    CHECK(strcmp(mode, "file") == 0 || strcmp(mode, "module") == 0);
    int sessions = argc >= 4 ? atoi(argv[3]) : 3;
    CHECK(sessions > 0);
    hlffi_module* module = NULL;
    if (strcmp(mode, "module") == 0) {
        hlffi_module_error err;
        module = hlffi_module_load_file(argv[1], &err);
        if (module == NULL) fprintf(stderr, "hlffi_module_load_file: %s\n", err.message);
        CHECK(module != NULL);
    }
    for (int session = 1; session <= sessions; session++) {
        hlffi_vm* vm = hlffi_create();
        CHECK(vm != NULL);
        CHECK_OK(vm, hlffi_init(vm, 0, NULL));
        if (module != NULL) CHECK_OK(vm, hlffi_load_module(vm, module));
        else CHECK_OK(vm, hlffi_load_file(vm, argv[1]));
        CHECK_OK(vm, hlffi_call_entry(vm));
        hlffi_value* count = hlffi_get_static_field(vm, "Game", "count");
        CHECK(hlffi_value_as_int(count, -1) == 0); /* static var count = 0 is 0 again */
        hlffi_value_free(count);
        for (int i = 1; i <= 2; i++) {
            hlffi_value* r = hlffi_call_static(vm, "Game", "update", 0, NULL);
            CHECK(r != NULL);
            CHECK(hlffi_value_as_int(r, -1) == i);
            hlffi_value_free(r);
        }
        printf("session %d: count %d after 2 updates\n", session, 2);
        hlffi_destroy(vm);
    }
    if (module != NULL) hlffi_module_free(module);
    printf("%d sessions passed\n", sessions);
    return 0;
}
