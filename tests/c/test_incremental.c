/* test_incremental.c: placeholder until the suite lands. */
#include "test.h"

void suite_incremental(void) {}
