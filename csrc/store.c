/*
** store.c: the case index, a SQLite database of what the engine read from
** every notes file of every case.
**
** Caveats
**   - One short BEGIN IMMEDIATE transaction per file: other writers get in
**     between files, and a crash loses at most the file being written.
**   - "Closed cleanly" is SQLite's own marker: the last connection to close
**     checkpoints and deletes PATH-wal.  A -wal file at open means someone
**     crashed or is still running, and quick_check runs (milliseconds on an
**     index of a thousand files).
**   - Per-file analysis sees no peers; undefined-evidence counts are made
**     here across the whole case instead.
**   - Statements are prepared once per handle, on first use.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "internal.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

#define ST_BUSY_MS 5000      /* SQLite's busy timeout per attempt */
#define ST_RETRIES 12        /* then our own retries of BEGIN IMMEDIATE */
#define ST_MAX_FILE (64u << 20)

/* ------------------------------------------------------------------ */
/* Schema                                                              */
/* ------------------------------------------------------------------ */

/* Version 1, as first shipped, is kept verbatim in tests/c/test_store.c;
** migrations[k] takes version k+1 to k+2.  The newest schema is v1 plus
** every migration, so a fresh database and a migrated one are the same. */
static const char schema_v1[] =
    "CREATE TABLE cases(id INTEGER PRIMARY KEY, dir TEXT UNIQUE NOT NULL,"
    " name TEXT NOT NULL DEFAULT '', number TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,"
    " case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    " size INTEGER NOT NULL, mtime INTEGER NOT NULL, hash INTEGER NOT NULL,"
    " indexed_day INTEGER NOT NULL, name TEXT NOT NULL, number TEXT NOT NULL,"
    " state INTEGER NOT NULL, last_response INTEGER NOT NULL,"
    " last_client INTEGER NOT NULL, trial_day INTEGER NOT NULL,"
    " prep_done INTEGER NOT NULL, prep_open INTEGER NOT NULL);"
    "CREATE INDEX files_case ON files(case_id);"
    "CREATE TABLE events(file_id INTEGER NOT NULL REFERENCES files(id)"
    " ON DELETE CASCADE, row INTEGER NOT NULL, col INTEGER NOT NULL,"
    " end_col INTEGER NOT NULL, event INTEGER NOT NULL, party INTEGER NOT NULL,"
    " flags INTEGER NOT NULL, day INTEGER NOT NULL, due INTEGER NOT NULL,"
    " who TEXT NOT NULL, what TEXT NOT NULL, eid TEXT NOT NULL,"
    " eid_end TEXT NOT NULL, path TEXT NOT NULL);"
    "CREATE INDEX events_file ON events(file_id);"
    "CREATE TABLE rounds(file_id INTEGER NOT NULL REFERENCES files(id)"
    " ON DELETE CASCADE, seq INTEGER NOT NULL, row INTEGER NOT NULL,"
    " day INTEGER NOT NULL, event INTEGER NOT NULL, party INTEGER NOT NULL,"
    " flags INTEGER NOT NULL, who TEXT NOT NULL, charge TEXT NOT NULL,"
    " custody INTEGER NOT NULL, probation INTEGER NOT NULL,"
    " fine INTEGER NOT NULL, restitution INTEGER NOT NULL,"
    " dismissed INTEGER NOT NULL, diversion INTEGER NOT NULL,"
    " time_served INTEGER NOT NULL, suspended INTEGER NOT NULL,"
    " expires INTEGER NOT NULL, change TEXT NOT NULL, waited INTEGER NOT NULL);"
    "CREATE INDEX rounds_file ON rounds(file_id);"
    "CREATE TABLE warnings(file_id INTEGER NOT NULL REFERENCES files(id)"
    " ON DELETE CASCADE, row INTEGER NOT NULL, col INTEGER NOT NULL,"
    " end_row INTEGER NOT NULL, end_col INTEGER NOT NULL,"
    " code INTEGER NOT NULL, severity INTEGER NOT NULL, message TEXT NOT NULL);"
    "CREATE INDEX warnings_file ON warnings(file_id);"
    "PRAGMA user_version = 1;";

static const char *const migrations[GAVEL_STORE_SCHEMA - 1] = {
    /* 1 -> 2: the time of court settings; lookups by evidence id and due
    ** day.  Files are marked stale so the next index re-reads them. */
    "ALTER TABLE events ADD COLUMN minute INTEGER NOT NULL DEFAULT -1;"
    "CREATE INDEX events_eid ON events(eid);"
    "CREATE INDEX events_due ON events(due);"
    "UPDATE files SET size = -1;"
    "PRAGMA user_version = 2;",
};

/* ------------------------------------------------------------------ */
/* The handle                                                          */
/* ------------------------------------------------------------------ */

enum {
  Q_FILE_GET, Q_FILE_TOUCH, Q_FILE_DEL, Q_CASE_ADD, Q_CASE_ID, Q_FILE_ADD,
  Q_EV_ADD, Q_RD_ADD, Q_WARN_ADD, Q_CASE_NAME, Q_CASE_GC, Q_FILES_UNDER,
  Q_CASES, Q_CASE_OFFER, Q_CASE_LAST, Q_CASE_NEXT,
  Q_CASE_WARN, Q_CASE_EVID, Q_AGENDA, Q_AGENDA_OFFERS, Q_EVIDENCE,
  Q_ROUNDS, Q_FORGET, Q_FORGET_N,
  Q_COUNT
};

static const char *const sql_text[Q_COUNT] = {
    /* Q_FILE_GET */
    "SELECT f.id, f.size, f.mtime, f.hash, f.case_id, c.dir FROM files f"
    " JOIN cases c ON c.id = f.case_id WHERE f.path = ?1",
    /* Q_FILE_TOUCH */
    "UPDATE files SET mtime = ?2 WHERE id = ?1",
    /* Q_FILE_DEL */
    "DELETE FROM files WHERE id = ?1",
    /* Q_CASE_ADD */
    "INSERT OR IGNORE INTO cases(dir) VALUES(?1)",
    /* Q_CASE_ID */
    "SELECT id FROM cases WHERE dir = ?1",
    /* Q_FILE_ADD */
    "INSERT INTO files(path, case_id, size, mtime, hash, indexed_day, name,"
    " number, state, last_response, last_client, trial_day, prep_done,"
    " prep_open) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
    /* Q_EV_ADD */
    "INSERT INTO events(file_id, row, col, end_col, event, party, flags, day,"
    " due, who, what, eid, eid_end, path, minute)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
    /* Q_RD_ADD */
    "INSERT INTO rounds(file_id, seq, row, day, event, party, flags, who,"
    " charge, custody, probation, fine, restitution, dismissed, diversion,"
    " time_served, suspended, expires, change, waited) VALUES(?1,?2,?3,?4,"
    "?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)",
    /* Q_WARN_ADD */
    "INSERT INTO warnings(file_id, row, col, end_row, end_col, code,"
    " severity, message) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)",
    /* Q_CASE_NAME */
    "UPDATE cases SET name = coalesce((SELECT name FROM files WHERE"
    " case_id = ?1 AND name <> '' ORDER BY path LIMIT 1), ''),"
    " number = coalesce((SELECT number FROM files WHERE case_id = ?1 AND"
    " number <> '' ORDER BY path LIMIT 1), '') WHERE id = ?1",
    /* Q_CASE_GC */
    "DELETE FROM cases WHERE id = ?1 AND NOT EXISTS"
    " (SELECT 1 FROM files WHERE case_id = ?1)",
    /* Q_FILES_UNDER: paths with the prefix ?1 ("dir/"), ?2 = "dir0" */
    "SELECT id, path, case_id FROM files WHERE path > ?1 AND path < ?2",
    /* Q_CASES */
    "SELECT c.id, c.dir, c.name, c.number, count(f.id),"
    " max(f.last_response), min(f.path)"
    " FROM cases c JOIN files f ON f.case_id = c.id GROUP BY c.id",
    /* Q_CASE_OFFER: the latest prosecution offer */
    "SELECT r.row, r.day, r.expires, f.path, r.charge, r.custody,"
    " r.probation, r.fine, r.restitution, r.dismissed, r.diversion,"
    " r.time_served, r.suspended, r.seq, r.file_id"
    " FROM rounds r JOIN files f ON f.id = r.file_id"
    " WHERE f.case_id = ?1 AND r.event = ?2"
    " ORDER BY r.day DESC, r.seq DESC LIMIT 1",
    /* Q_CASE_LAST: the latest round and its file's state */
    "SELECT r.event, r.day, f.state FROM rounds r"
    " JOIN files f ON f.id = r.file_id WHERE f.case_id = ?1"
    " ORDER BY r.day DESC, r.seq DESC LIMIT 1",
    /* Q_CASE_NEXT: the next court date or deadline on or after ?2 */
    "SELECT e.due, e.what, f.path, e.row, e.event FROM events e"
    " JOIN files f ON f.id = e.file_id WHERE f.case_id = ?1"
    " AND e.event IN (?3, ?4) AND e.due >= ?2"
    " ORDER BY e.due, e.minute, f.path, e.row LIMIT 1",
    /* Q_CASE_WARN */
    "SELECT w.code, count(*) FROM warnings w JOIN files f ON f.id = w.file_id"
    " WHERE f.case_id = ?1 GROUP BY w.code, w.file_id",
    /* Q_CASE_EVID: evidence items of a case (defs first) */
    "SELECT e.event, e.eid, e.eid_end, f.path, e.row, e.col, e.end_col"
    " FROM events e JOIN files f ON f.id = e.file_id"
    " WHERE f.case_id = ?1 AND e.event IN (?2, ?3) AND e.eid <> ''"
    " ORDER BY e.event DESC, f.path, e.row, e.col",
    /* Q_AGENDA */
    "SELECT e.due, e.minute, e.event, e.what, f.path, e.row, c.dir, c.name"
    " FROM events e JOIN files f ON f.id = e.file_id"
    " JOIN cases c ON c.id = f.case_id"
    " WHERE e.event IN (?3, ?4) AND e.due BETWEEN ?1 AND ?2"
    " ORDER BY e.due, e.minute DESC, c.dir, e.event, e.what, f.path, e.row",
    /* Q_AGENDA_OFFERS: each case's latest prosecution offer, unless a
    ** later reject/accept/withdraw settled it */
    "SELECT expires, row, path, dir, name FROM (SELECT r.expires, r.row,"
    " f.path, c.dir, c.name, r.day, r.seq, r.file_id, f.case_id,"
    " row_number() OVER (PARTITION BY f.case_id ORDER BY r.day DESC,"
    " r.seq DESC) AS rn FROM rounds r JOIN files f ON f.id = r.file_id"
    " JOIN cases c ON c.id = f.case_id WHERE r.event = ?3) o"
    " WHERE rn = 1 AND expires BETWEEN ?1 AND ?2 AND NOT EXISTS"
    " (SELECT 1 FROM rounds r2 JOIN files f2 ON f2.id = r2.file_id"
    " WHERE f2.case_id = o.case_id AND r2.event IN (?4, ?5, ?6) AND"
    " (r2.day > o.day OR (r2.file_id = o.file_id AND r2.seq > o.seq)))"
    " ORDER BY expires, dir",
    /* Q_EVIDENCE: evidence items of the case with folder ?1 */
    "SELECT e.event, e.eid, e.eid_end, f.path, e.row, e.col, e.end_col"
    " FROM events e JOIN files f ON f.id = e.file_id"
    " JOIN cases c ON c.id = f.case_id WHERE c.dir = ?1"
    " AND e.event IN (?2, ?3) AND (e.eid = ?4 OR e.eid_end <> '')"
    " ORDER BY e.event DESC, f.path, e.row, e.col",
    /* Q_ROUNDS */
    "SELECT c.dir, c.name, c.number, f.path, r.row, r.day, r.event, r.party,"
    " r.who, r.change, r.charge, r.custody, r.probation, r.fine,"
    " r.restitution, r.dismissed, r.diversion, r.time_served, r.suspended,"
    " r.expires FROM rounds r JOIN files f ON f.id = r.file_id"
    " JOIN cases c ON c.id = f.case_id ORDER BY c.dir, r.day, f.path, r.seq",
    /* Q_FORGET */
    "DELETE FROM cases WHERE dir = ?1",
    /* Q_FORGET_N */
    "SELECT count(*) FROM files f JOIN cases c ON c.id = f.case_id"
    " WHERE c.dir = ?1",
};

struct gavel_store {
  sqlite3 *db;
  const gavel_engine *e;
  gavel_doc *doc;            /* reused for every file read */
  sqlite3_stmt *q[Q_COUNT];
  char *path;
  int readonly;
  int busy_ms;               /* SQLite's busy timeout per attempt */
  int retries;               /* attempts at taking the write lock */
  int ro_said;               /* the read-only notice was given */
  char err[512];
  char notice[1024];
  int has_notice;

  /* Results of the last query; strings in `strs`. */
  char **strs;
  size_t nstrs, capstrs;
  void *res;                 /* the array the last query returned */

  /* Case folder of the last parent folder looked up. */
  char *last_parent, *last_case;
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static gavel_status st_fail(gavel_store *s, gavel_status st, const char *fmt,
                            ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static gavel_status st_fail(gavel_store *s, gavel_status st, const char *fmt,
                            ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->err, sizeof s->err, fmt, ap);
  va_end(ap);
  return st;
}

static int is_busy(int rc) {
  rc &= 0xff;
  return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static void nap(int attempt) {
  struct timespec ts;
  long ms = 10L * (attempt + 1) + (long)(clock() % 17); /* spread waiters */
  if (ms > 250) ms = 250;
  ts.tv_sec = 0;
  ts.tv_nsec = ms * 1000000L;
  nanosleep(&ts, NULL);
}

/* Maps a SQLite result to a status and a message on s. */
static gavel_status st_db(gavel_store *s, int rc, const char *doing) {
  int prim = rc & 0xff;
  const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
  if (is_busy(rc))
    return st_fail(s, GAVEL_ERR_BUSY,
                   "the case index stayed busy while %s; try again", doing);
  if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
    return st_fail(s, GAVEL_ERR_CORRUPT,
                   "the case index %s is damaged (%s); it is rebuilt when it "
                   "is next opened", s->path, msg);
  /* a -shm or -wal that cannot grow is an I/O error with ENOSPC */
  if (prim == SQLITE_FULL ||
      (prim == SQLITE_IOERR && s->db && sqlite3_system_errno(s->db) == ENOSPC))
    return st_fail(s, GAVEL_ERR_IO,
                   "the disk is full: the case index is not being updated");
  if (prim == SQLITE_READONLY || prim == SQLITE_PERM || prim == SQLITE_CANTOPEN)
    return st_fail(s, GAVEL_ERR_IO,
                   "the case index %s cannot be written (%s): it is not "
                   "being updated", s->path, msg);
  if (prim == SQLITE_IOERR)
    return st_fail(s, GAVEL_ERR_IO, "I/O error on the case index %s (%s)",
                   s->path, msg);
  if (prim == SQLITE_NOMEM) return st_fail(s, GAVEL_ERR_NOMEM, "out of memory");
  return st_fail(s, GAVEL_ERR_DB, "case index: %s while %s", msg, doing);
}

/* The statement k, prepared on first use and reset for a new run. */
static sqlite3_stmt *stmt(gavel_store *s, int k) {
  if (!s->q[k]) {
    if (sqlite3_prepare_v3(s->db, sql_text[k], -1, SQLITE_PREPARE_PERSISTENT,
                           &s->q[k], NULL) != SQLITE_OK) {
      st_db(s, sqlite3_errcode(s->db), "preparing a query");
      s->q[k] = NULL;
      return NULL;
    }
  } else {
    sqlite3_reset(s->q[k]);
    sqlite3_clear_bindings(s->q[k]);
  }
  return s->q[k];
}

static void bind_text(sqlite3_stmt *q, int i, const char *t) {
  sqlite3_bind_text(q, i, t ? t : "", -1, SQLITE_TRANSIENT);
}

static const char *col_text(sqlite3_stmt *q, int i) {
  const char *t = (const char *)sqlite3_column_text(q, i);
  return t ? t : "";
}

/* Runs a statement that returns no rows; returns the SQLite code. */
static int run(sqlite3_stmt *q) {
  int rc = sqlite3_step(q);
  sqlite3_reset(q);
  return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

static int exec_retry(sqlite3 *db, const char *sql, int tries) {
  int rc = SQLITE_OK;
  for (int i = 0; i < tries; i++) {
    rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (!is_busy(rc)) break;
    nap(i);
  }
  return rc;
}

static gavel_status begin(gavel_store *s, const char *doing) {
  if (s->readonly)
    return st_fail(s, GAVEL_ERR_IO,
                   "the case index %s is read-only: it is not being updated",
                   s->path);
  int rc = exec_retry(s->db, "BEGIN IMMEDIATE", s->retries);
  return rc == SQLITE_OK ? GAVEL_OK : st_db(s, rc, doing);
}

static gavel_status commit(gavel_store *s, const char *doing) {
  int rc = exec_retry(s->db, "COMMIT", s->retries);
  if (rc == SQLITE_OK) return GAVEL_OK;
  gavel_status st = st_db(s, rc, doing);
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

static gavel_status rollback(gavel_store *s, gavel_status st) {
  if (!sqlite3_get_autocommit(s->db))
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

/* Frees the results of the last query. */
static void results_clear(gavel_store *s) {
  for (size_t i = 0; i < s->nstrs; i++) free(s->strs[i]);
  s->nstrs = 0;
  free(s->res);
  s->res = NULL;
}

/* A store-owned copy of t (valid until the next query), or NULL. */
static const char *keep(gavel_store *s, const char *t) {
  if (s->nstrs == s->capstrs) {
    size_t cap = s->capstrs ? s->capstrs * 2 : 64;
    char **v = realloc(s->strs, cap * sizeof *v);
    if (!v) return NULL;
    s->strs = v;
    s->capstrs = cap;
  }
  size_t n = strlen(t ? t : "");
  char *c = malloc(n + 1);
  if (!c) return NULL;
  memcpy(c, t ? t : "", n + 1);
  s->strs[s->nstrs++] = c;
  return c;
}

/* Grows *v (elements of size sz) to hold n+1; returns 0 or -1. */
static int grow(void **v, size_t *cap, size_t n, size_t sz) {
  if (n < *cap) return 0;
  size_t c = *cap ? *cap * 2 : 16;
  void *nv = realloc(*v, c * sz);
  if (!nv) return -1;
  *v = nv;
  *cap = c;
  return 0;
}

static uint64_t fnv1a64(const char *p, size_t n) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 1099511628211ull;
  }
  return h;
}

static int64_t mtime_ns(const struct stat *sb) {
  return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* Makes every missing folder of dir (0700 for the ones it makes).  The
** last one is chmod'ed 0700 in any case: it holds privileged notes. */
static int mkdirs(const char *dir) {
  char buf[PATH_MAX];
  size_t n = strlen(dir);
  if (n == 0 || n >= sizeof buf) return -1;
  memcpy(buf, dir, n + 1);
  for (size_t i = 1; i <= n; i++) {
    if (buf[i] != '/' && buf[i] != '\0') continue;
    char c = buf[i];
    buf[i] = '\0';
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) return -1;
    buf[i] = c;
  }
  return chmod(dir, 0700);
}

/* ------------------------------------------------------------------ */
/* Opening, checking, migrating                                        */
/* ------------------------------------------------------------------ */

static int file_exists(const char *p) {
  struct stat sb;
  return stat(p, &sb) == 0;
}

/* The schema version, 0 when it cannot be read. */
static int user_version(sqlite3 *db) {
  sqlite3_stmt *q = NULL;
  int v = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &q, NULL) ==
          SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
    v = sqlite3_column_int(q, 0);
  sqlite3_finalize(q);
  return v;
}

/* Brings the schema to GAVEL_STORE_SCHEMA in one transaction; takes no
** write lock when it is current (another writer may hold it for long). */
static gavel_status migrate(gavel_store *s) {
  int v = 0;
  sqlite3_stmt *q = NULL;
  if (user_version(s->db) == GAVEL_STORE_SCHEMA) return GAVEL_OK;
  gavel_status st = begin(s, "preparing the case index");
  if (st != GAVEL_OK) return st;
  int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    v = sqlite3_column_int(q, 0);
    rc = SQLITE_OK;
  }
  sqlite3_finalize(q);
  if (rc != SQLITE_OK) return rollback(s, st_db(s, rc, "reading the schema"));
  if (v > GAVEL_STORE_SCHEMA)
    return rollback(s, st_fail(s, GAVEL_ERR_DB,
                               "the case index %s was written by a newer gavel "
                               "(schema %d, this one knows %d)",
                               s->path, v, GAVEL_STORE_SCHEMA));
  if (v == 0) rc = sqlite3_exec(s->db, schema_v1, NULL, NULL, NULL), v = 1;
  for (; rc == SQLITE_OK && v < GAVEL_STORE_SCHEMA; v++)
    rc = sqlite3_exec(s->db, migrations[v - 1], NULL, NULL, NULL);
  if (rc != SQLITE_OK) return rollback(s, st_db(s, rc, "migrating the schema"));
  return commit(s, "migrating the schema");
}

/* Returns 1 when quick_check says ok, 0 when damaged; -1 busy/other. */
static int quick_check(sqlite3 *db) {
  sqlite3_stmt *q = NULL;
  int ok = -1, rc;
  if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &q, NULL) != SQLITE_OK) {
    rc = sqlite3_errcode(db) & 0xff;
    return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? 0 : -1;
  }
  rc = sqlite3_step(q);
  if (rc == SQLITE_ROW)
    ok = strcmp(col_text(q, 0), "ok") == 0;
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    ok = 0;
  sqlite3_finalize(q);
  return ok;
}

/* Opens the connection and sets it up.  Returns a SQLite code. */
static int connect(gavel_store *s, int flags) {
  int rc = sqlite3_open_v2(s->path, &s->db, flags, NULL);
  if (rc != SQLITE_OK) return rc;
  sqlite3_extended_result_codes(s->db, 1);
  sqlite3_busy_timeout(s->db, s->busy_ms);
  /* Touch the schema: a file that is not a database fails here. */
  rc = exec_retry(s->db, "PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;"
                         "SELECT count(*) FROM sqlite_schema", ST_RETRIES);
  if (rc != SQLITE_OK) return rc;
  if (!(flags & SQLITE_OPEN_READWRITE)) return SQLITE_OK;
  rc = exec_retry(s->db, "PRAGMA journal_mode = WAL", ST_RETRIES);
  if (rc != SQLITE_OK) return rc;
  return exec_retry(s->db, "PRAGMA synchronous = NORMAL", ST_RETRIES);
}

static void disconnect(gavel_store *s);

/* Opens s->path read-only as an immutable file (URI, escaped). */
static int connect_immutable(gavel_store *s) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = strlen(s->path), o = 0;
  char *uri = malloc(n * 3 + 32);
  if (!uri) return SQLITE_NOMEM;
  o += (size_t)sprintf(uri, "file:");
  for (const char *p = s->path; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '%' || c == '?' || c == '#' || c <= 0x20 || c >= 0x7f) {
      uri[o++] = '%';
      uri[o++] = hex[c >> 4];
      uri[o++] = hex[c & 15];
    } else {
      uri[o++] = (char)c;
    }
  }
  strcpy(uri + o, "?immutable=1");
  int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY |
                           SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  free(uri);
  if (rc != SQLITE_OK) return rc;
  sqlite3_extended_result_codes(s->db, 1);
  return exec_retry(s->db, "SELECT count(*) FROM sqlite_schema", ST_RETRIES);
}

static void disconnect(gavel_store *s) {
  for (int k = 0; k < Q_COUNT; k++) {
    sqlite3_finalize(s->q[k]);
    s->q[k] = NULL;
  }
  sqlite3_close(s->db);
  s->db = NULL;
}

/* Reads the case folders a damaged database still gives up (as many as
** it can) into a malloc'd array of malloc'd strings; returns the count. */
static size_t salvage_dirs(const char *path, char ***out) {
  sqlite3 *db = NULL;
  sqlite3_stmt *q = NULL;
  char **v = NULL;
  size_t n = 0, cap = 0;
  *out = NULL;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2(db, "SELECT dir FROM cases", -1, &q, NULL) ==
          SQLITE_OK) {
    while (sqlite3_step(q) == SQLITE_ROW && n < 100000) {
      const char *d = col_text(q, 0);
      char *c;
      if (d[0] != '/' || grow((void **)&v, &cap, n, sizeof *v) != 0) break;
      if (!(c = malloc(strlen(d) + 1))) break;
      strcpy(c, d);
      v[n++] = c;
    }
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  *out = v;
  return n;
}

/* Moves a damaged database (and its -wal/-shm) aside, 0600.  Writes the
** new name into moved.  Returns 0 or -1 (errno). */
static int move_aside(const char *path, char *moved, size_t len) {
  char stamp[32], from[PATH_MAX + 8], to[PATH_MAX + 48];
  time_t now = time(NULL);
  struct tm tmv;
  localtime_r(&now, &tmv);
  strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tmv);
  snprintf(moved, len, "%s.corrupt-%s", path, stamp);
  for (int k = 2; file_exists(moved) && k < 100; k++)
    snprintf(moved, len, "%s.corrupt-%s-%d", path, stamp, k);
  if (rename(path, moved) != 0) return -1;
  chmod(moved, 0600);
  static const char *const side[] = {"-wal", "-shm"};
  for (int i = 0; i < 2; i++) {
    snprintf(from, sizeof from, "%s%s", path, side[i]);
    snprintf(to, sizeof to, "%s%s", moved, side[i]);
    if (rename(from, to) == 0) chmod(to, 0600);
  }
  return 0;
}

static void store_free(gavel_store *s) {
  if (!s) return;
  disconnect(s);
  results_clear(s);
  free(s->strs);
  gavel_doc_free(s->doc);
  free(s->path);
  free(s->last_parent);
  free(s->last_case);
  free(s);
}

static gavel_status open_fail(gavel_store *s, gavel_status st, char *errbuf,
                              size_t errlen) {
  if (errbuf && errlen) snprintf(errbuf, errlen, "%s", s->err);
  store_free(s);
  return st;
}

gavel_status gavel_store_open(const char *path, const gavel_engine *e,
                              gavel_store **out, char *errbuf, size_t errlen) {
  gavel_store *s;
  char dir[PATH_MAX];
  if (errbuf && errlen) errbuf[0] = '\0';
  if (!out) return GAVEL_ERR_ARG;
  *out = NULL;
  if (!path || !*path || strlen(path) >= sizeof dir) {
    if (errbuf && errlen) snprintf(errbuf, errlen, "no index path given");
    return GAVEL_ERR_ARG;
  }
  if (!(s = calloc(1, sizeof *s)) || !(s->path = malloc(strlen(path) + 1))) {
    free(s);
    if (errbuf && errlen) snprintf(errbuf, errlen, "out of memory");
    return GAVEL_ERR_NOMEM;
  }
  strcpy(s->path, path);
  s->e = e;
  s->busy_ms = ST_BUSY_MS;
  s->retries = ST_RETRIES;

  strcpy(dir, path);
  char *slash = strrchr(dir, '/');
  if (slash && slash != dir) {
    *slash = '\0';
    if (mkdirs(dir) != 0 && !file_exists(path))
      return open_fail(s, st_fail(s, GAVEL_ERR_IO,
                                  "cannot create the index folder %s: %s", dir,
                                  strerror(errno)),
                       errbuf, errlen);
  }
  /* Create the file ourselves so it is 0600 whatever the umask. */
  int fd = open(path, O_RDWR | O_CREAT, 0600);
  if (fd >= 0) {
    fchmod(fd, 0600);
    close(fd);
  } else if (errno == EACCES || errno == EROFS || errno == EPERM) {
    if (!file_exists(path))
      return open_fail(s, st_fail(s, GAVEL_ERR_IO,
                                  "cannot create the case index %s: %s", path,
                                  strerror(errno)),
                       errbuf, errlen);
    s->readonly = 1;
  } else {
    return open_fail(s, st_fail(s, GAVEL_ERR_IO,
                                "cannot open the case index %s: %s", path,
                                strerror(errno)),
                     errbuf, errlen);
  }

  char walp[PATH_MAX + 8];
  snprintf(walp, sizeof walp, "%s-wal", path);
  int unclean = file_exists(walp);
  int rw = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int ro = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  int rc = connect(s, s->readonly ? ro : rw);
  if ((rc & 0xff) == SQLITE_READONLY && !s->readonly) {
    disconnect(s);
    s->readonly = 1;
    rc = connect(s, ro);
  }
  if (s->readonly && rc != SQLITE_OK &&
      ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
    /* A WAL database in a folder we cannot write: no -shm can be made,
    ** so read it as immutable (what others write meanwhile is not seen). */
    disconnect(s);
    rc = connect_immutable(s);
  }
  int damaged = (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
  if (rc == SQLITE_OK && unclean && quick_check(s->db) == 0) damaged = 1;
  if (rc != SQLITE_OK && !damaged) {
    gavel_status st = st_db(s, rc, "opening the case index");
    return open_fail(s, st, errbuf, errlen);
  }
  if (damaged && s->readonly)
    return open_fail(s, st_fail(s, GAVEL_ERR_CORRUPT,
                                "the case index %s is damaged and read-only",
                                path),
                     errbuf, errlen);
  if (damaged) {
    char moved[PATH_MAX + 48], **dirs = NULL;
    size_t ndirs;
    disconnect(s);
    ndirs = salvage_dirs(path, &dirs);
    if (move_aside(path, moved, sizeof moved) != 0) {
      for (size_t i = 0; i < ndirs; i++) free(dirs[i]);
      free(dirs);
      return open_fail(s, st_fail(s, GAVEL_ERR_CORRUPT,
                                  "the case index %s is damaged and could not "
                                  "be moved aside: %s", path, strerror(errno)),
                       errbuf, errlen);
    }
    fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd >= 0) {
      fchmod(fd, 0600);
      close(fd);
    }
    rc = connect(s, rw);
    gavel_status st = rc == SQLITE_OK ? migrate(s) : st_db(s, rc, "rebuilding");
    size_t rebuilt = 0;
    gavel_engine *own = NULL; /* a query-only store still rebuilds */
    if (!e && ndirs && gavel_engine_new(NULL, &own, NULL, 0) == GAVEL_OK)
      s->e = own;
    for (size_t i = 0; i < ndirs; i++) {
      if (st == GAVEL_OK && s->e &&
          gavel_store_index_dir(s, dirs[i], gavel_day_today(), NULL, NULL,
                                NULL) == GAVEL_OK)
        rebuilt++;
      free(dirs[i]);
    }
    free(dirs);
    if (own) {
      gavel_doc_free(s->doc); /* made from `own` */
      s->doc = NULL;
      s->e = NULL;
      gavel_engine_free(own);
    }
    if (st != GAVEL_OK) return open_fail(s, st, errbuf, errlen);
    gv_fmt(s->notice, sizeof s->notice,
             "the case index was damaged; moved it to %s and rebuilt %zu "
             "case%s from the notes%s", moved, rebuilt, rebuilt == 1 ? "" : "s",
             rebuilt ? "" : " (run :Gavel index / gavel index DIR)");
    s->has_notice = 1;
    s->err[0] = '\0';
    *out = s;
    return GAVEL_OK;
  }
  if (s->readonly) {
    int v = user_version(s->db);
    if (v != GAVEL_STORE_SCHEMA)
      return open_fail(s, st_fail(s, GAVEL_ERR_IO,
                                  "the case index %s is read-only and has "
                                  "schema %d, not %d", path, v,
                                  GAVEL_STORE_SCHEMA),
                       errbuf, errlen);
    snprintf(s->notice, sizeof s->notice,
             "the case index %s is read-only; it is not being updated", path);
    s->has_notice = 1;
    s->ro_said = 1;
  } else {
    gavel_status st = migrate(s);
    if (st != GAVEL_OK) return open_fail(s, st, errbuf, errlen);
  }
  *out = s;
  return GAVEL_OK;
}

void gavel_store_close(gavel_store *s) {
  if (!s) return;
  /* The last connection out checkpoints and deletes the -wal file, which
  ** is the clean-shutdown marker. */
  store_free(s);
}

const char *gavel_store_errmsg(const gavel_store *s) {
  return s ? s->err : "no store";
}

const char *gavel_store_notice(gavel_store *s) {
  if (!s || !s->has_notice) return NULL;
  s->has_notice = 0;
  return s->notice;
}

int gavel_store_readonly(const gavel_store *s) { return s ? s->readonly : 0; }

void gavel_store_set_busy_timeout(gavel_store *s, int ms) {
  if (!s) return;
  s->busy_ms = ms > 0 ? ms : ST_BUSY_MS;
  s->retries = ms > 0 ? 1 : ST_RETRIES;
  if (s->db) sqlite3_busy_timeout(s->db, s->busy_ms);
}

/* ------------------------------------------------------------------ */
/* Cases and files                                                     */
/* ------------------------------------------------------------------ */

char *gavel_store_case_dir(const char *path, char *buf, size_t len) {
  char *real, probe[PATH_MAX + 16];
  struct stat sb;
  if (!path || !buf || !(real = realpath(path, NULL))) return NULL;
  if (stat(real, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
    char *sl = strrchr(real, '/');
    if (sl == real) sl[1] = '\0';
    else if (sl) *sl = '\0';
  }
  size_t n = strlen(real);
  for (;;) {
    snprintf(probe, sizeof probe, "%s/.gavel", n == 1 ? "" : real);
    if (n + 8 < sizeof probe && stat(probe, &sb) == 0) break;
    char *sl = strrchr(real, '/');
    if (!sl || n == 1) {
      /* no marker anywhere: the starting folder */
      free(real);
      real = realpath(path, NULL);
      if (!real) return NULL;
      if (stat(real, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        sl = strrchr(real, '/');
        if (sl == real) sl[1] = '\0';
        else if (sl) *sl = '\0';
      }
      break;
    }
    if (sl == real) sl[1] = '\0';
    else *sl = '\0';
    n = strlen(real);
  }
  if (strlen(real) + 1 > len) {
    free(real);
    return NULL;
  }
  strcpy(buf, real);
  free(real);
  return buf;
}

/* The case folder of an absolute file path, cached per parent folder. */
static const char *case_of(gavel_store *s, const char *file, char *buf,
                           size_t len) {
  const char *sl = strrchr(file, '/');
  size_t pn = sl ? (size_t)(sl - file) : 0;
  if (s->last_parent && strlen(s->last_parent) == pn &&
      memcmp(s->last_parent, file, pn) == 0 && strlen(s->last_case) < len) {
    strcpy(buf, s->last_case);
    return buf;
  }
  if (!gavel_store_case_dir(file, buf, len)) return NULL;
  char *p = malloc(pn + 1), *c = malloc(strlen(buf) + 1);
  if (p && c) {
    memcpy(p, file, pn);
    p[pn] = '\0';
    strcpy(c, buf);
    free(s->last_parent);
    free(s->last_case);
    s->last_parent = p;
    s->last_case = c;
  } else {
    free(p);
    free(c);
  }
  return buf;
}

/* Deletes file `id` (its items go with it) and its case when now empty.
** Inside a transaction. */
static int drop_file(gavel_store *s, sqlite3_int64 id, sqlite3_int64 case_id) {
  sqlite3_stmt *q = stmt(s, Q_FILE_DEL);
  int rc;
  if (!q) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, id);
  if ((rc = run(q)) != SQLITE_DONE) return rc;
  if (!(q = stmt(s, Q_CASE_GC))) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, case_id);
  if ((rc = run(q)) != SQLITE_DONE) return rc;
  if (!(q = stmt(s, Q_CASE_NAME))) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, case_id);
  return run(q);
}

static int store_items(gavel_store *s, sqlite3_int64 fid) {
  gavel_doc *d = s->doc;
  size_t nrows = gavel_doc_line_count(d);
  int rc = SQLITE_DONE;
  for (size_t r = gavel_doc_next_row(d, 0); r < nrows && rc == SQLITE_DONE;
       r = gavel_doc_next_row(d, r + 1)) {
    const gavel_item *it;
    size_t n = gavel_doc_row_items(d, r, &it);
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
      if (it[i].kind != GAVEL_KIND_EVENT) continue;
      sqlite3_stmt *q = stmt(s, Q_EV_ADD);
      if (!q) return SQLITE_ERROR;
      int minute = -1;
      if (it[i].date_ref >= 0 && (size_t)it[i].date_ref < n)
        minute = it[it[i].date_ref].minute;
      sqlite3_bind_int64(q, 1, fid);
      sqlite3_bind_int64(q, 2, it[i].row);
      sqlite3_bind_int64(q, 3, it[i].col);
      sqlite3_bind_int64(q, 4, it[i].end_col);
      sqlite3_bind_int(q, 5, it[i].event);
      sqlite3_bind_int(q, 6, it[i].party);
      sqlite3_bind_int64(q, 7, it[i].flags);
      sqlite3_bind_int64(q, 8, it[i].day);
      sqlite3_bind_int64(q, 9, it[i].when);
      bind_text(q, 10, it[i].who);
      bind_text(q, 11, it[i].what);
      bind_text(q, 12, it[i].id);
      bind_text(q, 13, it[i].id_end);
      size_t plen;
      const char *path = gavel_doc_item_path(d, r, &it[i], &plen);
      sqlite3_bind_text(q, 14, path ? path : "", (int)plen, SQLITE_TRANSIENT);
      sqlite3_bind_int(q, 15, minute);
      rc = run(q);
    }
  }
  const gavel_round *tl;
  size_t ntl = gavel_doc_timeline(d, &tl);
  for (size_t i = 0; i < ntl && rc == SQLITE_DONE; i++) {
    sqlite3_stmt *q = stmt(s, Q_RD_ADD);
    const gavel_terms *t = &tl[i].terms;
    if (!q) return SQLITE_ERROR;
    sqlite3_bind_int64(q, 1, fid);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
    sqlite3_bind_int64(q, 3, tl[i].row);
    sqlite3_bind_int64(q, 4, tl[i].day);
    sqlite3_bind_int(q, 5, tl[i].event);
    sqlite3_bind_int(q, 6, tl[i].party);
    sqlite3_bind_int64(q, 7, tl[i].flags);
    bind_text(q, 8, tl[i].who);
    bind_text(q, 9, t->charge);
    sqlite3_bind_int64(q, 10, t->custody_months);
    sqlite3_bind_int64(q, 11, t->probation_months);
    sqlite3_bind_int64(q, 12, t->fine_cents);
    sqlite3_bind_int64(q, 13, t->restitution_cents);
    sqlite3_bind_int64(q, 14, t->counts_dismissed);
    sqlite3_bind_int(q, 15, t->diversion);
    sqlite3_bind_int(q, 16, t->time_served);
    sqlite3_bind_int(q, 17, t->suspended);
    sqlite3_bind_int64(q, 18, tl[i].expires);
    bind_text(q, 19, tl[i].change);
    sqlite3_bind_int64(q, 20, tl[i].waited_days);
    rc = run(q);
  }
  const gavel_warning *w;
  size_t nw = gavel_doc_warnings(d, &w);
  for (size_t i = 0; i < nw && rc == SQLITE_DONE; i++) {
    sqlite3_stmt *q = stmt(s, Q_WARN_ADD);
    if (!q) return SQLITE_ERROR;
    sqlite3_bind_int64(q, 1, fid);
    sqlite3_bind_int64(q, 2, w[i].row);
    sqlite3_bind_int64(q, 3, w[i].col);
    sqlite3_bind_int64(q, 4, w[i].end_row);
    sqlite3_bind_int64(q, 5, w[i].end_col);
    sqlite3_bind_int(q, 6, w[i].code);
    sqlite3_bind_int(q, 7, w[i].severity);
    bind_text(q, 8, w[i].message);
    rc = run(q);
  }
  return rc;
}

/* Looks the file up: returns 1 found (fields filled; its case folder in
** dir unless NULL), 0 not, -1 error. */
static int file_get(gavel_store *s, const char *path, sqlite3_int64 *id,
                    int64_t *size, int64_t *mtime, int64_t *hash,
                    sqlite3_int64 *case_id, char *dir, size_t dirlen) {
  sqlite3_stmt *q = stmt(s, Q_FILE_GET);
  if (!q) return -1;
  bind_text(q, 1, path);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(q, 0);
    *size = sqlite3_column_int64(q, 1);
    *mtime = sqlite3_column_int64(q, 2);
    *hash = sqlite3_column_int64(q, 3);
    *case_id = sqlite3_column_int64(q, 4);
    if (dir) gv_copy(dir, dirlen, col_text(q, 5), strlen(col_text(q, 5)));
    sqlite3_reset(q);
    return 1;
  }
  sqlite3_reset(q);
  if (rc == SQLITE_DONE) return 0;
  st_db(s, rc, "looking up a file");
  return -1;
}

/* Removes an indexed path that is gone.  *how = REMOVED when it was there. */
static gavel_status remove_path(gavel_store *s, const char *path,
                                gavel_index_result *how) {
  sqlite3_int64 id, cid;
  int64_t size, mtime, hash;
  int f = file_get(s, path, &id, &size, &mtime, &hash, &cid, NULL, 0);
  if (f < 0) return GAVEL_ERR_DB;
  *how = f ? GAVEL_INDEX_REMOVED : GAVEL_INDEX_SKIPPED;
  if (!f) return GAVEL_OK;
  gavel_status st = begin(s, "removing a file");
  if (st != GAVEL_OK) return st;
  int rc = drop_file(s, id, cid);
  if (rc != SQLITE_DONE) return rollback(s, st_db(s, rc, "removing a file"));
  return commit(s, "removing a file");
}

static int read_whole(const char *path, size_t size, char **out, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  size_t n = 0;
  *out = NULL;
  if (!f) return -1;
  if (!(buf = malloc(size + 1))) {
    fclose(f);
    errno = ENOMEM;
    return -1;
  }
  n = fread(buf, 1, size + 1, f);
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    errno = EIO;
    return -1;
  }
  if (n > size) n = size; /* grew while reading: take what stat said */
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}

/* Indexes an absolute, resolved path. */
static gavel_status index_real(gavel_store *s, const char *path,
                               gavel_day today, gavel_index_result *how) {
  struct stat sb;
  sqlite3_int64 id = 0, cid = 0, ncid = 0;
  int64_t size = 0, mtime = 0, hash = 0;
  char cdir[PATH_MAX], olddir[PATH_MAX], *text = NULL;
  size_t len = 0;
  gavel_status st;

  if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
    return remove_path(s, path, how);
  if (!case_of(s, path, cdir, sizeof cdir))
    return st_fail(s, GAVEL_ERR_IO, "%s: cannot resolve its folder", path);
  int found = file_get(s, path, &id, &size, &mtime, &hash, &cid, olddir,
                       sizeof olddir);
  if (found < 0) return GAVEL_ERR_DB;
  /* unchanged, and still in the same case (no .gavel marker came or went) */
  if (found && size == (int64_t)sb.st_size && mtime == mtime_ns(&sb) &&
      strcmp(olddir, cdir) == 0) {
    *how = GAVEL_INDEX_SKIPPED;
    return GAVEL_OK;
  }
  if ((uint64_t)sb.st_size > ST_MAX_FILE) {
    *how = GAVEL_INDEX_FAILED;
    st_fail(s, GAVEL_OK, "%s: larger than 64 MiB; not indexed", path);
    return GAVEL_OK;
  }
  if (read_whole(path, (size_t)sb.st_size, &text, &len) != 0) {
    *how = GAVEL_INDEX_FAILED;
    st_fail(s, GAVEL_OK, "%s: %s", path, strerror(errno));
    return errno == ENOMEM ? GAVEL_ERR_NOMEM : GAVEL_OK;
  }
  int64_t h = (int64_t)fnv1a64(text, len);
  if (found && size == (int64_t)len && hash == h && strcmp(olddir, cdir) == 0) {
    free(text);
    *how = GAVEL_INDEX_SKIPPED;
    if (s->readonly) return GAVEL_OK;
    if ((st = begin(s, "updating a file")) != GAVEL_OK) return st;
    sqlite3_stmt *q = stmt(s, Q_FILE_TOUCH);
    if (!q) return rollback(s, GAVEL_ERR_DB);
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, mtime_ns(&sb));
    int rc = run(q);
    if (rc != SQLITE_DONE) return rollback(s, st_db(s, rc, "updating a file"));
    return commit(s, "updating a file");
  }
  if (gavel_sniff(text, len) != GAVEL_OK) {
    free(text);
    st = remove_path(s, path, how);
    *how = GAVEL_INDEX_REMOVED;
    return st;
  }
  if (!s->doc && gavel_doc_new(s->e, &s->doc) != GAVEL_OK) {
    free(text);
    return st_fail(s, GAVEL_ERR_NOMEM, "out of memory");
  }
  st = gavel_doc_set_text(s->doc, text, len);
  free(text);
  if (st == GAVEL_OK) st = gavel_doc_analyze(s->doc, today, NULL, 0);
  if (st != GAVEL_OK) return st_fail(s, st, "%s: %s", path, gavel_status_str(st));

  if ((st = begin(s, "indexing a file")) != GAVEL_OK) return st;
  int rc = SQLITE_DONE;
  sqlite3_stmt *q;
  /* Re-read inside the transaction: another writer may have been first. */
  found = file_get(s, path, &id, &size, &mtime, &hash, &cid, NULL, 0);
  if (found < 0) return rollback(s, GAVEL_ERR_DB);
  if (found && (rc = drop_file(s, id, cid)) != SQLITE_DONE) goto fail;
  if (!(q = stmt(s, Q_CASE_ADD))) return rollback(s, GAVEL_ERR_DB);
  bind_text(q, 1, cdir);
  if ((rc = run(q)) != SQLITE_DONE) goto fail;
  if (!(q = stmt(s, Q_CASE_ID))) return rollback(s, GAVEL_ERR_DB);
  bind_text(q, 1, cdir);
  rc = sqlite3_step(q);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(q);
    goto fail;
  }
  ncid = sqlite3_column_int64(q, 0);
  sqlite3_reset(q);

  const gavel_summary *sum = gavel_doc_summary(s->doc);
  if (!(q = stmt(s, Q_FILE_ADD))) return rollback(s, GAVEL_ERR_DB);
  bind_text(q, 1, path);
  sqlite3_bind_int64(q, 2, ncid);
  sqlite3_bind_int64(q, 3, (sqlite3_int64)len);
  sqlite3_bind_int64(q, 4, mtime_ns(&sb));
  sqlite3_bind_int64(q, 5, h);
  sqlite3_bind_int64(q, 6, today);
  bind_text(q, 7, sum->name);
  bind_text(q, 8, sum->number);
  sqlite3_bind_int(q, 9, sum->state);
  sqlite3_bind_int64(q, 10, sum->last_response);
  sqlite3_bind_int64(q, 11, sum->last_client_contact);
  sqlite3_bind_int64(q, 12, sum->trial_day);
  sqlite3_bind_int64(q, 13, sum->prep_done);
  sqlite3_bind_int64(q, 14, sum->prep_open);
  if ((rc = run(q)) != SQLITE_DONE) goto fail;
  if ((rc = store_items(s, sqlite3_last_insert_rowid(s->db))) != SQLITE_DONE)
    goto fail;
  if (!(q = stmt(s, Q_CASE_NAME))) return rollback(s, GAVEL_ERR_DB);
  sqlite3_bind_int64(q, 1, ncid);
  if ((rc = run(q)) != SQLITE_DONE) goto fail;
  *how = GAVEL_INDEX_READ;
  return commit(s, "indexing a file");
fail:
  return rollback(s, st_db(s, rc, "indexing a file"));
}

static gavel_status check_write(gavel_store *s) {
  if (!s) return GAVEL_ERR_ARG;
  s->err[0] = '\0';
  /* markers may have come or gone since the last call */
  free(s->last_parent);
  free(s->last_case);
  s->last_parent = s->last_case = NULL;
  if (!s->e) return st_fail(s, GAVEL_ERR_ARG, "this store has no engine");
  if (s->readonly)
    return st_fail(s, GAVEL_ERR_IO,
                   "the case index %s is read-only: it is not being updated",
                   s->path);
  return GAVEL_OK;
}

gavel_status gavel_store_index_file(gavel_store *s, const char *path,
                                    gavel_day today, gavel_index_result *how) {
  gavel_index_result h = GAVEL_INDEX_SKIPPED;
  gavel_status st = check_write(s);
  if (how) *how = GAVEL_INDEX_FAILED;
  if (st != GAVEL_OK) return st;
  if (!path || !*path) return st_fail(s, GAVEL_ERR_ARG, "no file given");
  char *real = realpath(path, NULL);
  if (!real) {
    /* Gone: drop it under the absolute name it had. */
    char abs[PATH_MAX * 2];
    if (path[0] == '/') snprintf(abs, sizeof abs, "%s", path);
    else {
      char cwd[PATH_MAX];
      if (!getcwd(cwd, sizeof cwd)) return st_fail(s, GAVEL_ERR_IO, "no cwd");
      snprintf(abs, sizeof abs, "%s/%s", cwd, path);
    }
    st = remove_path(s, abs, &h);
  } else {
    st = index_real(s, real, today, &h);
    free(real);
  }
  if (how) *how = h;
  return st;
}

/* ---- walking a folder ------------------------------------------------- */

typedef struct walk_list {
  char **v;
  size_t n, cap;
} walk_list;

static int notes_name(const char *name) {
  static const char *const ext[] = {".md", ".markdown", ".txt", ".notes"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
    size_t k = strlen(ext[i]);
    if (n > k && strcmp(name + n - k, ext[i]) == 0) return 1;
  }
  return 0;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the notes files below dir (absolute) to l.  Returns 0, or -1 on
** out of memory; unreadable subfolders are skipped. */
static int walk(const char *dir, walk_list *l, int depth) {
  DIR *dp;
  struct dirent *de;
  if (depth > 64 || !(dp = opendir(dir))) return 0;
  while ((de = readdir(dp))) {
    struct stat sb;
    char *p;
    size_t n;
    if (de->d_name[0] == '.') continue;
    n = strlen(dir) + strlen(de->d_name) + 2;
    if (!(p = malloc(n))) goto oom;
    snprintf(p, n, "%s%s%s", dir, strcmp(dir, "/") ? "/" : "", de->d_name);
    if (lstat(p, &sb) != 0) {
      free(p);
      continue;
    }
    if (S_ISLNK(sb.st_mode) && (stat(p, &sb) != 0 || S_ISDIR(sb.st_mode))) {
      free(p); /* symlinked folders could loop */
      continue;
    }
    if (S_ISDIR(sb.st_mode)) {
      int rc = walk(p, l, depth + 1);
      free(p);
      if (rc) goto oom;
    } else if (S_ISREG(sb.st_mode) && notes_name(de->d_name)) {
      if (grow((void **)&l->v, &l->cap, l->n, sizeof *l->v) != 0) {
        free(p);
        goto oom;
      }
      l->v[l->n++] = p;
    } else {
      free(p);
    }
  }
  closedir(dp);
  return 0;
oom:
  closedir(dp);
  return -1;
}

static void walk_free(walk_list *l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
}

/* Removes indexed files below dir that the walk did not find. */
static gavel_status prune(gavel_store *s, const char *dir, const walk_list *l,
                          gavel_index_stats *stats) {
  char lo[PATH_MAX + 2], hi[PATH_MAX + 2];
  struct { sqlite3_int64 id, cid; } *gone = NULL;
  size_t ngone = 0, cap = 0;
  gavel_status st = GAVEL_OK;
  size_t n = strlen(dir);
  if (n + 2 > sizeof lo) return GAVEL_OK;
  snprintf(lo, sizeof lo, "%s/", strcmp(dir, "/") ? dir : "");
  snprintf(hi, sizeof hi, "%s0", strcmp(dir, "/") ? dir : "");
  sqlite3_stmt *q = stmt(s, Q_FILES_UNDER);
  if (!q) return GAVEL_ERR_DB;
  bind_text(q, 1, lo);
  bind_text(q, 2, hi);
  int rc;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    const char *p = col_text(q, 1);
    if (l->n && bsearch(&p, l->v, l->n, sizeof *l->v, cmp_str)) continue;
    if (grow((void **)&gone, &cap, ngone, sizeof *gone) != 0) {
      st = st_fail(s, GAVEL_ERR_NOMEM, "out of memory");
      break;
    }
    gone[ngone].id = sqlite3_column_int64(q, 0);
    gone[ngone].cid = sqlite3_column_int64(q, 2);
    ngone++;
  }
  sqlite3_reset(q);
  if (st == GAVEL_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    st = st_db(s, rc, "listing files");
  if (st == GAVEL_OK && ngone) {
    if ((st = begin(s, "removing files")) == GAVEL_OK) {
      rc = SQLITE_DONE;
      for (size_t i = 0; i < ngone && rc == SQLITE_DONE; i++)
        rc = drop_file(s, gone[i].id, gone[i].cid);
      if (rc != SQLITE_DONE) st = rollback(s, st_db(s, rc, "removing files"));
      else st = commit(s, "removing files");
      if (st == GAVEL_OK && stats) stats->removed += (uint32_t)ngone;
    }
  }
  free(gone);
  return st;
}

gavel_status gavel_store_index_dir(gavel_store *s, const char *dir,
                                   gavel_day today, gavel_progress_fn progress,
                                   void *ud, gavel_index_stats *stats) {
  walk_list l = {NULL, 0, 0};
  struct stat sb;
  gavel_status st = check_write(s);
  if (st != GAVEL_OK) return st;
  if (!dir || !*dir) return st_fail(s, GAVEL_ERR_ARG, "no folder given");
  char *real = realpath(dir, NULL);
  if (!real || stat(real, &sb) != 0) {
    free(real);
    return st_fail(s, GAVEL_ERR_IO, "%s: %s", dir, strerror(errno));
  }
  if (!S_ISDIR(sb.st_mode)) {
    gavel_index_result how;
    st = index_real(s, real, today, &how);
    free(real);
    if (st == GAVEL_OK && stats) {
      if (how == GAVEL_INDEX_READ) stats->read++;
      else if (how == GAVEL_INDEX_SKIPPED) stats->skipped++;
      else if (how == GAVEL_INDEX_REMOVED) stats->removed++;
      else stats->failed++;
    }
    return st;
  }
  if (walk(real, &l, 0) != 0) {
    walk_free(&l);
    free(real);
    return st_fail(s, GAVEL_ERR_NOMEM, "out of memory");
  }
  if (l.n > 1) qsort(l.v, l.n, sizeof *l.v, cmp_str);
  int stopped = 0;
  for (size_t i = 0; i < l.n && st == GAVEL_OK; i++) {
    gavel_index_result how;
    if (progress && progress(ud, i, l.n)) {
      stopped = 1;
      break;
    }
    st = index_real(s, l.v[i], today, &how);
    if (st != GAVEL_OK || !stats) continue;
    if (how == GAVEL_INDEX_READ) stats->read++;
    else if (how == GAVEL_INDEX_SKIPPED) stats->skipped++;
    else if (how == GAVEL_INDEX_REMOVED) stats->removed++;
    else stats->failed++;
  }
  if (st == GAVEL_OK && !stopped) {
    st = prune(s, real, &l, stats);
    if (st == GAVEL_OK && progress) progress(ud, l.n, l.n);
  }
  walk_free(&l);
  free(real);
  return st;
}

gavel_status gavel_store_forget(gavel_store *s, const char *case_dir,
                                uint32_t *nfiles) {
  char cdir[PATH_MAX];
  gavel_status st;
  int rc;
  if (nfiles) *nfiles = 0;
  if (!s) return GAVEL_ERR_ARG;
  s->err[0] = '\0';
  if (s->readonly)
    return st_fail(s, GAVEL_ERR_IO, "the case index %s is read-only", s->path);
  if (!case_dir || !*case_dir)
    return st_fail(s, GAVEL_ERR_ARG, "no case folder given");
  /* The folder as given (it may be gone), else the case it lies in. */
  char *real = realpath(case_dir, NULL);
  snprintf(cdir, sizeof cdir, "%s", real ? real : case_dir);
  free(real);
  if ((st = begin(s, "forgetting a case")) != GAVEL_OK) return st;
  sqlite3_stmt *q = stmt(s, Q_FORGET_N);
  if (!q) return rollback(s, GAVEL_ERR_DB);
  bind_text(q, 1, cdir);
  rc = sqlite3_step(q);
  int n = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
  sqlite3_reset(q);
  if (rc == SQLITE_ROW && n == 0 && gavel_store_case_dir(case_dir, cdir,
                                                         sizeof cdir)) {
    bind_text(q, 1, cdir);
    rc = sqlite3_step(q);
    n = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_reset(q);
  }
  if (rc != SQLITE_ROW) return rollback(s, st_db(s, rc, "forgetting a case"));
  if (!(q = stmt(s, Q_FORGET))) return rollback(s, GAVEL_ERR_DB);
  bind_text(q, 1, cdir);
  if ((rc = run(q)) != SQLITE_DONE)
    return rollback(s, st_db(s, rc, "forgetting a case"));
  if ((st = commit(s, "forgetting a case")) != GAVEL_OK) return st;
  if (nfiles) *nfiles = (uint32_t)n;
  /* secure_delete zeroed the freed pages in the WAL; copy them into the
  ** database and truncate the WAL so no old page survives in either. */
  for (int i = 0; i < ST_RETRIES; i++) {
    int log = 0, done = 0;
    rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                   &log, &done);
    if (rc == SQLITE_OK) break;
    nap(i);
  }
  if (rc != SQLITE_OK)
    return st_fail(s, GAVEL_ERR_BUSY,
                   "the case was forgotten, but another gavel still reads the "
                   "index; its text leaves the file when that one closes");
  return GAVEL_OK;
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

static void money_short(char *buf, size_t len, int64_t cents) {
  char digits[32], out[48];
  int64_t units = cents / 100;
  snprintf(digits, sizeof digits, "%lld", (long long)units);
  size_t n = strlen(digits), o = 0;
  for (size_t i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) out[o++] = ',';
    out[o++] = digits[i];
  }
  out[o] = '\0';
  if (cents % 100) gv_fmt(buf, len, "$%s.%02d", out, (int)(cents % 100));
  else gv_fmt(buf, len, "$%s", out);
}

char *gavel_terms_short(const gavel_terms *t, char *buf, size_t len) {
  char part[128], m[48];
  size_t o = 0;
  if (!buf || !len) return buf;
  buf[0] = '\0';
#define ADD(...)                                                            \
  do {                                                                      \
    snprintf(part, sizeof part, __VA_ARGS__);                               \
    if (o < len)                                                            \
      o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? "; " : "", part); \
  } while (0)
  if (t->charge[0]) ADD("%s", t->charge);
  if (t->time_served) ADD("time served");
  else if (t->custody_months >= 0)
    ADD("%ld mo custody%s", (long)t->custody_months,
        t->suspended ? " (suspended)" : "");
  if (t->probation_months >= 0) ADD("%ld mo probation", (long)t->probation_months);
  if (t->fine_cents >= 0) {
    money_short(m, sizeof m, t->fine_cents);
    ADD("%s fine", m);
  }
  if (t->restitution_cents >= 0) {
    money_short(m, sizeof m, t->restitution_cents);
    ADD("%s restitution", m);
  }
  if (t->counts_dismissed > 0)
    ADD("%ld count%s dismissed", (long)t->counts_dismissed,
        t->counts_dismissed == 1 ? "" : "s");
  if (t->diversion) ADD("diversion");
#undef ADD
  return buf;
}

static void terms_from(sqlite3_stmt *q, int c, gavel_terms *t) {
  memset(t, 0, sizeof *t);
  gv_copy(t->charge, sizeof t->charge, col_text(q, c),
          strlen(col_text(q, c)));
  t->custody_months = sqlite3_column_int(q, c + 1);
  t->probation_months = sqlite3_column_int(q, c + 2);
  t->fine_cents = sqlite3_column_int64(q, c + 3);
  t->restitution_cents = sqlite3_column_int64(q, c + 4);
  t->counts_dismissed = sqlite3_column_int(q, c + 5);
  t->diversion = (uint8_t)sqlite3_column_int(q, c + 6);
  t->time_served = (uint8_t)sqlite3_column_int(q, c + 7);
  t->suspended = (uint8_t)sqlite3_column_int(q, c + 8);
}

/* Splits "DEF-000123" into prefix length and number; -1 when no number. */
static long long id_number(const char *id, size_t *plen) {
  size_t n = strlen(id), i = n;
  while (i > 0 && id[i - 1] >= '0' && id[i - 1] <= '9') i--;
  *plen = i;
  if (i == n || n - i > 15) return -1;
  return strtoll(id + i, NULL, 10);
}

/* Does the evidence item (eid .. eid_end) name `id`? */
static int evid_match(const char *eid, const char *eid_end, const char *id) {
  size_t pa, pb, pi;
  if (strcmp(eid, id) == 0) return 1;
  if (!eid_end[0]) return 0;
  long long a = id_number(eid, &pa), b = id_number(eid_end, &pb),
            x = id_number(id, &pi);
  if (a < 0 || b < 0 || x < 0 || pa != pi || pb != pi) return 0;
  if (strncmp(eid, id, pi) != 0 || strncmp(eid_end, id, pi) != 0) return 0;
  return x >= a && x <= b;
}

/* Counts the distinct evidence ids referenced in case `cid` that no
** definition in the case covers.  Returns -1 on error. */
static long undefined_evidence(gavel_store *s, sqlite3_int64 cid) {
  struct { char *id, *end; } *defs = NULL;
  char **refs = NULL;
  size_t nd = 0, capd = 0, nr = 0, capr = 0;
  long count = 0;
  int bad = 0;
  sqlite3_stmt *q = stmt(s, Q_CASE_EVID);
  if (!q) return -1;
  sqlite3_bind_int64(q, 1, cid);
  sqlite3_bind_int(q, 2, GAVEL_EV_EVIDENCE_DEF);
  sqlite3_bind_int(q, 3, GAVEL_EV_EVIDENCE_REF);
  while (!bad && sqlite3_step(q) == SQLITE_ROW) {
    const char *id = col_text(q, 1), *end = col_text(q, 2);
    if (sqlite3_column_int(q, 0) == GAVEL_EV_EVIDENCE_DEF) {
      char *a = NULL, *b = NULL;
      if (grow((void **)&defs, &capd, nd, sizeof *defs) != 0 ||
          !(a = strdup(id)) || !(b = strdup(end))) {
        free(a);
        bad = 1;
      } else {
        defs[nd].id = a;
        defs[nd].end = b;
        nd++;
      }
    } else {
      size_t i;
      char *r = NULL;
      for (i = 0; i < nr && strcmp(refs[i], id) != 0; i++) {}
      if (i < nr) continue;
      if (grow((void **)&refs, &capr, nr, sizeof *refs) != 0 || !(r = strdup(id))) bad = 1;
      else refs[nr++] = r;
    }
  }
  sqlite3_reset(q);
  for (size_t i = 0; i < nr; i++) {
    size_t k;
    for (k = 0; k < nd && !evid_match(defs[k].id, defs[k].end, refs[i]); k++) {}
    if (k == nd) count++;
    free(refs[i]);
  }
  for (size_t k = 0; k < nd; k++) free(defs[k].id), free(defs[k].end);
  free(refs);
  free(defs);
  return bad ? -1 : count;
}

static const char *base_name(const char *dir) {
  const char *sl = strrchr(dir, '/');
  return sl && sl[1] ? sl + 1 : dir;
}

static int cmp_case(const void *a, const void *b) {
  const gavel_case_info *x = a, *y = b;
  int64_t dx = x->next_day == GAVEL_NO_DAY ? INT64_MAX : x->next_day;
  int64_t dy = y->next_day == GAVEL_NO_DAY ? INT64_MAX : y->next_day;
  if (dx != dy) return dx < dy ? -1 : 1;
  if (x->nwarnings != y->nwarnings) return x->nwarnings > y->nwarnings ? -1 : 1;
  int c = strcmp(x->name, y->name);
  return c ? c : strcmp(x->dir, y->dir);
}

/* Fills the per-case fields of c (id cid) as of today.  Returns a
** SQLite code (SQLITE_DONE when all went well). */
static int case_detail(gavel_store *s, sqlite3_int64 cid, gavel_day today,
                       gavel_case_info *c) {
  sqlite3_stmt *q;
  char buf[256];
  int rc;
  int last_event = -1, file_state = GAVEL_STATE_NONE;

  if (!(q = stmt(s, Q_CASE_OFFER))) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, cid);
  sqlite3_bind_int(q, 2, GAVEL_EV_OFFER);
  if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    gavel_terms t;
    terms_from(q, 4, &t);
    c->offer = keep(s, gavel_terms_short(&t, buf, sizeof buf));
    c->offer_row = (uint32_t)sqlite3_column_int64(q, 0);
    c->offer_day = sqlite3_column_int(q, 1);
    c->offer_expires = sqlite3_column_int(q, 2);
    c->offer_file = keep(s, col_text(q, 3));
    if (!c->offer || !c->offer_file) rc = SQLITE_NOMEM;
  } else if (rc == SQLITE_DONE) {
    c->offer = "";
  }
  sqlite3_reset(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return rc;

  if (!(q = stmt(s, Q_CASE_LAST))) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, cid);
  if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    last_event = sqlite3_column_int(q, 0);
    file_state = sqlite3_column_int(q, 2);
  }
  sqlite3_reset(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return rc;
  c->state = (uint8_t)file_state;
  /* An open offer that has since expired is open no longer. */
  if (c->state == GAVEL_STATE_OFFER_OPEN && c->offer_expires != GAVEL_NO_DAY &&
      c->offer_expires < today)
    c->state = GAVEL_STATE_NEGOTIATING;
  int offer_open = c->offer_file && last_event == GAVEL_EV_OFFER;

  c->next_day = GAVEL_NO_DAY;
  c->next_what = "";
  if (!(q = stmt(s, Q_CASE_NEXT))) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, cid);
  sqlite3_bind_int64(q, 2, today);
  sqlite3_bind_int(q, 3, GAVEL_EV_COURT_DATE);
  sqlite3_bind_int(q, 4, GAVEL_EV_DEADLINE);
  if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    c->next_day = sqlite3_column_int(q, 0);
    c->next_what = keep(s, col_text(q, 1)[0] ? col_text(q, 1)
                           : sqlite3_column_int(q, 4) == GAVEL_EV_DEADLINE
                               ? "deadline" : "court date");
    c->next_file = keep(s, col_text(q, 2));
    c->next_row = (uint32_t)sqlite3_column_int64(q, 3);
    if (!c->next_what || !c->next_file) rc = SQLITE_NOMEM;
  }
  sqlite3_reset(q);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return rc;
  if (offer_open && c->offer_expires != GAVEL_NO_DAY &&
      c->offer_expires >= today &&
      (c->next_day == GAVEL_NO_DAY || c->offer_expires < c->next_day)) {
    c->next_day = c->offer_expires;
    c->next_what = "offer expires";
    c->next_file = c->offer_file;
    c->next_row = c->offer_row;
  }

  if (!(q = stmt(s, Q_CASE_WARN))) return SQLITE_ERROR;
  sqlite3_bind_int64(q, 1, cid);
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    int code = sqlite3_column_int(q, 0);
    uint32_t k = (uint32_t)sqlite3_column_int(q, 1);
    if (code < 0 || code >= GAVEL_W_COUNT || code == GAVEL_W_UNDEFINED_EVIDENCE)
      continue;
    /* Warnings about a line (a deadline, a piece of evidence) add up over
    ** files; warnings about the negotiation as a whole would be repeated by
    ** every file that tells it, so the case counts the largest. */
    if (code == GAVEL_W_DEADLINE || code == GAVEL_W_STRONG_EVIDENCE)
      c->warnings[code] += k;
    else if (k > c->warnings[code])
      c->warnings[code] = k;
  }
  sqlite3_reset(q);
  if (rc != SQLITE_DONE) return rc;
  long und = undefined_evidence(s, cid);
  if (und < 0) return SQLITE_NOMEM;
  c->warnings[GAVEL_W_UNDEFINED_EVIDENCE] = (uint32_t)und;
  for (int k = 0; k < GAVEL_W_COUNT; k++) c->nwarnings += c->warnings[k];
  if (c->next_file) {
    c->open_file = c->next_file;
    c->open_row = c->next_row;
  } else if (c->offer_file) {
    c->open_file = c->offer_file;
    c->open_row = c->offer_row;
  }
  return SQLITE_DONE;
}

/* Starts a query: forgets the last results and message.  Returns 0, or
** -1 for a NULL store. */
static int query_start(gavel_store *s) {
  if (!s) return -1;
  s->err[0] = '\0';
  results_clear(s);
  return 0;
}

/* Ends a query: on success the array v becomes the store's result and n
** is returned; on failure v is freed, the reason kept, and 0 returned.
** Either way s->res is what the caller hands out. */
static size_t query_end(gavel_store *s, int rc, void *v, size_t n,
                        const char *doing) {
  if (rc != SQLITE_DONE) {
    st_db(s, rc, doing);
    free(v);
    return 0;
  }
  s->res = v;
  return n;
}

size_t gavel_store_cases(gavel_store *s, gavel_day today,
                         const gavel_case_info **out) {
  gavel_case_info *v = NULL;
  sqlite3_int64 *ids = NULL;
  size_t n = 0, cap = 0, capi = 0;
  int rc;
  *out = NULL;
  if (query_start(s) != 0) return 0;
  sqlite3_stmt *q = stmt(s, Q_CASES);
  if (!q) return 0;
  /* One read transaction: a consistent picture while others write. */
  if ((rc = exec_retry(s->db, "BEGIN", ST_RETRIES)) != SQLITE_OK) {
    st_db(s, rc, "reading cases");
    return 0;
  }
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (grow((void **)&v, &cap, n, sizeof *v) != 0 ||
        grow((void **)&ids, &capi, n, sizeof *ids) != 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    gavel_case_info *c = &v[n];
    memset(c, 0, sizeof *c);
    ids[n] = sqlite3_column_int64(q, 0);
    c->dir = keep(s, col_text(q, 1));
    c->name = keep(s, col_text(q, 2)[0] ? col_text(q, 2)
                                        : base_name(col_text(q, 1)));
    c->number = keep(s, col_text(q, 3));
    c->nfiles = (uint32_t)sqlite3_column_int(q, 4);
    c->last_response = sqlite3_column_int(q, 5);
    c->days_since_response =
        c->last_response == GAVEL_NO_DAY || today == GAVEL_NO_DAY
            ? -1 : today - c->last_response;
    c->open_file = keep(s, col_text(q, 6));
    c->open_row = 0;
    c->offer_day = c->offer_expires = GAVEL_NO_DAY;
    if (!c->dir || !c->name || !c->number || !c->open_file) {
      rc = SQLITE_NOMEM;
      break;
    }
    n++;
  }
  sqlite3_reset(q);
  for (size_t i = 0; i < n && rc == SQLITE_DONE; i++)
    rc = case_detail(s, ids[i], today, &v[i]);
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  free(ids);
  if (rc == SQLITE_DONE && n) qsort(v, n, sizeof *v, cmp_case);
  n = query_end(s, rc, v, n, "reading cases");
  *out = s->res;
  return n;
}

size_t gavel_store_agenda(gavel_store *s, gavel_day from, gavel_day to,
                          const gavel_agenda_item **out) {
  gavel_agenda_item *v = NULL;
  size_t n = 0, cap = 0;
  int rc;
  *out = NULL;
  if (query_start(s) != 0) return 0;
  if ((rc = exec_retry(s->db, "BEGIN", ST_RETRIES)) != SQLITE_OK) {
    st_db(s, rc, "reading the agenda");
    return 0;
  }
  sqlite3_stmt *q = stmt(s, Q_AGENDA);
  if (!q) rc = SQLITE_ERROR;
  else {
    sqlite3_bind_int64(q, 1, from);
    sqlite3_bind_int64(q, 2, to);
    sqlite3_bind_int(q, 3, GAVEL_EV_COURT_DATE);
    sqlite3_bind_int(q, 4, GAVEL_EV_DEADLINE);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      gavel_day day = sqlite3_column_int(q, 0);
      int ev = sqlite3_column_int(q, 2);
      const char *what = col_text(q, 3), *dir = col_text(q, 6);
      if (!what[0]) what = ev == GAVEL_EV_DEADLINE ? "deadline" : "court date";
      size_t k;
      /* the same setting written twice: keep the first (timed) mention */
      for (k = n; k > 0 && v[k - 1].day == day; k--)
        if (v[k - 1].event == ev && strcmp(v[k - 1].what, what) == 0 &&
            strcmp(v[k - 1].case_dir, dir) == 0)
          break;
      if (k > 0 && v[k - 1].day == day) continue;
      if (grow((void **)&v, &cap, n, sizeof *v) != 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      gavel_agenda_item *a = &v[n];
      a->day = day;
      a->minute = (int16_t)sqlite3_column_int(q, 1);
      a->event = (uint8_t)ev;
      a->what = keep(s, what);
      a->file = keep(s, col_text(q, 4));
      a->row = (uint32_t)sqlite3_column_int64(q, 5);
      a->case_dir = keep(s, dir);
      a->case_name = keep(s, col_text(q, 7)[0] ? col_text(q, 7) : base_name(dir));
      if (!a->what || !a->file || !a->case_dir || !a->case_name) {
        rc = SQLITE_NOMEM;
        break;
      }
      n++;
    }
    sqlite3_reset(q);
  }
  if (rc == SQLITE_DONE && (q = stmt(s, Q_AGENDA_OFFERS))) {
    sqlite3_bind_int64(q, 1, from);
    sqlite3_bind_int64(q, 2, to);
    sqlite3_bind_int(q, 3, GAVEL_EV_OFFER);
    sqlite3_bind_int(q, 4, GAVEL_EV_REJECT);
    sqlite3_bind_int(q, 5, GAVEL_EV_ACCEPT);
    sqlite3_bind_int(q, 6, GAVEL_EV_WITHDRAW);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      if (grow((void **)&v, &cap, n, sizeof *v) != 0) {
        rc = SQLITE_NOMEM;
        break;
      }
      gavel_agenda_item *a = &v[n];
      const char *dir = col_text(q, 3);
      a->day = sqlite3_column_int(q, 0);
      a->minute = -1;
      a->event = GAVEL_EV_OFFER;
      a->what = "offer expires";
      a->row = (uint32_t)sqlite3_column_int64(q, 1);
      a->file = keep(s, col_text(q, 2));
      a->case_dir = keep(s, dir);
      a->case_name = keep(s, col_text(q, 4)[0] ? col_text(q, 4) : base_name(dir));
      if (!a->file || !a->case_dir || !a->case_name) {
        rc = SQLITE_NOMEM;
        break;
      }
      n++;
    }
    sqlite3_reset(q);
  } else if (rc == SQLITE_DONE) {
    rc = SQLITE_ERROR;
  }
  sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
  if (rc == SQLITE_DONE) {
    /* Stable merge by day, then time (untimed first), then case. */
    for (size_t i = 1; i < n; i++) {
      gavel_agenda_item t = v[i];
      size_t j = i;
      while (j > 0 && (v[j - 1].day > t.day ||
                       (v[j - 1].day == t.day && v[j - 1].minute > t.minute)))
        v[j] = v[j - 1], j--;
      v[j] = t;
    }
  }
  n = query_end(s, rc, v, n, "reading the agenda");
  *out = s->res;
  return n;
}

size_t gavel_store_evidence(gavel_store *s, const char *case_dir,
                            const char *id, const gavel_evidence_hit **out) {
  gavel_evidence_hit *v = NULL;
  size_t n = 0, cap = 0;
  char cdir[PATH_MAX];
  int rc;
  *out = NULL;
  if (query_start(s) != 0) return 0;
  if (!case_dir || !id) return 0;
  if (!gavel_store_case_dir(case_dir, cdir, sizeof cdir))
    snprintf(cdir, sizeof cdir, "%s", case_dir);
  sqlite3_stmt *q = stmt(s, Q_EVIDENCE);
  if (!q) return 0;
  bind_text(q, 1, cdir);
  sqlite3_bind_int(q, 2, GAVEL_EV_EVIDENCE_DEF);
  sqlite3_bind_int(q, 3, GAVEL_EV_EVIDENCE_REF);
  bind_text(q, 4, id);
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (!evid_match(col_text(q, 1), col_text(q, 2), id)) continue;
    if (grow((void **)&v, &cap, n, sizeof *v) != 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    v[n].event = (uint8_t)sqlite3_column_int(q, 0);
    v[n].file = keep(s, col_text(q, 3));
    v[n].row = (uint32_t)sqlite3_column_int64(q, 4);
    v[n].col = (uint32_t)sqlite3_column_int64(q, 5);
    v[n].end_col = (uint32_t)sqlite3_column_int64(q, 6);
    if (!v[n].file) {
      rc = SQLITE_NOMEM;
      break;
    }
    n++;
  }
  sqlite3_reset(q);
  n = query_end(s, rc, v, n, "looking up evidence");
  *out = s->res;
  return n;
}

size_t gavel_store_rounds(gavel_store *s, const gavel_store_round **out) {
  gavel_store_round *v = NULL;
  size_t n = 0, cap = 0;
  int rc;
  *out = NULL;
  if (query_start(s) != 0) return 0;
  sqlite3_stmt *q = stmt(s, Q_ROUNDS);
  if (!q) return 0;
  while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
    if (grow((void **)&v, &cap, n, sizeof *v) != 0) {
      rc = SQLITE_NOMEM;
      break;
    }
    gavel_store_round *r = &v[n];
    const char *dir = col_text(q, 0);
    r->case_dir = keep(s, dir);
    r->case_name = keep(s, col_text(q, 1)[0] ? col_text(q, 1) : base_name(dir));
    r->case_number = keep(s, col_text(q, 2));
    r->file = keep(s, col_text(q, 3));
    r->row = (uint32_t)sqlite3_column_int64(q, 4);
    r->day = sqlite3_column_int(q, 5);
    r->event = (uint8_t)sqlite3_column_int(q, 6);
    r->party = (uint8_t)sqlite3_column_int(q, 7);
    r->who = keep(s, col_text(q, 8));
    r->change = keep(s, col_text(q, 9));
    terms_from(q, 10, &r->terms);
    r->expires = sqlite3_column_int(q, 19);
    if (!r->case_dir || !r->case_name || !r->case_number || !r->file ||
        !r->who || !r->change) {
      rc = SQLITE_NOMEM;
      break;
    }
    n++;
  }
  sqlite3_reset(q);
  n = query_end(s, rc, v, n, "reading the timeline");
  *out = s->res;
  return n;
}
