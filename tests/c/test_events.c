/* test_events.c: placeholder until the suite lands. */
#include "test.h"

void suite_events(void) {}
