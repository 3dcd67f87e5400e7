/*
** compare.h: "does this document look the same to a front end as that
** one?"  Shared by the incremental property test (tests/c) and the edit
** fuzzer (tests/fuzz), so both judge equality by the same rules.  Depends
** on the public header only; prints nothing.
*/
#ifndef GAVEL_TEST_COMPARE_H
#define GAVEL_TEST_COMPARE_H

#include <stddef.h>

#include "../../csrc/gavel.h"

/* Returns 1 when a and b are equal in every field a front end reads
** (strings compared up to their NUL, doubles bit for bit), else 0. */
int cmp_items_equal(const gavel_item *a, const gavel_item *b);

/* Returns 0 when inc equals fresh in everything a front end can see after
** analysis: line count, every row's items, warnings, timeline and summary.
** Else -1 with the first difference described in why (whylen bytes,
** NUL-terminated; no note text, only rows, indexes and field names). */
int cmp_docs_equal(const gavel_doc *inc, const gavel_doc *fresh, char *why,
                   size_t whylen);

/* The document's text, lines joined with "\n" (each line ends with one),
** in a new buffer the caller frees; *len is its length.  NULL when memory
** ran out. */
char *cmp_join(const gavel_doc *d, size_t *len);

#endif
