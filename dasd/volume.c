/*
 * volume.c - DASD volumes in SQLite (volume.h has the schema, the
 * workload and the transaction rules).
 *
 * States of a volume:
 *
 *     idle --vol_write_track()--> writing --vol_commit()--> idle
 *       |                          ^  (any failing call: rollback)  ^
 *       |                          | begin(): the read one ends    |
 *       +--vol_read_track()--> reading --vol_commit(), when old----+
 *
 * A read begins a transaction that stays open for the reads after it
 * (READ_TXN_READS of them, for READ_TXN_NS at most), so that a read does
 * not take and drop SQLite's file locks each time (two fcntl calls, a
 * fifth of a random read's cost); another process's writes are seen
 * by the first read after that.
 *
 * Invariant: in_txn is true iff SQLite has a transaction open on db;
 * writing is true iff that transaction began with BEGIN IMMEDIATE.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "volume.h"
#include "track.h"

struct volume {
    sqlite3 *db;
    char *path;
    struct vol_info info;
    bool readonly;
    bool in_txn;
    bool writing;        /* the transaction is a write transaction */
    unsigned reads;      /* reads in the read transaction */
    long long read_since; /* when it began (monotonic ns) */
    sqlite3_stmt *get, *put;
    const struct vol_store_ops *ops;
    void *ctx;
    int lockfd;          /* vol_attach(): holds the shared "in use" lock, or -1 */
    int rc;              /* SQLite's result code for the last failure, 0 if it
                            was not a failing SQLite call (vol_failed()) */
    char err[300];
};

static int sq_step(void *ctx, sqlite3_stmt *st) { (void)ctx; return sqlite3_step(st); }
static int sq_exec(void *ctx, sqlite3 *db, const char *sql)
{
    (void)ctx;
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}
const struct vol_store_ops vol_sqlite_store = {.step = sq_step, .exec = sq_exec};

static void verr(struct volume *v, const char *fmt, ...)
{
    v->rc = 0;
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(v->err, sizeof v->err, "%s: ", v->path);
    if (n > 0 && (size_t)n < sizeof v->err)
        vsnprintf(v->err + n, sizeof v->err - (size_t)n, fmt, ap);
    va_end(ap);
}

/* The message for an SQLite result code. */
static const char *why(int rc)
{
    switch (rc) {
    case SQLITE_NOTADB: return "not an SQLite database";
    case SQLITE_CORRUPT: return "the database is corrupt or truncated";
    default: return sqlite3_errstr(rc);
    }
}

/* A storage method failed with rc: say so in v->err (with what was being
   done) and remember rc for vol_failed(). */
static void sqerr(struct volume *v, int rc, const char *what)
{
    verr(v, "%s: %s", what, why(rc));
    v->rc = rc;
}

bool vol_failed(const struct volume *v)
{
    switch (v->rc & 0xFF) {     /* the primary code of an extended one */
    case SQLITE_IOERR:          /* the host could not read or write the file */
    case SQLITE_CORRUPT:        /* what it read is not a sound database */
    case SQLITE_NOTADB:
    case SQLITE_FULL:           /* the file system is full */
    case SQLITE_CANTOPEN:       /* the file (or its WAL) cannot be opened */
    case SQLITE_READONLY:       /* the file cannot be written */
    case SQLITE_PERM:
    case SQLITE_NOLFS:
        return true;
    default:                    /* BUSY, LOCKED, NOMEM...: they may pass */
        return false;
    }
}

const struct vol_info *vol_info(const struct volume *v) { return &v->info; }
const char *vol_path(const struct volume *v) { return v->path; }
bool vol_readonly(const struct volume *v) { return v->readonly; }
const char *vol_error(const struct volume *v) { return v->err; }

void vol_set_store(struct volume *v, const struct vol_store_ops *ops, void *ctx)
{
    v->ops = ops ? ops : &vol_sqlite_store;
    v->ctx = ctx;
}

/* Run one statement that returns no rows through the store methods. */
static int exec(struct volume *v, const char *sql)
{
    int rc = v->ops->exec(v->ctx, v->db, sql);
    if (rc != SQLITE_OK)
        sqerr(v, rc, sql);
    return rc;
}

#define READ_TXN_READS 256
#define READ_TXN_NS 20000000LL   /* 20 ms */

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void vol_rollback(struct volume *v)
{
    if (!v->in_txn)
        return;
    /* Recovery goes straight to SQLite: it must not be injected away. */
    sqlite3_exec(v->db, "ROLLBACK", NULL, NULL, NULL);
    v->in_txn = v->writing = !sqlite3_get_autocommit(v->db);
}

/* Commit the open transaction, read or write, if any. */
static int end_txn(struct volume *v)
{
    assert(v->in_txn == !sqlite3_get_autocommit(v->db));
    if (!v->in_txn)
        return 0;
    if (exec(v, "COMMIT") != SQLITE_OK) {
        vol_rollback(v);
        return -1;
    }
    v->in_txn = v->writing = false;
    return 0;
}

/* Begin the write transaction, ending a read one first. */
static int begin(struct volume *v)
{
    if (v->writing)
        return 0;
    if (end_txn(v))
        return -1;
    if (exec(v, "BEGIN IMMEDIATE") != SQLITE_OK) {
        if (!sqlite3_get_autocommit(v->db))
            sqlite3_exec(v->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    v->in_txn = v->writing = true;
    return 0;
}

/* Is the read transaction old enough to end (or none open)? */
static bool read_txn_done(const struct volume *v)
{
    return !v->in_txn ||
           (!v->writing && (v->reads >= READ_TXN_READS || now_ns() - v->read_since >= READ_TXN_NS));
}

/* Before a read: a read transaction of less than READ_TXN_NS, or the
   write transaction. */
static int begin_read(struct volume *v)
{
    if (!read_txn_done(v))
        return 0;
    if (end_txn(v) || exec(v, "BEGIN") != SQLITE_OK)
        return -1;
    v->in_txn = true;
    v->reads = 0;
    v->read_since = now_ns();
    return 0;
}

int vol_commit(struct volume *v)
{
    if (!v->writing && !read_txn_done(v))
        return 0;   /* a young read transaction stays open */
    return end_txn(v);
}

int vol_read_track(struct volume *v, unsigned trk, uint8_t *buf, size_t *len)
{
    if (trk >= v->info.cyls * v->info.heads) {
        verr(v, "track %u is outside the volume", trk);
        return -1;
    }
    if (begin_read(v))
        return -1;
    v->reads++;
    sqlite3_reset(v->get);
    sqlite3_bind_int64(v->get, 1, trk);
    int rc = v->ops->step(v->ctx, v->get);
    if (rc == SQLITE_DONE) {
        if (v->info.blocks)
            verr(v, "row %u (blocks %u-%u) is missing", trk, trk * v->info.type->bpg,
                 trk * v->info.type->bpg + vol_row_blocks(&v->info, trk) - 1);
        else
            verr(v, "track %u (cylinder %u head %u) is missing", trk, trk / v->info.heads,
                 trk % v->info.heads);
        sqlite3_reset(v->get);
        return -1;
    }
    if (rc != SQLITE_ROW) {
        char what[32];
        snprintf(what, sizeof what, "reading %s %u", v->info.blocks ? "row" : "track", trk);
        sqerr(v, rc, what);
        sqlite3_reset(v->get);
        vol_rollback(v);
        return -1;
    }
    int n = sqlite3_column_bytes(v->get, 0);
    const void *p = sqlite3_column_blob(v->get, 0);
    if (n < TRK_HA_LEN || n > DASD_MAX_TRACK || !p) {
        verr(v, "track %u: image of %d bytes", trk, n);
        sqlite3_reset(v->get);
        return -1;
    }
    memcpy(buf, p, (size_t)n);
    *len = (size_t)n;
    sqlite3_reset(v->get);
    return 0;
}

int vol_write_track(struct volume *v, unsigned trk, const uint8_t *buf, size_t len)
{
    if (v->readonly) {
        verr(v, "the volume is attached read-only");
        return -1;
    }
    if (begin(v))
        return -1;
    sqlite3_reset(v->put);
    sqlite3_bind_int64(v->put, 1, trk);
    sqlite3_bind_blob(v->put, 2, buf, (int)len, SQLITE_STATIC);
    int rc = v->ops->step(v->ctx, v->put);
    sqlite3_reset(v->put);
    sqlite3_clear_bindings(v->put);
    if (rc != SQLITE_DONE) {
        char what[32];
        snprintf(what, sizeof what, "writing %s %u", v->info.blocks ? "row" : "track", trk);
        sqerr(v, rc, what);
        vol_rollback(v);
        return -1;
    }
    return 0;
}

static const char *const sync_names[] = {"fast", "durable", "synced"};
static const char *const sync_pragmas[] = {"OFF", "NORMAL", "FULL"};

const char *vol_sync_name(enum vol_sync s)
{
    return s <= VOL_SYNCED ? sync_names[s] : "?";
}

const char *vol_sync_pragma(enum vol_sync s)
{
    return s <= VOL_SYNCED ? sync_pragmas[s] : "?";
}

int vol_sync_named(const char *name)
{
    for (int s = VOL_FAST; s <= VOL_SYNCED; s++)
        if (!strcmp(name, sync_names[s]))
            return s;
    return -1;
}

static int set_sync(struct volume *v)
{
    if (v->readonly)
        return 0;
    char sql[40];
    snprintf(sql, sizeof sql, "PRAGMA synchronous=%s", vol_sync_pragma(v->info.sync));
    return exec(v, sql) ? -1 : 0;
}

int vol_set_sync(struct volume *v, enum vol_sync sync)
{
    if (v->readonly) {
        verr(v, "the volume is attached read-only");
        return -1;
    }
    if (end_txn(v))
        return -1;
    char sql[64];
    snprintf(sql, sizeof sql, "UPDATE volume SET durable=%d", (int)sync);
    if (exec(v, sql))
        return -1;
    v->info.sync = sync;
    return set_sync(v);
}

static void close_db(struct volume *v)
{
    sqlite3_finalize(v->get);
    sqlite3_finalize(v->put);
    sqlite3_close(v->db);
    /* Closed after SQLite's own descriptors: closing any descriptor of
       the file drops this process's fcntl locks on it, SQLite's too. */
    if (v->lockfd >= 0)
        close(v->lockfd);
    free(v->path);
    free(v);
}

void vol_close(struct volume *v)
{
    if (!v)
        return;
    end_txn(v);
    close_db(v);
}

static struct volume *vol_new(const char *path)
{
    struct volume *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->path = strdup(path);
    v->ops = &vol_sqlite_store;
    v->lockfd = -1;
    if (!v->path) {
        free(v);
        return NULL;
    }
    return v;
}

static int prepare(struct volume *v)
{
    int rc = sqlite3_prepare_v2(v->db, "SELECT image FROM tracks WHERE track=?", -1, &v->get, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(v->db, "INSERT OR REPLACE INTO tracks(track, image) VALUES(?, ?)",
                                -1, &v->put, NULL);
    if (rc != SQLITE_OK)
        verr(v, "%s", rc == SQLITE_ERROR ? "no tracks table: not a cpcms volume" : why(rc));
    return rc == SQLITE_OK ? 0 : -1;
}

/* An integer from a one-row query; -1 with v->err set on failure. */
static long long query_int(struct volume *v, const char *sql)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(v->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        verr(v, "%s", why(rc));
        return -1;
    }
    rc = sqlite3_step(st);
    long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    if (rc != SQLITE_ROW)
        verr(v, "%s", why(rc));
    sqlite3_finalize(st);
    return n;
}

static bool volser_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 6)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || strchr("$#@-", s[i])))
            return false;
    return true;
}

unsigned vol_row_blocks(const struct vol_info *i, unsigned row)
{
    unsigned bpg = i->type->bpg, first = row * bpg;
    if (!i->blocks || row >= i->cyls)
        return 0;
    return i->blocks - first < bpg ? i->blocks - first : bpg;
}

/*
 * The page size of a new volume file: the smallest that holds a full
 * track (or FBA row) in one b-tree page, without a chain of overflow pages
 * to walk on every read (SQLite keeps up to page size - 35 bytes of a row
 * in the page).  Between 4K and 64K.
 */
static unsigned vol_page_size(const struct dasd_type *t)
{
    size_t full = t->fba ? (size_t)t->bpg * t->blksize
                         : TRK_HA_LEN + 2 * TRK_COUNT_LEN + 8 + t->r1max + TRK_COUNT_LEN;
    unsigned ps = 4096;
    while (ps < 65536 && full + 40 > ps)
        ps *= 2;
    return ps;
}

int vol_create(const char *path, const struct dasd_type *t, unsigned cyls, const char *volser,
               enum vol_sync sync, void (*progress)(unsigned done, unsigned total, void *arg),
               void *arg, char *err, size_t errlen)
{
    if (t->fba && (cyls < 1 || cyls > t->blocks)) {
        snprintf(err, errlen, "%s: a %s has 1 to %u blocks, not %u", path, t->name, t->blocks, cyls);
        return -1;
    }
    if (!t->fba && (cyls < 1 || cyls > t->cyls + t->altcyls)) {
        snprintf(err, errlen, "%s: a %s has 1 to %u cylinders, not %u", path, t->name,
                 t->cyls + t->altcyls, cyls);
        return -1;
    }
    if (!volser_ok(volser)) {
        snprintf(err, errlen, "%s: volume serial '%s': give 1-6 of A-Z 0-9 $ # @ -", path, volser);
        return -1;
    }
    struct stat sb;
    if (stat(path, &sb) == 0) {
        snprintf(err, errlen, "%s: the file exists", path);
        return -1;
    }
    struct volume *v = vol_new(path);
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    int rc = sqlite3_open_v2(path, &v->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, why(rc));
        close_db(v);
        return -1;
    }
    char sql[512];
    snprintf(sql, sizeof sql,
             "PRAGMA page_size=%u; "
             "PRAGMA application_id=%d; PRAGMA user_version=%d; PRAGMA journal_mode=WAL;"
             "PRAGMA synchronous=OFF;"
             "CREATE TABLE volume(format INTEGER NOT NULL, devtype TEXT NOT NULL,"
             " cylinders INTEGER NOT NULL, heads INTEGER NOT NULL, volser TEXT NOT NULL,"
             " created INTEGER NOT NULL, durable INTEGER NOT NULL);"
             "CREATE TABLE tracks(track INTEGER PRIMARY KEY, image BLOB NOT NULL);",
             vol_page_size(t), VOL_APP_ID, VOL_FORMAT);
    v->info = (struct vol_info){t, cyls, t->heads, 0, "", (long long)time(NULL), VOL_FORMAT, sync};
    if (t->fba)
        v->info = (struct vol_info){t, (cyls + t->bpg - 1) / t->bpg, 1, cyls, "",
                                    (long long)time(NULL), VOL_FORMAT, sync};
    snprintf(v->info.volser, sizeof v->info.volser, "%s", volser);
    if (exec(v, sql) || prepare(v) || begin(v))
        goto fail;
    snprintf(sql, sizeof sql, "INSERT INTO volume VALUES(%d, '%s', %u, %u, '%s', %lld, %d)",
             VOL_FORMAT, t->name, cyls, t->fba ? t->bpg : t->heads, volser, v->info.created,
             (int)sync);
    if (exec(v, sql))
        goto fail;
    if (t->fba) {
        /* Every block zeros, a row (one device track) at a time. */
        static const uint8_t zeros[DASD_MAX_TRACK];
        for (unsigned r = 0; r < v->info.cyls; r++) {
            if (vol_write_track(v, r, zeros, (size_t)vol_row_blocks(&v->info, r) * t->blksize))
                goto fail;
            if (progress && (r % 64 == 63 || r + 1 == v->info.cyls))
                progress(r + 1, v->info.cyls, arg);
        }
        cyls = 0;   /* no CKD tracks */
    }
    uint8_t buf[TRK_EMPTY_LEN];
    for (unsigned c = 0; c < cyls; c++) {
        for (unsigned h = 0; h < t->heads; h++) {
            size_t n = trk_format_empty(buf, c, h);
            if (vol_write_track(v, c * t->heads + h, buf, n))
                goto fail;
        }
        if (progress)
            progress(c + 1, cyls, arg);
    }
    if (vol_commit(v))
        goto fail;
    close_db(v);
    return 0;
fail:
    snprintf(err, errlen, "%s", v->err);
    vol_rollback(v);
    close_db(v);
    unlink(path);
    return -1;
}

/* Read and check the header row. */
static int read_header(struct volume *v)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(v->db, "SELECT format, devtype, cylinders, heads, volser, created,"
                                " durable FROM volume", -1, &st, NULL);
    if (rc != SQLITE_OK) {
        verr(v, "%s", rc == SQLITE_ERROR ? "no volume header table" : why(rc));
        return -1;
    }
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        verr(v, "%s", rc == SQLITE_DONE ? "the volume header is empty" : why(rc));
        sqlite3_finalize(st);
        return -1;
    }
    struct vol_info *i = &v->info;
    i->format = sqlite3_column_int(st, 0);
    const char *type = (const char *)sqlite3_column_text(st, 1);
    long long cyls = sqlite3_column_int64(st, 2), heads = sqlite3_column_int64(st, 3);
    const char *volser = (const char *)sqlite3_column_text(st, 4);
    i->created = sqlite3_column_int64(st, 5);
    int sync = sqlite3_column_int(st, 6);
    i->sync = (enum vol_sync)sync;
    int res = -1;
    /* Copy before the next step: it invalidates the column text. */
    char vs[8] = "";
    if (volser && strlen(volser) < sizeof vs)
        strcpy(vs, volser);
    volser = volser ? vs : NULL;
    char tn[16] = "";
    if (type && strlen(type) < sizeof tn)
        strcpy(tn, type);
    type = type ? tn : NULL;
    if (i->format != VOL_FORMAT)
        verr(v, "volume format %d; this program reads format %d", i->format, VOL_FORMAT);
    else if (!type || !(i->type = dasd_type_find(type)))
        verr(v, "unknown device type '%s'", type ? type : "");
    else if (sync < VOL_FAST || sync > VOL_SYNCED)
        verr(v, "durability %d in the header; known are 0 (fast), 1 (durable), 2 (synced)", sync);
    else if (i->type->fba && (cyls < 1 || cyls > i->type->blocks))
        verr(v, "%lld blocks: a %s has 1 to %u", cyls, i->type->name, i->type->blocks);
    else if (i->type->fba && heads != i->type->bpg)
        verr(v, "%lld blocks per row: a %s has %u per track", heads, i->type->name, i->type->bpg);
    else if (!i->type->fba && (cyls < 1 || cyls > i->type->cyls + i->type->altcyls))
        verr(v, "%lld cylinders: a %s has 1 to %u", cyls, i->type->name,
             i->type->cyls + i->type->altcyls);
    else if (!i->type->fba && heads != i->type->heads)
        verr(v, "%lld heads: a %s has %u", heads, i->type->name, i->type->heads);
    else if (!volser || !volser_ok(volser))
        verr(v, "bad volume serial '%s'", volser ? volser : "");
    else if (sqlite3_step(st) != SQLITE_DONE)
        verr(v, "the volume header has more than one row");
    else
        res = 0;
    if (!res && i->type->fba) {
        i->blocks = (unsigned)cyls;
        i->cyls = (i->blocks + i->type->bpg - 1) / i->type->bpg;
        i->heads = 1;
        memcpy(i->volser, volser, strlen(volser) + 1);
    } else if (!res) {
        i->blocks = 0;
        i->cyls = (unsigned)cyls;
        i->heads = (unsigned)heads;
        memcpy(i->volser, volser, strlen(volser) + 1); /* volser_ok: 1-6 chars */
    }
    sqlite3_finalize(st);
    return res;
}

struct volume *vol_open(const char *path, bool readonly, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        return NULL;
    }
    if (sb.st_size < 512) {
        snprintf(err, errlen, "%s: %lld bytes: too short to be a volume", path, (long long)sb.st_size);
        return NULL;
    }
    struct volume *v = vol_new(path);
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    v->readonly = readonly;
    int rc = sqlite3_open_v2(path, &v->db, readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
                             NULL);
    if (rc != SQLITE_OK) {
        verr(v, "%s", why(rc));
        goto fail;
    }
    sqlite3_busy_timeout(v->db, 5000);
    long long app = query_int(v, "PRAGMA application_id");
    if (app < 0)
        goto fail;
    if (app != VOL_APP_ID) {
        verr(v, "an SQLite database, but not a cpcms volume");
        goto fail;
    }
    if (read_header(v) || prepare(v))
        goto fail;
    /* Walking the table reaches every page of the b-tree: a truncated or
       damaged file fails here rather than in the middle of a program. */
    long long n = query_int(v, "SELECT count(*) FROM tracks");
    if (n < 0)
        goto fail;
    if (n != (long long)v->info.cyls * v->info.heads) {
        verr(v, "the header says %u %s, the file holds %lld", v->info.cyls * v->info.heads,
             v->info.blocks ? "rows" : "tracks", n);
        goto fail;
    }
    long long lo = query_int(v, "SELECT coalesce(min(track), 0) FROM tracks");
    long long hi = query_int(v, "SELECT coalesce(max(track), 0) FROM tracks");
    if (lo != 0 || hi != n - 1) {
        verr(v, "track numbers %lld-%lld do not match the header", lo, hi);
        goto fail;
    }
    if (set_sync(v))
        goto fail;
    /* A page cache of up to 64 MB (the default is 2 MB, 64 pages of a
       3350's 32K): a random read that misses it copies a whole page from
       the host's cache, most of its cost; 64 MB of a 3350's 317 serves a
       fifth of them (random reads 95K -> 110K/s).  No memory map: it
       would make random reads faster still, but an I/O error on a mapped
       file is a SIGBUS that kills the simulator, where a failing read
       must give the device an equipment check. */
    sqlite3_exec(v->db, "PRAGMA cache_size=-65536", NULL, NULL, NULL);
    return v;
fail:
    snprintf(err, errlen, "%s", v->err);
    close_db(v);
    return NULL;
}

struct volume *vol_attach(const char *arg, enum vol_kind kind, char *err, size_t errlen)
{
    if (!arg || !*arg) {
        snprintf(err, errlen, "give the volume file");
        return NULL;
    }
    char *path = strdup(arg);
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    bool ro = false;
    size_t n = strlen(path);
    if (n > 3 && !strcmp(path + n - 3, ",ro")) {
        ro = true;
        path[n - 3] = 0;
    }
    /* The running system holds a shared flock(2) on every volume it has
       attached, for as long as it is attached; `cpcms cmsfs` takes it
       exclusively and so refuses a volume in use, and is refused here
       while it works.  (flock, not fcntl: SQLite uses fcntl locks.) */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) != 0) {
        snprintf(err, errlen, "%s: in use (by `cpcms cmsfs`?)", path);
        close(fd);
        free(path);
        return NULL;
    }
    struct volume *v = vol_open(path, ro, err, errlen);
    if (v)
        v->lockfd = fd;
    else if (fd >= 0)
        close(fd);
    if (v && kind != VOL_ANY && vol_info(v)->type->fba != (kind == VOL_FBA)) {
        snprintf(err, errlen, "%s: a %s volume is %s, not %s", path, vol_info(v)->type->name,
                 kind == VOL_FBA ? "CKD" : "FBA", kind == VOL_FBA ? "FBA" : "CKD");
        vol_close(v);
        v = NULL;
    }
    free(path);
    return v;
}

unsigned vol_check(struct volume *v, FILE *out)
{
    unsigned bad = 0;
    static uint8_t buf[DASD_MAX_TRACK];
    const struct vol_info *i = &v->info;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(v->db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *s = (const char *)sqlite3_column_text(st, 0);
            if (s && strcmp(s, "ok")) {
                fprintf(out, "%s: SQLite: %s\n", v->path, s);
                bad++;
            }
        }
        sqlite3_finalize(st);
    }
    for (unsigned r = 0; i->blocks && r < i->cyls; r++) {
        size_t len, want = (size_t)vol_row_blocks(i, r) * i->type->blksize;
        if (vol_read_track(v, r, buf, &len)) {
            fprintf(out, "%s\n", v->err);
            bad++;
        } else if (len != want) {
            fprintf(out, "%s: row %u (block %u): %zu bytes, not %zu\n", v->path, r,
                    r * i->type->bpg, len, want);
            bad++;
        }
    }
    for (unsigned c = 0; !i->blocks && c < i->cyls; c++)
        for (unsigned h = 0; h < i->heads; h++) {
            size_t len;
            char why_[200];
            if (vol_read_track(v, c * i->heads + h, buf, &len)) {
                fprintf(out, "%s\n", v->err);
                bad++;
            } else if (trk_check(i->type, buf, len, c, h, why_, sizeof why_)) {
                fprintf(out, "%s: cylinder %u head %u: %s\n", v->path, c, h, why_);
                bad++;
            }
        }
    return bad;
}
