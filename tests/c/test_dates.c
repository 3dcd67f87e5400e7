/* test_dates.c: placeholder until the suite lands. */
#include "test.h"

void suite_dates(void) {}
