/* Threaded mode with a blocking main(): Haxe's main() loops `while (running) { ...; Sys.sleep
 * (0.016); }` (or, with "spin", without sleeping; with "command", waiting in Sys.command("sleep 1"));
 * the host thread_call_syncs a function that calls Game.shutdown(), then thread_stop returns
 * promptly once main() has exited; 3 sessions. With "command" the calls must be served inside the
 * command's wait (well before its second ends), and the stop waits for the command to end.
 * Usage: blocking_host FILE.hl [sleep|spin|command] [SESSIONS]  (valgrind-restarts.sh runs 100) */
#include <string.h>
#include <time.h>

#include "check.h"
#include "hlffi.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void read_frames(hlffi_vm* vm, void* userdata) {
    hlffi_value* v = hlffi_call_static(vm, "Game", "frameCount", 0, NULL);
    if (v == NULL) fprintf(stderr, "Game.frameCount: %s\n", hlffi_get_error(vm));
    *(int*)userdata = hlffi_value_as_int(v, -1);
    hlffi_value_free(v);
}

static void shutdown_game(hlffi_vm* vm, void* userdata) {
    (void)userdata;
    hlffi_value_free(hlffi_call_static(vm, "Game", "shutdown", 0, NULL));
}

int main(int argc, char** argv) {
    CHECK(argc >= 2 && argc <= 4);
    char* args[] = {argc >= 3 ? argv[2] : "sleep"};
    int sessions = argc >= 4 ? atoi(argv[3]) : 3;
    CHECK(sessions > 0);
    for (int session = 1; session <= sessions; session++) {
        hlffi_vm* vm = hlffi_create();
        CHECK_OK(vm, hlffi_set_integration_mode(vm, HLFFI_MODE_THREADED));
        CHECK_OK(vm, hlffi_init(vm, 1, args));
        CHECK_OK(vm, hlffi_load_file(vm, argv[1]));
        CHECK_OK(vm, hlffi_set_stop_timeout(vm, 10)); /* main() ends by itself: no interrupt needed */
        CHECK_OK(vm, hlffi_thread_start(vm));
        int command = strcmp(args[0], "command") == 0;
        int frames = -1, later = -1;
        if (command) {
            struct timespec settle = {0, 200 * 1000 * 1000}; /* main() is inside its first command */
            nanosleep(&settle, NULL);
        }
        double asked = now();
        CHECK_OK(vm, hlffi_thread_call_sync(vm, read_frames, &frames));
        CHECK_OK(vm, hlffi_thread_call_sync(vm, read_frames, &later));
        double served = now() - asked;
        if (command) CHECK(served < 0.4 && frames == 1 && later == 1);
        /* Served while main() runs: at its loop head (possibly before the first frame) or in its
         * Sys.sleep. */
        CHECK(frames >= 0 && later >= frames);
        CHECK_OK(vm, hlffi_thread_call_sync(vm, shutdown_game, NULL));
        double t0 = now();
        CHECK_OK(vm, hlffi_thread_stop(vm));
        double took = now() - t0;
        CHECK(took < (command ? 1.5 : 0.5)); /* main() saw running == false at its next frame */
        printf("session %d: stopped after main() exited\n", session);
        hlffi_destroy(vm);
    }
    printf("%d sessions passed\n", sessions);
    return 0;
}
