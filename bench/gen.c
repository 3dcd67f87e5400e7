/*
** gen.c: a deterministic generator of realistic case notes for the
** benchmarks.  Same seed, same bytes, on every machine.
**
**   gen notes LINES [SEED]        one notes file on stdout
**   gen tree DIR CASES FILES      CASES case folders of FILES notes each
**
** Most lines are ordinary prose, as in real notes; the rest are dated
** entries in every style gavel reads, offers and counters, contacts, court
** dates, evidence lists and references.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct rng { uint64_t s; } rng;

static uint32_t rnd(rng *r) {
  r->s ^= r->s << 13;
  r->s ^= r->s >> 7;
  r->s ^= r->s << 17;
  return (uint32_t)(r->s >> 17);
}

static const char *const prose[] = {
    "Client works nights at the warehouse; supervisor can confirm the schedule.",
    "Reviewed the police report again; the timeline in the narrative is thin.",
    "Mother attended; she is worried about the immigration consequences.",
    "Need to think about whether the stop was lawful at all.",
    "The officer's supplemental report was written two weeks after the arrest.",
    "Client has no prior record and strong ties to the community.",
    "Discussed the elements of the offense and the burden of proof with client.",
    "Neighbor says the lighting on the street was poor that night.",
    "Drafted notes for the suppression argument; cases to pull later.",
    "Client asked about the collateral consequences for his license.",
    "Called the investigator about locating the second witness.",
    "Reviewed jail calls; nothing damaging so far.",
    "Client is employed full time and supports two children.",
    "",
    "",
};

static const char *const party[] = {"ADA Natarajan", "ADA Moreno", "DDA Ruiz",
                                    "AUSA Lee", "the State", "the DA"};

/* Writes an entry date: a heading (a blank line and the heading: returns
** 2, the lines written) or a prefix of the next line (returns 0). */
static int entry_date(rng *r, FILE *f, int *m, int *d, int *yp) {
  *d += 1 + (int)(rnd(r) % 5);
  if (*d > 28) {
    *d -= 28;
    if (++*m > 12) {
      *m = 1;
      ++*yp;
    }
  }
  int y = *yp;
  switch (rnd(r) % 5) {
  case 0: fprintf(f, "\n## %04d-%02d-%02d\n", y, *m, *d); return 2;
  case 1: fprintf(f, "\n### %s %d, %04d\n",
                  (const char *[]){"January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December"}[*m - 1],
                  *d, y); return 2;
  case 2: fprintf(f, "%d/%d/%02d — ", *m, *d, y % 100); return 0;
  case 3: fprintf(f, "%04d-%02d-%02d: ", y, *m, *d); return 0;
  default: fprintf(f, "%d/%d ", *m, *d); return 0;
  }
}

static void event_line(rng *r, FILE *f, int m, int d) {
  const char *p = party[rnd(r) % 6];
  int mo = 6 + (int)(rnd(r) % 30);
  switch (rnd(r) % 12) {
  case 0: fprintf(f, "%s offered %d mo DOC, 2 yrs probation, $%d fine, dismiss Count 2; open until %d/%d.\n",
                  p, mo, 250 * (1 + (int)(rnd(r) % 8)), m, d + 1 > 28 ? 28 : d + 1); break;
  case 1: fprintf(f, "We countered with %d months probation and time served.\n", mo); break;
  case 2: fprintf(f, "emailed %s re: counter, no reply.\n", p); break;
  case 3: fprintf(f, "called %s, left VM.\n", p); break;
  case 4: fprintf(f, "%s won't budge, same offer.\n", p); break;
  case 5: fprintf(f, "Met client at the jail; reviewed the offer.\n"); break;
  case 6: fprintf(f, "Trial set for %d/%d at 9:00 AM.\n", m, d); break;
  case 7: fprintf(f, "Motions due %d/%d.\n", m, d); break;
  case 8: fprintf(f, "State has bodycam video and an eyewitness ID; %s is confident.\n", p); break;
  case 9: /* the exhibit list defines 1..12; now and then one it does not */
    fprintf(f, "See Ex. %d and Exhibit %d; Bates DEF-%06d.\n", 1 + (int)(rnd(r) % 12),
            rnd(r) % 25 ? 1 + (int)(rnd(r) % 12) : 13 + (int)(rnd(r) % 8),
            1 + (int)(rnd(r) % 999998)); break;
  case 10: fprintf(f, "- [ ] witness list\n"); break;
  default: fprintf(f, "Restitution $1,250.00 requested by the State.\n"); break;
  }
}

static void notes(FILE *f, long lines, uint64_t seed, int casenum) {
  rng r = {seed * 0x9E3779B97F4A7C15ull + 1};
  int m = 1, d = 2, y = 2025;
  fprintf(f, "# State v. Doe %d\nCase No. 25-CR-%04d\n\n## Evidence\n", casenum, casenum);
  for (int i = 1; i <= 12; i++)
    fprintf(f, "- Exhibit %d: item %d from discovery (discovery/ex%d.pdf)\n", i, i, i);
  fprintf(f, "- DEF-000001 through DEF-999999: the State's production (discovery/bates.pdf)\n");
  long n = 17; /* lines written so far */
  while (n < lines) {
    uint32_t k = rnd(&r) % 100;
    if (k < 8 && n + 3 <= lines) {
      n += entry_date(&r, f, &m, &d, &y);
      event_line(&r, f, m, d);
      n++;
    } else if (k < 20) {
      event_line(&r, f, m, d);
      n++;
    } else {
      fprintf(f, "%s\n", prose[rnd(&r) % (sizeof prose / sizeof prose[0])]);
      n++;
    }
  }
}

int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "notes")) {
    notes(stdout, atol(argv[2]), argc > 3 ? strtoull(argv[3], NULL, 10) : 1, 118);
    return 0;
  }
  if (argc == 5 && !strcmp(argv[1], "tree")) {
    int cases = atoi(argv[3]), files = atoi(argv[4]);
    char path[4096];
    mkdir(argv[2], 0700);
    for (int c = 0; c < cases; c++) {
      snprintf(path, sizeof path, "%s/case-%03d", argv[2], c);
      mkdir(path, 0700);
      snprintf(path, sizeof path, "%s/case-%03d/.gavel", argv[2], c);
      FILE *mk = fopen(path, "w");
      if (mk) fclose(mk);
      for (int k = 0; k < files; k++) {
        snprintf(path, sizeof path, "%s/case-%03d/notes-%02d.md", argv[2], c, k);
        FILE *f = fopen(path, "w");
        if (!f) { perror(path); return 2; }
        notes(f, 120, (uint64_t)(c * 100 + k + 1), c);
        fclose(f);
      }
    }
    return 0;
  }
  fprintf(stderr, "usage: gen notes LINES [SEED] | gen tree DIR CASES FILES\n");
  return 2;
}
