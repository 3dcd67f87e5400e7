/* test_store.c: placeholder until the suite lands. */
#include "test.h"

void suite_store(void) {}
