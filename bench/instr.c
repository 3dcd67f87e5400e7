/*
** instr.c: one read of a notes file through the C API, for counting its
** instructions under callgrind (bench/run.sh):
**
**   valgrind --tool=callgrind --toggle-collect=gavel_doc_set_text \
**     --callgrind-out-file=OUT build/bench/instr FILE
**
** An instruction count does not move with the machine's load or clock the
** way a time does (this VM's speed drifts by 2x between sessions), so it
** is what tells one build from another.  Building the engine is not
** counted: only gavel_doc_set_text, every line read.  Prints "lines N
** bytes N" for the caller to divide by; exits 2 on any failure.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../csrc/gavel.h"
#include "bench.h"

int main(int argc, char **argv) {
  FILE *f;
  long len;
  char *text;
  gavel_engine *e;
  gavel_doc *d = NULL;
  if (argc != 2) {
    fprintf(stderr, "usage: instr FILE\n");
    return 2;
  }
  if (!(f = fopen(argv[1], "rb")) || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0 || !(text = malloc((size_t)len + 1)) ||
      fread(text, 1, (size_t)len, f) != (size_t)len) {
    perror(argv[1]);
    return 2;
  }
  fclose(f);
  if (!(e = bench_engine("instr")) || gavel_doc_new(e, &d) != GAVEL_OK ||
      gavel_doc_set_text(d, text, (size_t)len) != GAVEL_OK) {
    fprintf(stderr, "instr: %s\n", d ? gavel_doc_errmsg(d) : "no document");
    return 2;
  }
  printf("lines %zu bytes %ld\n", gavel_doc_line_count(d), len);
  gavel_doc_free(d);
  gavel_engine_free(e);
  free(text);
  return 0;
}
