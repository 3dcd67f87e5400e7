/* test_util.c: placeholder until the suite lands. */
#include "test.h"

void suite_util(void) {}
