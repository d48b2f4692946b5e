/* Threaded mode with a non-blocking main(): set_integration_mode(THREADED) -> init -> load_file
 * -> thread_start -> thread_call_sync a host function that calls Counter.increment() and reads
 * Counter.get(), 10 times -> thread_stop -> destroy; 3 sessions, no sleeps; exact counts.
 * Usage: threaded_host FILE.hl [SESSIONS]  (scripts/valgrind-restarts.sh runs 100) */
#include "check.h"
#include "hlffi.h"

typedef struct {
    int seen;
    int failures;
    int completions; /* hlffi_thread_call_async's callback gets the same userdata */
} Probe;

static void increment_and_read(hlffi_vm* vm, void* userdata) {
    Probe* p = (Probe*)userdata;
    hlffi_value* r = hlffi_call_static(vm, "Counter", "increment", 0, NULL);
    if (r != NULL || hlffi_get_last_error(vm) != HLFFI_OK) p->failures++;
    hlffi_value* v = hlffi_call_static(vm, "Counter", "get", 0, NULL);
    p->seen = hlffi_value_as_int(v, -1);
    hlffi_value_free(v);
}

static void on_done(hlffi_vm* vm, void* result, void* userdata) {
    (void)vm;
    (void)result;
    ((Probe*)userdata)->completions++;
}

int main(int argc, char** argv) {
    CHECK(argc == 2 || argc == 3);
    int sessions = argc == 3 ? atoi(argv[2]) : 3;
    CHECK(sessions > 0);
    for (int session = 1; session <= sessions; session++) {
        hlffi_vm* vm = hlffi_create();
        CHECK_OK(vm, hlffi_set_integration_mode(vm, HLFFI_MODE_THREADED));
        CHECK(hlffi_get_integration_mode(vm) == HLFFI_MODE_THREADED);
        CHECK_OK(vm, hlffi_init(vm, 0, NULL));
        CHECK_OK(vm, hlffi_load_file(vm, argv[1]));
        CHECK_OK(vm, hlffi_thread_start(vm));
        CHECK(hlffi_thread_is_running(vm));
        Probe p = {0, 0, 0};
        for (int i = 1; i <= 10; i++) {
            CHECK_OK(vm, hlffi_thread_call_sync(vm, increment_and_read, &p));
            CHECK(p.seen == i + 1); /* main() incremented once */
        }
        CHECK(p.failures == 0);
        for (int i = 0; i < 5; i++) CHECK_OK(vm, hlffi_thread_call_async(vm, increment_and_read, on_done, &p));
        CHECK_OK(vm, hlffi_thread_stop(vm)); /* serves what was queued, then joins */
        CHECK(p.completions == 5);
        CHECK(!hlffi_thread_is_running(vm));
        CHECK(hlffi_thread_call_sync(vm, increment_and_read, &p) == HLFFI_ERROR_THREAD_NOT_STARTED);
        printf("session %d: counter %d\n", session, p.seen);
        CHECK(p.seen == 16);
        hlffi_destroy(vm);
    }
    printf("%d sessions passed\n", sessions);
    return 0;
}
