/* tests/hosts: the host programs every user of restart and threads writes, in C. CHECK ends the
 * program with a message naming the failed condition, so ctest shows what went wrong. */
#ifndef HLFFI_TEST_CHECK_H
#define HLFFI_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

#define CHECK_OK(vm, call)                                                                         \
    do {                                                                                           \
        hlffi_error_code check_ok_code_ = (call);                                                  \
        if (check_ok_code_ != HLFFI_OK) {                                                          \
            fprintf(stderr, "%s:%d: %s failed: %s (%s)\n", __FILE__, __LINE__, #call,            \
                    hlffi_get_error_string(check_ok_code_), hlffi_get_error(vm));                 \
            exit(1);                                                                               \
        }                                                                                          \
    } while (0)

#endif
