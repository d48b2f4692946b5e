/* api layer, compatibility test: links tests/api/hlffi3_signatures.c into a program, so that every
 * function of HLFFI 3.0's interface must exist in the library. It calls nothing; it prints how
 * many function addresses it holds. */
#include <stdio.h>

extern int hlffi3_function_count(void);

int main(void) {
    printf("%d\n", hlffi3_function_count());
    return 0;
}
