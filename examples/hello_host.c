/* The README's main example: a C program that embeds a Haxe program through hlffi.
 * usage: hello_host program.hl [args...]
 * It loads the program, runs it, and reports how it ended; everything the Haxe code prints
 * passes through a print handler of the host's own. */
#include <stdio.h>

#include "hlffi.h"

static void print_with_prefix(hlffi_vm* vm, const char* text, size_t length, void* userdata) {
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
    if (err == HLFFI_OK) err = hlffi_set_print_handler(vm, print_with_prefix, &lines);
    if (err == HLFFI_OK) err = hlffi_load_file(vm, argv[1]);
    if (err == HLFFI_OK) err = hlffi_call_entry(vm);
    if (err == HLFFI_OK) {
        printf("[host] the Haxe program printed %d line(s) and exited with code %d\n", lines, hlffi_get_exit_code(vm));
    } else if (err == HLFFI_ERROR_EXCEPTION_THROWN) {
        printf("[host] uncaught Haxe exception: %s\n", hlffi_get_exception_message(vm));
    } else {
        fprintf(stderr, "[host] %s: %s\n", hlffi_get_error_string(err), hlffi_get_error(vm));
    }
    hlffi_destroy(vm);
    return err == HLFFI_OK ? 0 : 1;
}
