/* Non-threaded restart: 3 sessions of create -> init -> load_file -> call_entry ->
 * call_static("Game", "update") -> destroy, no sleep between them; each sees fresh statics. */
#include "check.h"
#include "hlffi.h"

int main(int argc, char** argv) {
    CHECK(argc == 2);
    for (int session = 1; session <= 3; session++) {
        hlffi_vm* vm = hlffi_create();
        CHECK(vm != NULL);
        CHECK_OK(vm, hlffi_init(vm, 0, NULL));
        CHECK_OK(vm, hlffi_load_file(vm, argv[1]));
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
    printf("3 sessions passed\n");
    return 0;
}
