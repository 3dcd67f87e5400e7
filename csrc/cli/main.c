/* main.c: placeholder CLI. */
#include <stdio.h>
#include "../gavel.h"
int main(void) { puts(GAVEL_VERSION); return 0; }
