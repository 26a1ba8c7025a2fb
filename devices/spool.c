/*
 * spool.c - the unit record queues in SQLite (spool.h has the schema,
 * the workload and the transaction rules).
 *
 * States of a spool connection:
 *
 *     idle --spool_begin()--> in transaction --spool_commit()--> idle
 *                               |  (any failing call: rollback)   ^
 *                               +---------------------------------+
 *
 * Invariant: in_txn is true iff SQLite has a transaction open on db
 * (spool_assert_state()).
 */
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "spool.h"

/* The prepared statements, one place. */
#define SPOOL_STMTS(X) \
    X(ST_NEXT, "SELECT id, queue, coalesce(devaddr, -1), devtype, name, state, pos, records," \
               " created FROM files WHERE queue='reader' AND state<>'read'" \
               " AND (devaddr IS NULL OR devaddr=?1) ORDER BY id LIMIT 1") \
    X(ST_GET, "SELECT id, queue, coalesce(devaddr, -1), devtype, name, state, pos, records," \
              " created FROM files WHERE id=?1") \
    X(ST_LIST, "SELECT id, queue, coalesce(devaddr, -1), devtype, name, state, pos, records," \
               " created FROM files WHERE ?1 IS NULL OR queue=?1 ORDER BY id") \
    X(ST_CARD, "SELECT data FROM records WHERE file=?1 AND seq=?2") \
    X(ST_RECS, "SELECT cmd, data FROM records WHERE file=?1 ORDER BY seq") \
    X(ST_NEWFILE, "INSERT INTO files(queue, devaddr, devtype, name, state, pos, records, created)" \
                  " VALUES(?1, ?2, ?3, ?4, ?5, 0, 0, ?6)") \
    X(ST_APPEND, "INSERT INTO records(file, seq, cmd, data) VALUES(?1, ?2, ?3, ?4)") \
    X(ST_COUNT, "UPDATE files SET records=records+1 WHERE id=?1") \
    X(ST_POS, "UPDATE files SET pos=?2, state=?3 WHERE id=?1") \
    X(ST_CLOSE, "UPDATE files SET state='closed' WHERE id=?1 AND state='open'") \
    X(ST_DELRECS, "DELETE FROM records WHERE file=?1") \
    X(ST_DELFILE, "DELETE FROM files WHERE id=?1")

#define ST_ENUM(name, sql) name,
enum { SPOOL_STMTS(ST_ENUM) ST_N };
#define ST_SQL(name, sql) sql,
static const char *const stmt_sql[] = {SPOOL_STMTS(ST_SQL)};

struct spool {
    sqlite3 *db;
    char *path;
    bool in_txn;
    sqlite3_stmt *st[ST_N];
    const struct spool_store_ops *ops;
    void *ctx;
    char err[400];
};

static const char *const queue_names[SPOOL_NQUEUES] = {"reader", "punch", "printer"};

const char *spool_queue_name(enum spool_queue q)
{
    return q < SPOOL_NQUEUES ? queue_names[q] : "?";
}

int spool_queue_find(const char *name)
{
    for (int i = 0; i < SPOOL_NQUEUES; i++)
        if (!strcmp(name, queue_names[i]))
            return i;
    return -1;
}

static int sq_step(void *ctx, sqlite3_stmt *st) { (void)ctx; return sqlite3_step(st); }
static int sq_exec(void *ctx, sqlite3 *db, const char *sql)
{
    (void)ctx;
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}
const struct spool_store_ops spool_sqlite_store = {.step = sq_step, .exec = sq_exec};

static void serr(struct spool *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(s->err, sizeof s->err, "%s: ", s->path);
    if (n > 0 && (size_t)n < sizeof s->err)
        vsnprintf(s->err + n, sizeof s->err - (size_t)n, fmt, ap);
    va_end(ap);
}

static const char *why(int rc)
{
    switch (rc) {
    case SQLITE_NOTADB: return "not an SQLite database";
    case SQLITE_CORRUPT: return "the database is corrupt or truncated";
    default: return sqlite3_errstr(rc);
    }
}

const char *spool_path(const struct spool *s) { return s->path; }
const char *spool_error(const struct spool *s) { return s->err; }

void spool_set_store(struct spool *s, const struct spool_store_ops *ops, void *ctx)
{
    s->ops = ops ? ops : &spool_sqlite_store;
    s->ctx = ctx;
}

static void spool_assert_state(const struct spool *s)
{
    (void)s;
    assert(s->in_txn == !sqlite3_get_autocommit(s->db));
}

static int exec(struct spool *s, const char *sql)
{
    int rc = s->ops->exec(s->ctx, s->db, sql);
    if (rc != SQLITE_OK)
        serr(s, "%s: %s", sql, why(rc));
    return rc == SQLITE_OK ? 0 : -1;
}

void spool_rollback(struct spool *s)
{
    /* Recovery goes straight to SQLite: it must not be injected away. */
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_txn = false;
}

int spool_begin(struct spool *s)
{
    spool_assert_state(s);
    if (s->in_txn)
        return 0;
    if (exec(s, "BEGIN IMMEDIATE")) {
        spool_rollback(s);
        return -1;
    }
    s->in_txn = true;
    return 0;
}

int spool_commit(struct spool *s)
{
    spool_assert_state(s);
    if (!s->in_txn)
        return 0;
    if (exec(s, "COMMIT")) {
        spool_rollback(s);
        return -1;
    }
    s->in_txn = false;
    return 0;
}

/* Step statement i once through the store methods; the result code. */
static int step(struct spool *s, int i)
{
    return s->ops->step(s->ctx, s->st[i]);
}

static void reset(struct spool *s, int i)
{
    sqlite3_reset(s->st[i]);
    sqlite3_clear_bindings(s->st[i]);
}

/* Run a statement that returns no rows; on failure roll back. */
static int run(struct spool *s, int i, const char *what)
{
    int rc = step(s, i);
    reset(s, i);
    if (rc != SQLITE_DONE) {
        serr(s, "%s: %s", what, why(rc));
        spool_rollback(s);
        return -1;
    }
    return 0;
}

static void copy_text(char *dst, size_t n, const unsigned char *src)
{
    snprintf(dst, n, "%s", src ? (const char *)src : "");
}

static void row_to_file(sqlite3_stmt *st, struct spool_file *f)
{
    memset(f, 0, sizeof *f);
    f->id = sqlite3_column_int64(st, 0);
    int q = spool_queue_find((const char *)(sqlite3_column_text(st, 1) ? sqlite3_column_text(st, 1)
                                                                      : (const unsigned char *)""));
    f->queue = q < 0 ? SPOOL_NQUEUES : (enum spool_queue)q;
    f->devaddr = (int)sqlite3_column_int64(st, 2);
    copy_text(f->devtype, sizeof f->devtype, sqlite3_column_text(st, 3));
    copy_text(f->name, sizeof f->name, sqlite3_column_text(st, 4));
    copy_text(f->state, sizeof f->state, sqlite3_column_text(st, 5));
    f->pos = sqlite3_column_int64(st, 6);
    f->records = sqlite3_column_int64(st, 7);
    f->created = sqlite3_column_int64(st, 8);
}

/* One-row query through statement i: 1 (row in f), 0 none, -1 failure. */
static int one_file(struct spool *s, int i, struct spool_file *f, const char *what)
{
    int rc = step(s, i);
    int res = 1;
    if (rc == SQLITE_ROW) {
        row_to_file(s->st[i], f);
        if (f->queue == SPOOL_NQUEUES) {
            serr(s, "file %lld: unknown queue", f->id);
            res = -1;
        }
    } else if (rc == SQLITE_DONE) {
        res = 0;
    } else {
        serr(s, "%s: %s", what, why(rc));
        res = -1;
    }
    reset(s, i);
    return res;
}

int spool_queue_deck(struct spool *s, const char *name, int devaddr, const uint8_t *cards,
                     size_t ncards, long long *id)
{
    if (spool_begin(s))
        return -1;
    sqlite3_stmt *st = s->st[ST_NEWFILE];
    sqlite3_bind_text(st, 1, "reader", -1, SQLITE_STATIC);
    if (devaddr >= 0)
        sqlite3_bind_int(st, 2, devaddr);
    sqlite3_bind_text(st, 3, "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, "queued", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, (long long)time(NULL));
    if (run(s, ST_NEWFILE, "queueing a deck"))
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; i < ncards; i++)
        if (spool_append(s, *id, (long long)i, 0, cards + i * SPOOL_CARD, SPOOL_CARD))
            return -1;
    return spool_commit(s);
}

int spool_next_deck(struct spool *s, int devaddr, struct spool_file *f)
{
    sqlite3_bind_int(s->st[ST_NEXT], 1, devaddr);
    return one_file(s, ST_NEXT, f, "looking for a deck");
}

int spool_card(struct spool *s, long long file, long long seq, uint8_t card[SPOOL_CARD])
{
    sqlite3_bind_int64(s->st[ST_CARD], 1, file);
    sqlite3_bind_int64(s->st[ST_CARD], 2, seq);
    int rc = step(s, ST_CARD), res = 1;
    if (rc == SQLITE_ROW) {
        int n = sqlite3_column_bytes(s->st[ST_CARD], 0);
        const void *p = sqlite3_column_blob(s->st[ST_CARD], 0);
        if (n != SPOOL_CARD || !p) {
            serr(s, "reader file %lld card %lld: %d bytes, not 80", file, seq + 1, n);
            res = -1;
        } else {
            memcpy(card, p, SPOOL_CARD);
        }
    } else if (rc == SQLITE_DONE) {
        res = 0;
    } else {
        serr(s, "reading card %lld of file %lld: %s", seq + 1, file, why(rc));
        res = -1;
    }
    reset(s, ST_CARD);
    return res;
}

int spool_set_pos(struct spool *s, long long file, long long pos, bool done)
{
    sqlite3_bind_int64(s->st[ST_POS], 1, file);
    sqlite3_bind_int64(s->st[ST_POS], 2, pos);
    sqlite3_bind_text(s->st[ST_POS], 3, done ? "read" : "reading", -1, SQLITE_STATIC);
    return run(s, ST_POS, "recording the reader's position");
}

int spool_new_output(struct spool *s, enum spool_queue q, int devaddr, const char *devtype,
                     long long *id)
{
    sqlite3_stmt *st = s->st[ST_NEWFILE];
    sqlite3_bind_text(st, 1, spool_queue_name(q), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, devaddr);
    sqlite3_bind_text(st, 3, devtype, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, "open", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, (long long)time(NULL));
    if (run(s, ST_NEWFILE, "creating an output file"))
        return -1;
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int spool_append(struct spool *s, long long file, long long seq, uint8_t cmd, const uint8_t *data,
                 size_t len)
{
    sqlite3_stmt *st = s->st[ST_APPEND];
    sqlite3_bind_int64(st, 1, file);
    sqlite3_bind_int64(st, 2, seq);
    sqlite3_bind_int(st, 3, cmd);
    sqlite3_bind_blob(st, 4, len ? (const void *)data : "", (int)len, SQLITE_STATIC);
    if (run(s, ST_APPEND, "adding a record"))
        return -1;
    sqlite3_bind_int64(s->st[ST_COUNT], 1, file);
    return run(s, ST_COUNT, "counting a record");
}

int spool_close_output(struct spool *s, long long file)
{
    if (spool_begin(s))
        return -1;
    sqlite3_bind_int64(s->st[ST_CLOSE], 1, file);
    if (run(s, ST_CLOSE, "closing an output file"))
        return -1;
    return spool_commit(s);
}

int spool_list(struct spool *s, int q, int (*fn)(const struct spool_file *f, void *arg), void *arg)
{
    sqlite3_stmt *st = s->st[ST_LIST];
    if (q >= 0)
        sqlite3_bind_text(st, 1, spool_queue_name((enum spool_queue)q), -1, SQLITE_STATIC);
    int rc, res = 0;
    while ((rc = step(s, ST_LIST)) == SQLITE_ROW) {
        struct spool_file f;
        row_to_file(st, &f);
        if (fn(&f, arg))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        serr(s, "listing the files: %s", why(rc));
        res = -1;
    }
    reset(s, ST_LIST);
    return res;
}

int spool_get(struct spool *s, long long id, struct spool_file *f)
{
    sqlite3_bind_int64(s->st[ST_GET], 1, id);
    return one_file(s, ST_GET, f, "reading the file list");
}

int spool_records(struct spool *s, long long id,
                  int (*fn)(uint8_t cmd, const uint8_t *data, size_t len, void *arg), void *arg)
{
    sqlite3_stmt *st = s->st[ST_RECS];
    sqlite3_bind_int64(st, 1, id);
    int rc, res = 0;
    while ((rc = step(s, ST_RECS)) == SQLITE_ROW) {
        int cmd = sqlite3_column_int(st, 0);
        const uint8_t *p = sqlite3_column_blob(st, 1);
        int n = sqlite3_column_bytes(st, 1);
        if (cmd < 0 || cmd > 255 || n < 0) {
            serr(s, "file %lld: a malformed record", id);
            res = -1;
            break;
        }
        if (fn((uint8_t)cmd, p ? p : (const uint8_t *)"", (size_t)n, arg))
            break;
    }
    if (!res && rc != SQLITE_ROW && rc != SQLITE_DONE) {
        serr(s, "reading file %lld: %s", id, why(rc));
        res = -1;
    }
    reset(s, ST_RECS);
    return res;
}

int spool_purge(struct spool *s, long long id)
{
    struct spool_file f;
    int r = spool_get(s, id, &f);
    if (r <= 0)
        return r;
    if (spool_begin(s))
        return -1;
    sqlite3_bind_int64(s->st[ST_DELRECS], 1, id);
    if (run(s, ST_DELRECS, "deleting records"))
        return -1;
    sqlite3_bind_int64(s->st[ST_DELFILE], 1, id);
    if (run(s, ST_DELFILE, "deleting a file"))
        return -1;
    return spool_commit(s) ? -1 : 1;
}

/* --- opening ------------------------------------------------------------ */

static void close_db(struct spool *s)
{
    for (int i = 0; i < ST_N; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

void spool_close(struct spool *s)
{
    if (!s)
        return;
    spool_commit(s);
    close_db(s);
}

static long long query_int(struct spool *s, const char *sql)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        serr(s, "%s", why(rc));
        return -1;
    }
    rc = sqlite3_step(st);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    if (rc != SQLITE_ROW)
        serr(s, "%s", why(rc));
    sqlite3_finalize(st);
    return n;
}

static int create_schema(struct spool *s)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "PRAGMA journal_mode=WAL;"
             "BEGIN IMMEDIATE;"
             "PRAGMA application_id=%d; PRAGMA user_version=%d;"
             "CREATE TABLE files(id INTEGER PRIMARY KEY AUTOINCREMENT,"
             " queue TEXT NOT NULL CHECK(queue IN ('reader', 'punch', 'printer')),"
             " devaddr INTEGER, devtype TEXT NOT NULL, name TEXT NOT NULL, state TEXT NOT NULL,"
             " pos INTEGER NOT NULL, records INTEGER NOT NULL, created INTEGER NOT NULL);"
             "CREATE TABLE records(file INTEGER NOT NULL, seq INTEGER NOT NULL,"
             " cmd INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY(file, seq)) WITHOUT ROWID;"
             "COMMIT;",
             SPOOL_APP_ID, SPOOL_FORMAT);
    char *msg = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        serr(s, "creating the spool: %s", msg ? msg : why(rc));
        sqlite3_free(msg);
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

struct spool *spool_open(const char *path, bool create, char *err, size_t errlen)
{
    struct stat sb;
    bool exists = stat(path, &sb) == 0;
    if (!exists && (!create || errno != ENOENT)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (exists && !S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        return NULL;
    }
    struct spool *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    s->ops = &spool_sqlite_store;
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE),
                             NULL);
    if (rc != SQLITE_OK) {
        serr(s, "%s", why(rc));
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    if (!exists || sb.st_size == 0) {
        if (create_schema(s))
            goto fail;
    } else {
        long long app = query_int(s, "PRAGMA application_id");
        if (app < 0)
            goto fail;
        if (app != SPOOL_APP_ID) {
            serr(s, "an SQLite database, but not a cpcms spool");
            goto fail;
        }
        long long fmt = query_int(s, "PRAGMA user_version");
        if (fmt < 0)
            goto fail;
        if (fmt != SPOOL_FORMAT) {
            serr(s, "spool format %lld; this program reads format %d", fmt, SPOOL_FORMAT);
            goto fail;
        }
        if (exec(s, "PRAGMA journal_mode=WAL"))
            goto fail;
    }
    for (int i = 0; i < ST_N; i++) {
        rc = sqlite3_prepare_v2(s->db, stmt_sql[i], -1, &s->st[i], NULL);
        if (rc != SQLITE_OK) {
            serr(s, "%s", rc == SQLITE_ERROR ? "the spool's tables are missing or malformed" : why(rc));
            goto fail;
        }
    }
    /* In WAL mode NORMAL keeps every commit through a killed simulator
       (the commit is in the log the kernel holds) without a sync per
       channel program; a power cut may lose the last ones. */
    /* Walking the (small) file table finds most damage now; a damaged
       record is found when it is read and refused then. */
    if (exec(s, "PRAGMA synchronous=NORMAL") || query_int(s, "SELECT count(*) FROM files") < 0)
        goto fail;
    return s;
fail:
    snprintf(err, errlen, "%s", s->err);
    close_db(s);
    return NULL;
}
