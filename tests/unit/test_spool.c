/*
 * test_spool.c - the spool database (devices/spool.c): opening bad files,
 * the queue operations, fault injection behind its storage methods while
 * punches, printers and readers run channel programs (each failing call
 * gives unit check with equipment check and leaves nothing of the failed
 * program), the printer's carriage against a trivial reference model, and
 * the text and raw rendering of print files.
 */
#include <sqlite3.h>
#include <sys/stat.h>

#include "urectest.h"
#include "prt_fcb.h"
#include "sqlfault.h"

/* --- opening ------------------------------------------------------------ */

static void open_refuses_bad_files(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    char path[160], err[500], sql[300];
    /* Missing, without create. */
    snprintf(path, sizeof path, "%s/none.db", t->dir);
    assert_null(spool_open(path, false, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "No such file"));
    /* A directory. */
    assert_null(spool_open(t->dir, true, err, sizeof err));
    assert_non_null(strstr(err, "not a regular file"));
    /* A text file. */
    snprintf(path, sizeof path, "%s/text.db", t->dir);
    FILE *f = fopen(path, "w");
    fputs("this is not a database, it is a rather long line of text\n", f);
    fclose(f);
    assert_null(spool_open(path, true, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "not an SQLite database"));
    /* Another application's database. */
    snprintf(path, sizeof path, "%s/other.db", t->dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(spool_open(path, true, err, sizeof err));
    assert_non_null(strstr(err, "not a cpcms spool"));
    /* A spool of another format, and one without its tables. */
    snprintf(path, sizeof path, "%s/fmt.db", t->dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=9; CREATE TABLE t(x);",
             SPOOL_APP_ID);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(spool_open(path, true, err, sizeof err));
    assert_non_null(strstr(err, "spool format 9"));
    snprintf(path, sizeof path, "%s/notables.db", t->dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=1; CREATE TABLE t(x);",
             SPOOL_APP_ID);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(spool_open(path, true, err, sizeof err));
    assert_non_null(strstr(err, "tables are missing"));
    /* A truncated spool. */
    snprintf(path, sizeof path, "%s/trunc.db", t->dir);
    struct spool *s = spool_open(path, true, err, sizeof err);
    assert_non_null(s);
    static uint8_t cards[400 * 80];
    memset(cards, 0xC1, sizeof cards);
    long long id;
    assert_int_equal(spool_queue_deck(s, "big", -1, cards, 400, &id), 0);
    spool_close(s);
    assert_int_equal(truncate(path, 5000), 0);
    snprintf(sql, sizeof sql, "%s-wal", path);
    unlink(sql);
    s = spool_open(path, true, err, sizeof err);
    if (s) {
        /* Opening may pass; reading the damaged part must fail cleanly. */
        uint8_t card[80];
        int bad = 0;
        for (int i = 0; i < 400; i++)
            bad |= spool_card(s, id, i, card) != 1;
        assert_true(bad);
        spool_close(s);
    } else {
        assert_non_null(strstr(err, path));
    }
    /* A device attach names the file too. */
    const char *e = NULL;
    snprintf(path, sizeof path, "spool=%s/other.db", t->dir);
    assert_null(dev_create(t->m, "1403", 0x00E, path, &e));
    assert_non_null(strstr(e, "other.db: an SQLite database, but not a cpcms spool"));
    ut_free(t);
}

static int count_files(const struct spool_file *f, void *arg)
{
    (void)f;
    (*(int *)arg)++;
    return 0;
}

static void queue_list_get_purge(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    long long a = ut_queue(t, "ONE\nTWO\n", 0x012, "deck-a");
    struct spool *s = ut_spool(t);
    struct spool_file f;
    assert_int_equal(spool_get(s, a, &f), 1);
    assert_int_equal(f.queue, SPOOL_READER);
    assert_int_equal(f.devaddr, 0x012);
    assert_string_equal(f.name, "deck-a");
    assert_string_equal(f.state, "queued");
    assert_int_equal(f.records, 2);
    assert_int_equal(spool_get(s, a + 100, &f), 0);
    /* The next deck for reader 012, not for 00C. */
    assert_int_equal(spool_next_deck(s, 0x00C, &f), 0);
    assert_int_equal(spool_next_deck(s, 0x012, &f), 1);
    assert_int_equal(f.id, a);
    uint8_t card[80];
    assert_int_equal(spool_card(s, a, 1, card), 1);
    assert_int_equal(card[0], 0xE3); /* 'T' */
    assert_int_equal(spool_card(s, a, 2, card), 0);
    /* Text rendering of a deck. */
    char *text = ut_render(t, a, false, NULL);
    assert_string_equal(text, "ONE\nTWO\n");
    free(text);
    int n = 0;
    assert_int_equal(spool_list(s, SPOOL_READER, count_files, &n), 0);
    assert_int_equal(n, 1);
    n = 0;
    assert_int_equal(spool_list(s, SPOOL_PUNCH, count_files, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(spool_purge(s, a), 1);
    assert_int_equal(spool_purge(s, a), 0);
    assert_int_equal(spool_card(s, a, 0, card), 0);
    n = 0;
    assert_int_equal(spool_list(s, -1, count_files, &n), 0);
    assert_int_equal(n, 0);
    assert_string_equal(spool_queue_name(SPOOL_PRINTER), "printer");
    assert_int_equal(spool_queue_find("punch"), SPOOL_PUNCH);
    assert_int_equal(spool_queue_find("tape"), -1);
    spool_close(s);
    ut_free(t);
}

/* --- fault injection ------------------------------------------------- */

static const struct spool_store_ops faulty = {.step = f_step, .exec = f_exec};

/* The text of the only file of queue q ("" if none). */
static char *only_file(struct ut *t, int q)
{
    struct ut_files l = ut_files(t, q);
    assert_true(l.n <= 1);
    return l.n ? ut_render(t, l.f[0].id, false, NULL) : strdup("");
}

/*
 * A punch or printer program of three records with call n of the store
 * failing: unit check with equipment check and nothing of the program in
 * the database, or (once every call has had its failure) success.  The
 * device goes on working after a failure, its next program's records
 * following the earlier ones.
 */
static void inject_output(const char *type, int q, uint8_t cmd, int rc)
{
    for (int n = 1;; n++) {
        struct ut *t = ut_new();
        struct device *d = ut_attach(t, type, 0x00E);
        struct spool *s = q == SPOOL_PUNCH ? cardpch_spool(d) : printer_spool(d);
        ut_text(t, DATA, "FIRST", 80);
        assert_ok(ut_cmd(t, 0x00E, cmd, DATA, CCW_SLI, 80));
        ut_text(t, DATA, "ONE", 80);
        ut_text(t, DATA + 80, "TWO", 80);
        ut_text(t, DATA + 160, "THREE", 80);
        ccw(t, cmd, DATA, CCW_CC | CCW_SLI, 80);
        ccw(t, cmd, DATA + 80, CCW_CC | CCW_SLI, 80);
        ccw(t, cmd, DATA + 160, CCW_SLI, 80);
        struct fault f = {n, rc, false};
        spool_set_store(s, &faulty, &f);
        struct ior r = ut_run(t, 0x00E);
        spool_set_store(s, NULL, NULL);
        char *text = only_file(t, q);
        if (!f.fired) {
            assert_ok(r);
            assert_string_equal(text, "FIRST\nONE\nTWO\nTHREE\n");
            assert_true(n > 3);
            free(text);
            ut_free(t);
            return;
        }
        if (r.unit != (US_CE | US_DE | US_UC) || r.sense[0] != SNS0_EQUIPCHK)
            fail_msg("%s: call %d failing with %d: status %02X sense %02X", type, n, rc, r.unit,
                     r.sense[0]);
        assert_string_equal(text, "FIRST\n");
        free(text);
        ut_text(t, DATA, "AFTER", 80);
        assert_ok(ut_cmd(t, 0x00E, cmd, DATA, CCW_SLI, 80));
        text = only_file(t, q);
        assert_string_equal(text, "FIRST\nAFTER\n");
        free(text);
        ut_free(t);
    }
}

/* The same with the output file's creation failing (the first program). */
static void inject_first(int rc)
{
    for (int n = 1;; n++) {
        struct ut *t = ut_new();
        struct device *d = ut_attach(t, "3525", 0x00D);
        ut_text(t, DATA, "ONE", 80);
        struct fault f = {n, rc, false};
        spool_set_store(cardpch_spool(d), &faulty, &f);
        struct ior r = ut_cmd(t, 0x00D, 0x01, DATA, 0, 80);
        spool_set_store(cardpch_spool(d), NULL, NULL);
        if (!f.fired) {
            assert_ok(r);
            ut_free(t);
            return;
        }
        assert_uc(r, SNS0_EQUIPCHK);
        assert_int_equal(ut_files(t, SPOOL_PUNCH).n, 0);
        assert_ok(ut_cmd(t, 0x00D, 0x01, DATA, 0, 80));
        struct ut_files l = ut_files(t, SPOOL_PUNCH);
        assert_int_equal(l.n, 1);
        assert_int_equal(l.f[0].records, 1);
        ut_free(t);
    }
}

/* A reader whose position cannot be committed: unit check, equipment
   check at the end of the program, and the card is read again by the
   next reader (nothing was recorded as read). */
static void inject_reader(int rc)
{
    for (int n = 1;; n++) {
        struct ut *t = ut_new();
        ut_queue(t, "C1\nC2\n", -1, "d");
        struct device *d = ut_attach(t, "2540R", 0x00C);
        struct fault f = {n, rc, false};
        spool_set_store(cardrdr_spool(d), &faulty, &f);
        struct ior r = ut_cmd(t, 0x00C, 0x02, DATA, 0, 80);
        spool_set_store(cardrdr_spool(d), NULL, NULL);
        if (!f.fired) {
            assert_ok(r);
            ut_free(t);
            return;
        }
        assert_uc(r, SNS0_EQUIPCHK);
        machine_free(t->m);
        t->m = tm_new();
        ut_attach(t, "2540R", 0x00C);
        assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
        char s[3];
        ebcdic_to_ascii_buf(s, t->m->mem + DATA, 2);
        s[2] = 0;
        assert_string_equal(s, "C1");
        ut_free(t);
    }
}

/* A chain longer than UREC_MAX_PENDING whose forced commit fails: the
   CCW that forced it ends the program with equipment check, and nothing
   of the program is stored. */
static void inject_long_chain(int rc)
{
    struct ut *t = ut_new();
    struct device *d = ut_attach(t, "2540P", 0x00D);
    ut_text(t, DATA, "CARD", 80);
    for (int i = 0; i < 300; i++)
        ccw(t, 0x01, DATA, i < 299 ? CCW_CC : 0, 80);
    struct fault f = {1, rc, false};
    spool_set_store(cardpch_spool(d), &faulty, &f);
    struct ior r = ut_run(t, 0x00D);
    spool_set_store(cardpch_spool(d), NULL, NULL);
    assert_true(f.fired);
    assert_uc(r, SNS0_EQUIPCHK);
    assert_int_equal(r.ccw, PROG + 8 * UREC_MAX_PENDING);
    assert_int_equal(ut_files(t, SPOOL_PUNCH).n, 0);
    /* The next program is whole. */
    for (int i = 0; i < 300; i++)
        ccw(t, 0x01, DATA, i < 299 ? CCW_CC : 0, 80);
    assert_ok(ut_run(t, 0x00D));
    struct ut_files l = ut_files(t, SPOOL_PUNCH);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.f[0].records, 300);
    ut_free(t);
}

static void faults(int rc)
{
    inject_long_chain(rc);
    inject_output("2540P", SPOOL_PUNCH, 0x01, rc);
    inject_output("1403", SPOOL_PRINTER, 0x09, rc);
    inject_first(rc);
    inject_reader(rc);
}

static void busy(void **state) { (void)state; faults(SQLITE_BUSY); }
static void io_error(void **state) { (void)state; faults(SQLITE_IOERR); }
static void full(void **state) { (void)state; faults(SQLITE_FULL); }

/* --- the carriage against a reference model ------------------------------ */

/* The reference: an absolute line count L from 0; the form line is
   L % lpp + 1, and a move is a new page when L / lpp changes. */
struct ref {
    unsigned long L;
    unsigned lpp;
    const uint8_t *chan;
};

static unsigned ref_line(const struct ref *r) { return (unsigned)(r->L % r->lpp) + 1; }

static void carriage_matches_reference(void **state)
{
    (void)state;
    srand(12345);
    for (int round = 0; round < 200; round++) {
        uint8_t img[PRT_MAX_LINES + 1];
        unsigned lpp = 1 + (unsigned)rand() % (round < 100 ? 12 : PRT_MAX_LINES);
        for (unsigned i = 0; i < lpp; i++)
            img[i] = (uint8_t)((rand() % 3) ? 0 : rand() % 13);
        img[lpp - 1] |= 0x10;
        struct prt_carriage c;
        prt_fcb_default(&c);
        assert_int_equal(prt_fcb_load(&c, img, lpp, false), 0);
        uint8_t back[PRT_MAX_LINES];
        assert_int_equal(prt_fcb_image(&c, back), lpp);
        assert_memory_equal(back, img, lpp);
        struct ref r = {0, lpp, c.chan};
        for (int op = 0; op < 300; op++) {
            struct prt_move mv;
            unsigned long before = r.L;
            if (rand() % 2) {
                unsigned n = (unsigned)rand() % 4;
                prt_space(&c, n, &mv);
                bool ch9 = false, ch12 = false;
                for (unsigned i = 1; i <= n; i++) {
                    r.L++;
                    ch9 |= c.chan[ref_line(&r)] == 9;
                    ch12 |= c.chan[ref_line(&r)] == 12;
                }
                assert_int_equal(mv.ch9, ch9);
                assert_int_equal(mv.ch12, ch12);
            } else {
                unsigned ch = 1 + (unsigned)rand() % 12;
                unsigned long L = r.L + 1;
                while (L <= r.L + lpp && c.chan[L % lpp + 1] != ch)
                    L++;
                int got = prt_skip(&c, ch, &mv);
                if (L > r.L + lpp) {
                    assert_int_equal(got, -1);
                    continue;
                }
                assert_int_equal(got, 0);
                r.L = L;
            }
            assert_int_equal(c.line, ref_line(&r));
            bool newpage = r.L / lpp != before / lpp;
            assert_int_equal(mv.newpage, newpage);
            assert_int_equal(mv.pages, r.L / lpp - before / lpp);
            if (newpage)
                assert_int_equal(mv.after, ref_line(&r) - 1);
            else
                assert_int_equal(mv.lines, r.L - before);
        }
    }
    /* Images the FCB refuses. */
    struct prt_carriage c;
    prt_fcb_default(&c);
    static const uint8_t noend[3] = {1, 0, 0}, bad[2] = {0x0D, 0x10}, high[2] = {0x21, 0x10};
    assert_int_equal(prt_fcb_load(&c, noend, 3, false), -1);
    assert_int_equal(prt_fcb_load(&c, bad, 2, false), -1);
    assert_int_equal(prt_fcb_load(&c, high, 2, false), -1);
    static uint8_t longform[PRT_MAX_LINES + 1];
    longform[PRT_MAX_LINES] = 0x10;
    assert_int_equal(prt_fcb_load(&c, longform, sizeof longform, false), -1);
    assert_int_equal(c.lpp, 66);
    longform[PRT_MAX_LINES - 1] = 0x10;
    assert_int_equal(prt_fcb_load(&c, longform, sizeof longform, false), 0);
    assert_int_equal(c.lpp, PRT_MAX_LINES);
}

/* --- rendering --------------------------------------------------------- */

static void printer_raw_records(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "1403", 0x00E);
    ut_text(t, DATA, "AB", 2);
    assert_ok(ut_cmd(t, 0x00E, 0x11, DATA, 0, 2));
    assert_ok(ut_cmd(t, 0x00E, 0x8B, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x00E, 0x01, DATA, 0, 2));
    struct ut_files l = ut_files(t, SPOOL_PRINTER);
    size_t n;
    char *raw = ut_render(t, l.f[0].id, true, &n);
    static const uint8_t want[] = {0x11, 0, 2, 0xC1, 0xC2, 0x8B, 0, 0, 0x01, 0, 2, 0xC1, 0xC2};
    assert_int_equal(n, sizeof want);
    assert_memory_equal(raw, want, sizeof want);
    free(raw);
    char *text = ut_render(t, l.f[0].id, false, NULL);
    assert_string_equal(text, "AB\n\n\fAB\r\n");
    free(text);
    ut_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(open_refuses_bad_files),
        cmocka_unit_test(queue_list_get_purge),
        cmocka_unit_test(busy),
        cmocka_unit_test(io_error),
        cmocka_unit_test(full),
        cmocka_unit_test(carriage_matches_reference),
        cmocka_unit_test(printer_raw_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
