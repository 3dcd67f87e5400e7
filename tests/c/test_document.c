/* test_document.c: placeholder until the suite lands. */
#include "test.h"

void suite_document(void) {}
