/* test_evidence.c: exhibit and Bates references, definitions, ids. */
#include "test.h"

static int is_evidence(const gavel_item *it) {
  return it->kind == GAVEL_KIND_EVENT && (it->event == GAVEL_EV_EVIDENCE_REF ||
                                          it->event == GAVEL_EV_EVIDENCE_DEF);
}

/* The evidence items of one line, copied (t_read reuses its list). */
static size_t read_evidence(const char *line, gavel_item *out, size_t cap) {
  const gavel_item *it;
  size_t n = t_read(line, &it), k = 0;
  for (size_t i = 0; i < n; i++)
    if (is_evidence(&it[i]) && k < cap) out[k++] = it[i];
  return k;
}

#define REF GAVEL_EV_EVIDENCE_REF
#define DEF GAVEL_EV_EVIDENCE_DEF

/* References (and the ids of definitions): how many evidence items the line
** has, and the first one's event, id, id_end and span (col -1: unchecked);
** id2: the second item's id, or NULL. */
static const struct {
  const char *line;
  int count, ev;
  const char *id, *id_end;
  int col, end;
  const char *id2;
} refs[] = {
    {"see Exhibit 12 for the photo", 1, REF, "EX-12", "", 4, 14, NULL},
    {"Ex. 12 shows the car", 1, REF, "EX-12", "", 0, 6, NULL},
    {"per Ex 12, the car", 1, REF, "EX-12", "", 4, 9, NULL},
    {"Exh. 12 was admitted", 1, REF, "EX-12", "", 0, 7, NULL},
    {"Exh 12 was admitted", 1, REF, "EX-12", "", 0, 6, NULL},
    {"compare Exs. 3 and 4", 2, REF, "EX-3", "", 8, 14, "EX-4"},
    {"Exhibits 3, 4 and 5 are photos", 3, REF, "EX-3", "", 0, 10, "EX-4"},
    {"Exs. 7 & 8", 2, REF, "EX-7", "", 0, 6, "EX-8"},
    {"Ex. A is the video", 1, REF, "EX-A", "", 0, 5, NULL},
    {"Exhibit B-2 page 3", 1, REF, "EX-B-2", "", 0, 11, NULL},
    {"Exhibit AA", 1, REF, "EX-AA", "", 0, 10, NULL},
    {"Exhibit 12A (enlarged)", 1, REF, "EX-12A", "", 0, 11, NULL},
    {"Exhibit No. 12", 1, REF, "EX-12", "", 0, 14, NULL},
    {"Exhibit #12", 1, REF, "EX-12", "", 0, 11, NULL},
    {"Ex.12 again", 1, REF, "EX-12", "", 0, 5, NULL},
    {"Exhibit 012", 1, REF, "EX-12", "", 0, 11, NULL},
    {"Exhibit 0", 1, REF, "EX-0", "", 0, 9, NULL},
    {"exhibit 12 (lower case word)", 1, REF, "EX-12", "", 0, 10, NULL},
    {"EXHIBIT 12", 1, REF, "EX-12", "", 0, 10, NULL},
    {"Def. Ex. 7 impeaches him", 1, REF, "DEF-EX-7", "", 0, 10, NULL},
    {"Defense Exhibit 7", 1, REF, "DEF-EX-7", "", 0, 17, NULL},
    {"Defence Exhibit 7", 1, REF, "DEF-EX-7", "", 0, 17, NULL},
    {"Def't Ex. 7", 1, REF, "DEF-EX-7", "", 0, 11, NULL},
    {"Def\xe2\x80\x99t Ex. 7", 1, REF, "DEF-EX-7", "", 0, 13, NULL},
    {"Defendant's Exhibit 7", 1, REF, "DEF-EX-7", "", 0, 21, NULL},
    {"Deft. Ex. 7", 1, REF, "DEF-EX-7", "", 0, 11, NULL},
    {"DefEx. 7 (no blank)", 1, REF, "DEF-EX-7", "", 0, 8, NULL},
    {"DEFENSEEX 7", 1, REF, "DEF-EX-7", "", 0, 11, NULL},
    {"Def't.Ex. 7", 1, REF, "DEF-EX-7", "", 0, 11, NULL},
    {"State's Exhibit 4 is the lab report", 1, REF, "STATE-EX-4", "", 0, 17, NULL},
    {"State\xe2\x80\x99s Exhibit 4", 1, REF, "STATE-EX-4", "", 0, 19, NULL},
    {"State Ex. 4", 1, REF, "STATE-EX-4", "", 0, 11, NULL},
    {"People's Ex. 4", 1, REF, "STATE-EX-4", "", 0, 14, NULL},
    {"People Ex. 4", 1, REF, "STATE-EX-4", "", 0, 12, NULL},
    {"Gov't Ex. 4", 1, REF, "STATE-EX-4", "", 0, 11, NULL},
    {"Govt. Ex. 4", 1, REF, "STATE-EX-4", "", 0, 11, NULL},
    {"Government's Exhibit 4", 1, REF, "STATE-EX-4", "", 0, 22, NULL},
    {"Commonwealth's Exhibit 4", 1, REF, "STATE-EX-4", "", 0, 24, NULL},
    {"Commonwealth Ex. 4", 1, REF, "STATE-EX-4", "", 0, 18, NULL},
    {"the State's Exs. 4 and 5", 2, REF, "STATE-EX-4", "", 4, 18, "STATE-EX-5"},
    {"Def. Exs. 1, 2", 2, REF, "DEF-EX-1", "", 0, 11, "DEF-EX-2"},
    {"EX-12", 1, REF, "EX-12", "", 0, 5, NULL},
    {"DEF-EX-7", 1, REF, "DEF-EX-7", "", 0, 8, NULL},
    {"STATE-EX-4", 1, REF, "STATE-EX-4", "", 0, 10, NULL},
    {"Ex. 3 and Ex. 9", 2, REF, "EX-3", "", 0, 5, "EX-9"},
    {"Exhibit 4, Exhibit 5", 2, REF, "EX-4", "", 0, 9, "EX-5"},
    {"(Ex. 4)", 1, REF, "EX-4", "", 1, 6, NULL},
    {"**Ex. 4**", 1, REF, "EX-4", "", 2, 7, NULL},
    {"Bates DEF-000123 is the text", 1, REF, "DEF-000123", "", 6, 16, NULL},
    {"DEF000123", 1, REF, "DEF-000123", "", 0, 9, NULL},
    {"DEF_000123", 1, REF, "DEF-000123", "", 0, 10, NULL},
    {"SMITH_0001234", 1, REF, "SMITH-0001234", "", 0, 13, NULL},
    {"SMITH0001", 1, REF, "SMITH-0001", "", 0, 9, NULL},
    {"def-000123 lower-case prefix, six digits", 1, REF, "DEF-000123", "", 0, 10, NULL},
    {"DEF-0123456789", 1, REF, "DEF-0123456789", "", 0, 14, NULL},
    {"DEF-000120\xe2\x80\x93" "DEF-000135 phone", 1, REF, "DEF-000120", "DEF-000135", 0, 23, NULL},
    {"DEF-000120\xe2\x80\x94" "DEF-000135", 1, REF, "DEF-000120", "DEF-000135", 0, 23, NULL},
    {"DEF-000120 \xe2\x80\x93 DEF-000135", 1, REF, "DEF-000120", "DEF-000135", 0, 25, NULL},
    {"DEF-000120 - DEF-000135", 1, REF, "DEF-000120", "DEF-000135", 0, 23, NULL},
    {"DEF-000120-DEF-000135", 1, REF, "DEF-000120", "DEF-000135", 0, 21, NULL},
    {"DEF-000120 to 135", 1, REF, "DEF-000120", "DEF-000135", 0, 17, NULL},
    {"DEF-000120 through DEF-000135", 1, REF, "DEF-000120", "DEF-000135", 0, 29, NULL},
    {"DEF-000120 thru 000135", 1, REF, "DEF-000120", "DEF-000135", 0, 22, NULL},
    {"DEF-000120-135", 1, REF, "DEF-000120", "DEF-000135", 0, 14, NULL},
    {"DEF-000120\xe2\x80\x93" "135", 1, REF, "DEF-000120", "DEF-000135", 0, 16, NULL},
    {"DEF-000198-204", 1, REF, "DEF-000198", "DEF-000204", 0, 14, NULL},
    {"see DEF-000120 - DEF-000110 (backwards)", 2, REF, "DEF-000120", "", 4, 14, "DEF-000110"},
    {"DEF-000120 to ABC-000135", 2, REF, "DEF-000120", "", 0, 10, "ABC-000135"},
    {"see DEF-000120 - 135: not a range", 1, REF, "DEF-000120", "", 4, 14, NULL},
    {"see DEF-000123, DEF-000124", 2, REF, "DEF-000123", "", 4, 14, "DEF-000124"},
    {"Ex. 4 and DEF-000123", 2, REF, "EX-4", "", 0, 5, "DEF-000123"},
    {"Exhibit DEF-000123", 1, REF, "DEF-000123", "", 8, 18, NULL},
    /* not evidence */
    {"Exhibit", 0, 0, NULL, NULL, -1, -1, NULL},
    {"the exhibit list is due", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Exhibit list: draft", 0, 0, NULL, NULL, -1, -1, NULL},
    {"his Ex-girlfriend called", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Def'tEx. 7 (an apostrophe form needs a blank)", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Ex-12 is not our form", 0, 0, NULL, NULL, -1, -1, NULL},
    {"ex parte motion", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Ex parte order", 0, 0, NULL, NULL, -1, -1, NULL},
    {"meet at the Exhibit hall", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Exhibit Hall B", 0, 0, NULL, NULL, -1, -1, NULL},
    {"client's ex I think was there", 0, 0, NULL, NULL, -1, -1, NULL},
    {"his Ex A-list friend", 0, 0, NULL, NULL, -1, -1, NULL},
    {"exhibits a pattern", 0, 0, NULL, NULL, -1, -1, NULL},
    {"the 12th exhibit", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Exhibit 12th", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Case No. 24-CR-0118", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Case No. CR-0118", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Docket CR-2024-0118", 0, 0, NULL, NULL, -1, -1, NULL},
    {"2025-01-15", 0, 0, NULL, NULL, -1, -1, NULL},
    {"3/14/25 called ADA", 0, 0, NULL, NULL, -1, -1, NULL},
    {"JAN-2025 status", 0, 0, NULL, NULL, -1, -1, NULL},
    {"FY2025 budget", 0, 0, NULL, NULL, -1, -1, NULL},
    {"Smith_1234 (mixed case, 4 digits)", 0, 0, NULL, NULL, -1, -1, NULL},
    {"COVID-19 delay", 0, 0, NULL, NULL, -1, -1, NULL},
    {"DEF-123 too short", 0, 0, NULL, NULL, -1, -1, NULL},
    {"discovery/DEF-000123.pdf", 0, 0, NULL, NULL, -1, -1, NULL},
    {"DEF-000123.pdf", 0, 0, NULL, NULL, -1, -1, NULL},
    {"XDEF-000123x", 0, 0, NULL, NULL, -1, -1, NULL},
    {"room #DEF-0001", 0, 0, NULL, NULL, -1, -1, NULL},
    {"18 mo DOC, 2 yrs probation", 0, 0, NULL, NULL, -1, -1, NULL},
    {"index-Ex. 4", 1, REF, "EX-4", "", 6, 11, NULL},
    {"", 0, 0, NULL, NULL, -1, -1, NULL},
    {"\xff\xfe Ex. 4 \xc3", 1, REF, "EX-4", "", 3, 8, NULL},
};

static void check_refs(void) {
  for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
    gavel_item ev[32];
    size_t n;
    t_case = refs[i].line;
    n = read_evidence(refs[i].line, ev, 32);
    INT_EQ(n, refs[i].count, "evidence items");
    if (n == 0 || refs[i].count == 0) continue;
    INT_EQ(ev[0].event, refs[i].ev, "event");
    STR_EQ(ev[0].id, refs[i].id, "id");
    STR_EQ(ev[0].id_end, refs[i].id_end, "id_end");
    if (refs[i].col >= 0) {
      INT_EQ(ev[0].col, refs[i].col, "col");
      INT_EQ(ev[0].end_col, refs[i].end, "end_col");
    }
    if (refs[i].id2 && n > 1) STR_EQ(ev[1].id, refs[i].id2, "second id");
    else if (refs[i].id2) OK(0, "no second item");
  }
  t_case = NULL;
}

/* Definitions: the first evidence item is a definition with id, what and
** path; `refs_after` references follow it on the line. */
static const struct {
  const char *line;
  const char *id, *id_end, *what, *path;
  int refs_after;
} defs[] = {
    {"- Exhibit 4: lab report (discovery/lab.pdf)", "EX-4", "", "lab report", "discovery/lab.pdf", 0},
    {"Ex. A \xe2\x80\x94 bodycam video, discovery/bodycam.mp4", "EX-A", "", "bodycam video", "discovery/bodycam.mp4", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135: phone records", "DEF-000120", "DEF-000135", "phone records", "", 0},
    {"| Ex. 12 | 911 call | audio/911.wav |", "EX-12", "", "911 call", "audio/911.wav", 0},
    {"|Ex. 12|911 call|", "EX-12", "", "911 call", "", 0},
    {"| Exhibit 3 | photos | scene | pics/ |", "EX-3", "", "photos, scene", "pics/", 0},
    {"| Ex. 5 | [lab report](discovery/lab.pdf) |", "EX-5", "", "lab report", "discovery/lab.pdf", 0},
    {"* Ex. 12 - 911 call recording (audio/911.wav)", "EX-12", "", "911 call recording", "audio/911.wav", 0},
    {"1. Exhibit 2 = diagram, scene.png", "EX-2", "", "diagram", "scene.png", 0},
    {"- [x] Ex. 6: receipt (receipt.jpg)", "EX-6", "", "receipt", "receipt.jpg", 0},
    {"Exhibit 7 \xe2\x80\x93 statement", "EX-7", "", "statement", "", 0},
    {"Exhibit 7 | statement", "EX-7", "", "statement", "", 0},
    {"  - Def. Ex. 1: alibi receipt (discovery/receipt.pdf)", "DEF-EX-1", "", "alibi receipt", "discovery/receipt.pdf", 0},
    {"- State's Exhibit 4: lab report", "STATE-EX-4", "", "lab report", "", 0},
    {"- Ex. 9: [bodycam](discovery/bodycam.mp4) clip", "EX-9", "", "bodycam clip", "discovery/bodycam.mp4", 0},
    {"- Ex. 9: see [the clip](https://example.test/v)", "EX-9", "", "see the clip", "https://example.test/v", 0},
    {"- Ex. 10: notes (`discovery/notes.md`)", "EX-10", "", "notes", "discovery/notes.md", 0},
    {"- Ex. 11: interview, discovery/interview.m4a, 40 min", "EX-11", "", "interview, 40 min", "discovery/interview.m4a", 0},
    {"- Ex. 11: discovery/interview.m4a", "EX-11", "", "", "discovery/interview.m4a", 0},
    {"- Ex. 13: video (client says w/o sound)", "EX-13", "", "video (client says w/o sound)", "", 0},
    {"- Ex. 14: texts (3/14/25)", "EX-14", "", "texts (3/14/25)", "", 0},
    {"- Ex. 15: report, and/or notes", "EX-15", "", "report, and/or notes", "", 0},
    {"- Ex. 16: scene photo (IMG 0042.JPG)", "EX-16", "", "scene photo (IMG 0042.JPG)", "", 0},
    {"- Ex. 17: scene photos (discovery/scene photos.pdf)", "EX-17", "", "scene photos", "discovery/scene photos.pdf", 0},
    {"- Ex. 18: lab report, same as State Ex. 4", "EX-18", "", "lab report, same as State Ex. 4", "", 1},
    {"- Ex. 19: copy of Ex. 19 with notes", "EX-19", "", "copy of Ex. 19 with notes", "", 0},
    {"- Exs. 3 and 4: scene photos (discovery/photos/)", "EX-3", "", "scene photos", "discovery/photos/", 0},
    {"## Exhibit 20: medical records (med.pdf)", "EX-20", "", "medical records", "med.pdf", 0},
    {"- SMITH_0001234: bank statement", "SMITH-0001234", "", "bank statement", "", 0},
    {"- DEF-000120 to 135 -- phone records", "DEF-000120", "DEF-000135", "phone records", "", 0},
    {"- Ex. 21: a very long description of the exhibit that runs on and on past the field",
     "EX-21", "", "a very long description of the exhibit that run", "", 0},
};

/* The path item `it` of `line` names, as a string ("" for none). */
static const char *path_of(const char *line, const gavel_item *it) {
  static char buf[512];
  size_t n = strlen(line);
  if (it->path_col > n || it->path_len > n - it->path_col) return "(out of the line)";
  return gv_copy(buf, sizeof buf, line + it->path_col, it->path_len);
}

static void check_defs(void) {
  for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++) {
    gavel_item ev[32];
    size_t n, nref = 0;
    t_case = defs[i].line;
    n = read_evidence(defs[i].line, ev, 32);
    OK(n > 0, "has an evidence item");
    if (n == 0) continue;
    INT_EQ(ev[0].event, DEF, "event is evidence_def");
    STR_EQ(ev[0].id, defs[i].id, "id");
    STR_EQ(ev[0].id_end, defs[i].id_end, "id_end");
    STR_EQ(ev[0].what, defs[i].what, "what");
    STR_EQ(path_of(defs[i].line, &ev[0]), defs[i].path, "path");
    for (size_t k = 1; k < n; k++) nref += ev[k].event == REF;
    INT_EQ(nref, defs[i].refs_after, "references after the definition");
  }
  t_case = NULL;
}

/* Lines whose ids are references, not definitions. */
static const char *const not_defs[] = {
    "3/14 got Exhibit 4: lab report",   /* the id does not start the body */
    "- Exhibit 4 lab report",           /* no separator */
    "- Exhibit 4:",                     /* no description */
    "- Exhibit 4 -   ",                 /* no description */
    "| 3 | Ex. 12 | 911 call |",        /* not the first cell */
    "| Ex. 12 | |",                     /* empty cells */
    "We reviewed Ex. 12: nothing new",
    "Ex. 12, Ex. 13: same photo",       /* only the first id leads */
};

static void check_not_defs(void) {
  for (size_t i = 0; i < sizeof not_defs / sizeof not_defs[0]; i++) {
    gavel_item ev[32];
    size_t n;
    t_case = not_defs[i];
    n = read_evidence(not_defs[i], ev, 32);
    OK(n > 0, "has an evidence item");
    for (size_t k = 0; k < n; k++) {
      if (i == 7 && k == 0) continue;
      INT_EQ(ev[k].event, REF, "a reference");
      STR_EQ(ev[k].what, "", "what is empty on a reference");
      INT_EQ(ev[k].path_len, 0, "path is empty on a reference");
    }
  }
  t_case = NULL;
}

static const struct {
  const char *text, *want; /* want NULL: not an id */
} norms[] = {
    {"Ex. 12", "EX-12"},
    {"Exhibit 12", "EX-12"},
    {"  Exhibit 12  ", "EX-12"},
    {"Exh. 012", "EX-12"},
    {"Ex. A", "EX-A"},
    {"Exhibit B-2", "EX-B-2"},
    {"Exhibit B-02", "EX-B-2"},
    {"Def. Exhibit 7", "DEF-EX-7"},
    {"Def't Ex. 7", "DEF-EX-7"},
    {"People's Ex. 4", "STATE-EX-4"},
    {"Gov't Ex. 4", "STATE-EX-4"},
    {"Commonwealth's Exhibit 4", "STATE-EX-4"},
    {"DEF-000123", "DEF-000123"},
    {"DEF000123", "DEF-000123"},
    {"def_000123", "DEF-000123"},
    {"SMITH_0001234", "SMITH-0001234"},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-000120"},
    {"EX-12", "EX-12"},
    {"DEF-EX-7", "DEF-EX-7"},
    {"STATE-EX-4", "STATE-EX-4"},
    {"Exhibit", NULL},
    {"Exhibit 12 and more", NULL},
    {"see Ex. 12", NULL},
    {"Exs. 3 and 4", NULL},
    {"ex parte", NULL},
    {"24-CR-0118", NULL},
    {"", NULL},
    {"   ", NULL},
    {"12", NULL},
};

static void check_normalize(void) {
  const gavel_engine *e = t_engine();
  char out[32], tiny[4];
  for (size_t i = 0; i < sizeof norms / sizeof norms[0]; i++) {
    int rc;
    t_case = norms[i].text;
    rc = gavel_evidence_normalize(e, norms[i].text, strlen(norms[i].text), out,
                                  sizeof out);
    INT_EQ(rc, norms[i].want ? 0 : -1, "return code");
    if (norms[i].want && rc == 0) STR_EQ(out, norms[i].want, "normalised id");
  }
  t_case = "normalize: short buffer, length bound, NULL";
  INT_EQ(gavel_evidence_normalize(e, "Ex. 12", 6, tiny, sizeof tiny), -1, "too small");
  INT_EQ(gavel_evidence_normalize(e, "Ex. 12 junk", 6, out, sizeof out), 0, "len bounds the text");
  STR_EQ(out, "EX-12", "len bounds the text: id");
  INT_EQ(gavel_evidence_normalize(e, NULL, 0, out, sizeof out), -1, "NULL text");
  INT_EQ(gavel_evidence_normalize(NULL, "Ex. 1", 5, out, sizeof out), -1, "NULL engine");
  t_case = NULL;
}

/* gavel_evidence_matches on the first evidence item of a line. */
static const struct {
  const char *line, *id;
  int want;
} matches[] = {
    {"Exhibit 12", "EX-12", 1},
    {"Ex. 12", "ex-12", 1},
    {"Ex. 12", "EX-1", 0},
    {"Ex. 12", "EX-120", 0},
    {"Ex. 12", "DEF-EX-12", 0},
    {"Def. Ex. 12", "DEF-EX-12", 1},
    {"DEF-000123", "DEF-000123", 1},
    {"DEF-000123", "DEF-123", 1},
    {"DEF-000123", "DEF-000124", 0},
    {"DEF-000123", "ABC-000123", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-000120", 1},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-000127", 1},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-000135", 1},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-000119", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-000136", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "SMITH-000127", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "EX-127", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "def-000130", 1},
    {"DEF-000120-135", "DEF-000130", 1},
    {"DEF-000198 to 204", "DEF-000200", 1},
    {"DEF-000198 to 204", "DEF-000205", 0},
    {"- DEF-000120 to 135: phone records", "DEF-000125", 1},
    {"SMITH_0001200 - SMITH_0001300", "SMITH-0001250", 1},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "DEF-", 0},
    {"DEF-000120\xe2\x80\x93" "DEF-000135", "", 0},
};

static void check_matches(void) {
  for (size_t i = 0; i < sizeof matches / sizeof matches[0]; i++) {
    gavel_item ev[8];
    t_case = matches[i].line;
    if (read_evidence(matches[i].line, ev, 8) == 0) {
      OK(0, "has an evidence item");
      continue;
    }
    INT_EQ(gavel_evidence_matches(&ev[0], matches[i].id), matches[i].want,
           matches[i].id);
  }
  t_case = "matches: not an evidence item, NULLs";
  {
    gavel_item it;
    gv_item_clear(&it);
    it.kind = GAVEL_KIND_EVENT;
    it.event = GAVEL_EV_OFFER;
    memcpy(it.id, "EX-12", 6);
    INT_EQ(gavel_evidence_matches(&it, "EX-12"), 0, "an offer is not evidence");
    it.event = GAVEL_EV_EVIDENCE_REF;
    INT_EQ(gavel_evidence_matches(&it, "EX-12"), 1, "the same item as a ref");
    INT_EQ(gavel_evidence_matches(&it, NULL), 0, "NULL id");
    INT_EQ(gavel_evidence_matches(NULL, "EX-12"), 0, "NULL item");
  }
  t_case = NULL;
}

static const char doc_text[] =
    "# State v. Doe\n"                                          /* 0 */
    "## 2025-03-01\n"                                           /* 1 */
    "Reviewed Ex. 4 and DEF-000127 with client.\n"              /* 2 */
    "\n"                                                        /* 3 */
    "## Evidence\n"                                             /* 4 */
    "- Exhibit 4: lab report (discovery/lab.pdf)\n"             /* 5 */
    "- DEF-000120\xe2\x80\x93" "DEF-000135: phone records\n"    /* 6 */
    "- Exhibit 4: duplicate entry\n"                            /* 7 */
    "Ex. 9 never described\n";                                  /* 8 */

static const struct {
  size_t row, col;
  const char *want; /* NULL: nothing there */
} at[] = {
    {2, 9, "EX-4"},  {2, 13, "EX-4"}, {2, 14, NULL},         {2, 8, NULL},
    {2, 19, "DEF-000127"}, {2, 28, "DEF-000127"}, {2, 29, NULL},
    {5, 2, "EX-4"},  {5, 10, "EX-4"}, {5, 11, NULL}, {5, 1, NULL},        {6, 2, "DEF-000120"},
    {6, 24, "DEF-000120"}, {6, 25, NULL}, {8, 0, "EX-9"},  {0, 0, NULL},
    {3, 0, NULL},    {99, 0, NULL},
};

static const struct {
  const char *id;
  long want;
} def_rows[] = {
    {"EX-4", 5},       {"DEF-000127", 6}, {"DEF-000120", 6}, {"DEF-000135", 6},
    {"DEF-000136", -1}, {"EX-9", -1},     {"EX-40", -1},     {"", -1},
};

static void check_doc(void) {
  gavel_doc *d = t_doc(doc_text, "2025-04-10");
  OK(d != NULL, "document");
  if (!d) return;
  for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
    char name[64];
    const char *got = gavel_doc_evidence_at(d, at[i].row, at[i].col);
    t_case = gv_fmt(name, sizeof name, "evidence_at %zu:%zu", at[i].row, at[i].col);
    if (at[i].want) STR_EQ(got, at[i].want, "id under the cursor");
    else OK(got == NULL, "nothing under the cursor");
  }
  for (size_t i = 0; i < sizeof def_rows / sizeof def_rows[0]; i++) {
    t_case = def_rows[i].id;
    INT_EQ(gavel_doc_evidence_def(d, def_rows[i].id), def_rows[i].want, "definition row");
  }
  t_case = "evidence_def: NULLs";
  INT_EQ(gavel_doc_evidence_def(d, NULL), -1, "NULL id");
  INT_EQ(gavel_doc_evidence_def(NULL, "EX-4"), -1, "NULL doc");
  OK(gavel_doc_evidence_at(NULL, 0, 0) == NULL, "NULL doc");
  t_case = NULL;
  gavel_doc_free(d);
}

/* The path of a definition through the document: its text in the line,
** whole however long, and a retyped path read again. */
static void check_doc_path(void) {
  static char text[600];
  const char *p;
  size_t n, len = 0;
  const gavel_item *it;
  char dir[300];
  memset(dir, 'd', sizeof dir - 1);
  dir[sizeof dir - 1] = 0;
  snprintf(text, sizeof text, "- Ex. 1: receipt (%s/cam.mp4)\n- Ex. 2: photo\n", dir);
  gavel_doc *d = t_doc(text, "2025-04-10");
  t_case = "gavel_doc_item_path";
  OK(d != NULL, "document");
  if (!d) return;
  n = gavel_doc_row_items(d, 0, &it);
  OK(n == 1 && it[0].event == GAVEL_EV_EVIDENCE_DEF, "a definition");
  p = n ? gavel_doc_item_path(d, 0, &it[0], &len) : NULL;
  INT_EQ(len, strlen(dir) + 8, "a path of 307 bytes, whole");
  OK(p && len >= 8 && memcmp(p + len - 8, "/cam.mp4", 8) == 0, "its last bytes");
  n = gavel_doc_row_items(d, 1, &it);
  OK(n == 1 && gavel_doc_item_path(d, 1, &it[0], &len) == NULL && len == 0,
     "no path: NULL, 0");
  OK(gavel_doc_item_path(d, 9, &it[0], &len) == NULL && len == 0, "a row out of range");
  OK(gavel_doc_item_path(NULL, 0, &it[0], &len) == NULL, "NULL doc");
  /* the same span, other bytes: the row must not keep the old reading */
  const char *line = "- Ex. 1: receipt (abc/cam.mp4)";
  const char *other = "- Ex. 1: receipt (xyz/cam.mp4)";
  size_t l1 = strlen(line), l2 = strlen(other);
  OK(gavel_doc_replace(d, 0, 1, &line, &l1, 1) == GAVEL_OK, "a short path");
  OK(gavel_doc_replace(d, 0, 1, &other, &l2, 1) == GAVEL_OK, "retyped");
  n = gavel_doc_row_items(d, 0, &it);
  p = n ? gavel_doc_item_path(d, 0, &it[0], &len) : NULL;
  OK(p && len == 11 && memcmp(p, "xyz/cam.mp4", 11) == 0, "the retyped path");
  t_case = NULL;
  gavel_doc_free(d);
}

/* A long line of ids stays linear and every id is found. */
static void check_long_line(void) {
  static char line[8192];
  gavel_item ev[4];
  size_t n = 0;
  t_case = "long line";
  for (int i = 0; n + 16 < sizeof line; i++)
    n += (size_t)snprintf(line + n, sizeof line - n, "Ex. %d, ", i % 1000);
  line[n] = 0;
  OK(read_evidence(line, ev, 4) == 4, "ids on a long line");
  memset(line, 'E', sizeof line - 1);
  line[sizeof line - 1] = 0;
  OK(read_evidence(line, ev, 4) == 0, "a wall of E");
  t_case = NULL;
}

/* Lines assembled from awkward fragments: every item stays inside its line,
** and every id reads back as itself. */
static void check_fragments(void) {
  static const char *const frag[] = {
      "Ex.", "Exs.", " ", "12", "A", "-", "DEF", "000123", "\xe2\x80\x93", ":",
      "(", ")", "/", ".pdf", "|", "[", "](", " and ", ",", "Def. ", "State's ",
      "to ", "135", "\xff", "Exhibit ", "_", "No. ", "#", "\t", "- "};
  const size_t nf = sizeof frag / sizeof frag[0];
  unsigned long seed = 12345;
  int bad_span = 0, bad_id = 0, items = 0;
  char line[256], back[32];
  t_case = "fragments";
  for (int round = 0; round < 3000; round++) {
    size_t n = 0;
    gavel_item ev[32];
    int parts = 1 + (int)(seed % 12);
    for (int p = 0; p < parts; p++) {
      seed = seed * 6364136223846793005ul + 1442695040888963407ul;
      const char *f = frag[(seed >> 33) % nf];
      size_t fl = strlen(f);
      if (n + fl + 1 >= sizeof line) break;
      memcpy(line + n, f, fl);
      n += fl;
    }
    line[n] = 0;
    size_t k = read_evidence(line, ev, 32);
    for (size_t i = 0; i < k; i++, items++) {
      if (ev[i].col >= ev[i].end_col || ev[i].end_col > n) bad_span++;
      if (gavel_evidence_normalize(t_engine(), ev[i].id, strlen(ev[i].id), back,
                                   sizeof back) != 0 || strcmp(back, ev[i].id) != 0)
        bad_id++;
    }
  }
  OK(items > 100, "the fragments make ids");
  INT_EQ(bad_span, 0, "items outside their line");
  INT_EQ(bad_id, 0, "ids that do not read back as themselves");
  t_case = NULL;
}

void suite_evidence(void) {
  check_fragments();
  check_refs();
  check_defs();
  check_not_defs();
  check_normalize();
  check_matches();
  check_doc();
  check_doc_path();
  check_long_line();
}
