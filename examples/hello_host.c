/* The README's main example: a C program that embeds a Haxe program through hlffi.
 * usage: hello_host program.hl [args...]
 * It loads the program and runs main(), then calls a static function with an argument and
 * reads a static variable; everything the Haxe code prints passes through the host's own print
 * handler. */
#include <stdio.h>
#include <stdlib.h>

#include "hlffi.h"

static void count_lines(hlffi_vm* vm, const char* text, size_t length, void* userdata) {
    (void)vm;
    int* lines = (int*)userdata;
    fwrite(text, 1, length, stdout);
    for (size_t i = 0; i < length; i++)
        if (text[i] == '\n') (*lines)++;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s program.hl [args...]\n", argv[0]);
        return 2;
    }
    int lines = 0;
    hlffi_vm* vm = hlffi_create();
    hlffi_error_code err = hlffi_init(vm, argc - 2, argv + 2);
    if (err == HLFFI_OK) err = hlffi_set_print_handler(vm, count_lines, &lines);
    if (err == HLFFI_OK) err = hlffi_load_file(vm, argv[1]);
    if (err == HLFFI_OK) err = hlffi_call_entry(vm);
    if (err == HLFFI_OK) {
        /* Main.greet("README"): arguments and results are hlffi_value handles. */
        hlffi_value* name = hlffi_value_string(vm, "README");
        hlffi_value* greeting = hlffi_call_static(vm, "Main", "greet", 1, &name);
        char* text = hlffi_value_as_string(greeting);
        printf("[host] Main.greet(\"README\") returned: %s\n", text != NULL ? text : hlffi_get_error(vm));
        free(text);
        hlffi_value_free(greeting);
        hlffi_value_free(name);
        /* A static variable, set by main(). */
        hlffi_value* total = hlffi_get_static_field(vm, "Main", "total");
        printf("[host] Main.total = %d\n", hlffi_value_as_int(total, -1));
        hlffi_value_free(total);
        printf("[host] the Haxe program printed %d line(s) and exited with code %d\n", lines, hlffi_get_exit_code(vm));
    } else if (err == HLFFI_ERROR_EXCEPTION_THROWN) {
        printf("[host] uncaught Haxe exception: %s\n%s", hlffi_get_exception_message(vm), hlffi_get_exception_stack(vm));
    } else {
        fprintf(stderr, "[host] %s: %s\n", hlffi_get_error_string(err), hlffi_get_error(vm));
    }
    hlffi_destroy(vm);
    return err == HLFFI_OK ? 0 : 1;
}
