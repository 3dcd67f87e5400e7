/* dates.c: placeholder until the date scanner lands. */
#include <time.h>
#include "internal.h"

int gv_dates_compile(gavel_engine *e, char *err, size_t errlen) { (void)e; (void)err; (void)errlen; return 0; }
void gv_dates_free(gavel_engine *e) { (void)e; }
int gv_dates_scan(const gavel_engine *e, gv_line *ln) { (void)e; (void)ln; return 0; }
gavel_day gv_date_resolve(const gavel_datespec *spec, gavel_day anchor) { (void)spec; (void)anchor; return GAVEL_NO_DAY; }
gavel_day gavel_day_from_ymd(int y, int m, int d) { (void)y; (void)m; (void)d; return GAVEL_NO_DAY; }
int gavel_day_to_ymd(gavel_day d, int *y, int *m, int *dd) { (void)d; (void)y; (void)m; (void)dd; return -1; }
int gavel_day_weekday(gavel_day d) { (void)d; return 0; }
gavel_day gavel_day_parse(const char *s, size_t len) { (void)s; (void)len; return GAVEL_NO_DAY; }
char *gavel_day_format(gavel_day d, char *buf) { (void)d; buf[0] = 0; return buf; }
gavel_day gavel_day_today(void) { return GAVEL_NO_DAY; }
