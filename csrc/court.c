/* court.c: placeholder until its scanner lands. */
#include "internal.h"

int gv_court_compile(gavel_engine *e, char *err, size_t errlen) { (void)e; (void)err; (void)errlen; return 0; }
void gv_court_free(gavel_engine *e) { (void)e; }
int gv_court_scan(const gavel_engine *e, gv_line *ln) { (void)e; (void)ln; return 0; }
