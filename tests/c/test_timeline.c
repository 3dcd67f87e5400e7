/* test_timeline.c: placeholder until the suite lands. */
#include "test.h"

void suite_timeline(void) {}
