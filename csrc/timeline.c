/* timeline.c: placeholder until the analysis lands. */
#include <stdlib.h>
#include "internal.h"

gavel_status gv_analyze(gavel_doc *d, gavel_day today, const gavel_doc *const *peers, size_t npeers) { (void)d; (void)today; (void)peers; (void)npeers; return GAVEL_OK; }
void gv_analysis_free(gavel_doc *d) { free(d->warn); free(d->tl); }
size_t gavel_doc_warnings(const gavel_doc *d, const gavel_warning **out) { *out = d->warn; return d->nwarn; }
size_t gavel_doc_timeline(const gavel_doc *d, const gavel_round **out) { *out = d->tl; return d->ntl; }
const gavel_summary *gavel_doc_summary(const gavel_doc *d) { return &d->sum; }
