/* examples layer: a C host providing typed natives (@:hlNative("game", ...)) and a typed callback
 * to a Haxe program. Usage: natives_host natives.hl */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hlffi.h"

static hlffi_value* game_add(hlffi_vm* vm, int argc, hlffi_value** argv) {
    (void)argc;
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + hlffi_value_as_int(argv[1], 0));
}

static hlffi_value* game_distance(hlffi_vm* vm, int argc, hlffi_value** argv) {
    (void)argc;
    double x = hlffi_value_as_float(argv[0], 0), y = hlffi_value_as_float(argv[1], 0);
    return hlffi_value_float(vm, sqrt(x * x + y * y));
}

static hlffi_value* game_shout(hlffi_vm* vm, int argc, hlffi_value** argv) {
    (void)argc;
    char* s = hlffi_value_as_string(argv[0]); /* UTF-8, ours to free */
    for (char* p = s; p != NULL && *p != '\0'; p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    hlffi_value* r = hlffi_value_string(vm, s != NULL ? s : "");
    free(s);
    return r;
}

static hlffi_value* game_is_even(hlffi_vm* vm, int argc, hlffi_value** argv) {
    (void)argc;
    return hlffi_value_bool(vm, hlffi_value_as_int(argv[0], 1) % 2 == 0);
}

/* (String, Int) -> Bool: accepts scores of at least 100. */
static hlffi_value* on_score(hlffi_vm* vm, int argc, hlffi_value** argv) {
    (void)argc;
    char* name = hlffi_value_as_string(argv[0]);
    int score = hlffi_value_as_int(argv[1], 0);
    printf("[host] %s scored %d\n", name != NULL ? name : "?", score);
    free(name);
    return hlffi_value_bool(vm, score >= 100);
}

static int fail(hlffi_vm* vm, const char* what) {
    fprintf(stderr, "[host] %s: %s\n", what, hlffi_get_error(vm));
    hlffi_destroy(vm);
    return 1;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s natives.hl\n", argv[0]);
        return 2;
    }
    hlffi_vm* vm = hlffi_create();
    if (vm == NULL || hlffi_init(vm, 0, NULL) != HLFFI_OK) return 1;
    /* Natives are bound when the program loads: register them first. The signatures are checked
     * against the Haxe declarations ("ii>i" is (Int, Int) -> Int). */
    if (hlffi_register_native(vm, "game", "add", game_add, "ii>i") != HLFFI_OK ||
        hlffi_register_native(vm, "game", "distance", game_distance, "dd>d") != HLFFI_OK ||
        hlffi_register_native(vm, "game", "shout", game_shout, "s>s") != HLFFI_OK ||
        hlffi_register_native(vm, "game", "is_even", game_is_even, "i>b") != HLFFI_OK)
        return fail(vm, "register_native");
    hlffi_arg_type score_args[] = {HLFFI_ARG_STRING, HLFFI_ARG_INT};
    if (!hlffi_register_callback_typed(vm, "onScore", on_score, 2, score_args, HLFFI_ARG_BOOL))
        return fail(vm, "register_callback");
    if (hlffi_load_file(vm, argv[1]) != HLFFI_OK) return fail(vm, "load");
    if (hlffi_call_entry(vm) != HLFFI_OK) return fail(vm, "call_entry");

    /* The callback becomes a Haxe function value, stored in Main.onScore for Haxe to call. */
    hlffi_value* cb = hlffi_get_callback(vm, "onScore");
    if (cb == NULL || hlffi_set_static_field(vm, "Main", "onScore", cb) != HLFFI_OK) return fail(vm, "onScore");
    hlffi_value_free(cb);
    hlffi_value* accepted = hlffi_call_static(vm, "Main", "play", 0, NULL);
    if (accepted == NULL) return fail(vm, "play");
    printf("[host] Main.play() returned %d\n", hlffi_value_as_int(accepted, -1));
    hlffi_value_free(accepted);
    hlffi_destroy(vm);
    return 0;
}
