/*
 * test_urec.c - the unit record devices through channel programs: the
 * 2540 reader and 3505 (deck file and spool: cards, stackers, feed,
 * end of file, empty hopper, the position committed at program end),
 * the 2540 punch and 3525 (stackers, short and long cards, output files),
 * the 1403 and 3211 (carriage control, overflow channels, FCB and UCS
 * loading, Sense ID), and command reject for everything they lack.
 */
#include "urectest.h"

static const char *ebc(struct ut *t, uint32_t a, size_t n)
{
    static char s[256];
    ebcdic_to_ascii_buf(s, t->m->mem + a, n);
    s[n] = 0;
    return s;
}

/* --- readers --------------------------------------------------------- */

static void reader_reads_spooled_decks_in_order(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_queue(t, "FOR 00D\n", 0x00D, "other");
    long long a = ut_queue(t, "A1\nA2\n", -1, "a");
    long long b = ut_queue(t, "B1\n", 0x00C, "b");
    ut_attach(t, "2540R", 0x00C);
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 2), "A1");
    /* Command-chained reads with stacker select R2 and RP3. */
    ccw(t, 0x42, DATA, CCW_CC, 80);
    struct ior r = (ccw(t, 0x82, DATA + 80, 0, 80), ut_run(t, 0x00C));
    /* A2, then the end of deck a: unit exception ends the chain. */
    assert_status(r, US_CE | US_DE | US_UX, CS_IL); /* no data, no SLI */
    assert_int_equal(r.ccw, PROG + 16);
    assert_string_equal(ebc(t, DATA, 2), "A2");
    /* Deck a is read; b comes next, then its end of file. */
    struct spool *s = ut_spool(t);
    struct spool_file f;
    assert_int_equal(spool_get(s, a, &f), 1);
    assert_string_equal(f.state, "read");
    assert_int_equal(f.pos, 2);
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 2), "B1");
    assert_int_equal(spool_get(s, b, &f), 1);
    assert_string_equal(f.state, "reading");
    assert_int_equal(f.pos, 1);
    assert_status(ut_cmd(t, 0x00C, 0x02, DATA, CCW_SLI, 80), US_CE | US_DE | US_UX, 0);
    /* The hopper is empty (the other deck is for 00D): intervention
       required, and the next read looks again. */
    assert_uc(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80), SNS0_INTREQ);
    ut_queue(t, "C1\n", -1, "c");
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 2), "C1");
    spool_close(s);
    ut_free(t);
}

/* A reader found not ready presents device end when a deck comes for it
   (outside the deterministic mode, which never looks). */
static void reader_made_ready_presents_device_end(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    struct device *d = ut_attach(t, "3505", 0x00C);
    assert_uc(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80), SNS0_INTREQ);
    assert_null(t->m->events);
    machine_free(t->m);
    t->m = machine_new(1 << 20, false);
    d = ut_attach(t, "3505", 0x00C);
    assert_uc(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80), SNS0_INTREQ);
    assert_non_null(t->m->events);
    /* Still no deck (one for another reader): it looks again. */
    ut_queue(t, "OTHER\n", 0x01C, "other");
    for (int round = 0; round < 2; round++) {
        struct event *e = t->m->events;
        assert_non_null(e);
        t->m->events = e->next;
        void (*fn)(struct machine *, void *) = e->fn;
        void *arg = e->arg;
        free(e);
        fn(t->m, arg);
        if (round == 0) {
            assert_false(d->ch.status_pending);
            ut_queue(t, "MINE\n", 0x00C, "mine");
        }
    }
    assert_true(d->ch.status_pending);
    assert_int_equal(d->ch.csw[4], US_DE);
    assert_null(t->m->events);
    assert_int_equal(chan_tio(t->m, 0x00C), 1);
    assert_int_equal(t->m->mem[68], US_DE);
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 4), "MINE");
    ut_free(t);
}

static void reader_resumes_after_the_last_program(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_queue(t, "ONE\nTWO\nTHREE\n", -1, "d");
    ut_attach(t, "3505", 0x00C);
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    machine_free(t->m);
    t->m = tm_new();
    ut_attach(t, "3505", 0x00C);
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 3), "TWO");
    ut_free(t);
}

static void reader_commands(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_queue(t, "C1\nC2\nC3\nC4\n", -1, "d");
    ut_attach(t, "3505", 0x00C);
    ut_attach(t, "2540R", 0x01C);
    /* Feed, select stacker: a card passes unread. */
    assert_ok(ut_cmd(t, 0x00C, 0x63, 0, 0, 1));
    /* Short count: incorrect length, unless SLI. */
    struct ior r = ut_cmd(t, 0x00C, 0x02, DATA, 0, 40);
    assert_status(r, US_CE | US_DE, CS_IL);
    assert_string_equal(ebc(t, DATA, 2), "C2");
    assert_ok(ut_cmd(t, 0x00C, 0x42, DATA, CCW_SLI, 10));
    assert_string_equal(ebc(t, DATA, 2), "C3");
    /* The 3505 has two stackers; column binary is not installed. */
    assert_uc(ut_cmd(t, 0x00C, 0x82, DATA, 0, 80), SNS0_CMDREJ);
    assert_uc(ut_cmd(t, 0x00C, 0x22, DATA, 0, 80), SNS0_CMDREJ);
    assert_uc(ut_cmd(t, 0x00C, 0x01, DATA, 0, 80), SNS0_CMDREJ);
    assert_ok(ut_cmd(t, 0x00C, 0x03, 0, 0, 1));
    /* Sense: the last unit check's sense, then cleared. */
    assert_uc(ut_cmd(t, 0x00C, 0x05, DATA, 0, 80), SNS0_CMDREJ);
    assert_ok(ut_cmd(t, 0x00C, 0x04, DATA, 0, 1));
    assert_int_equal(t->m->mem[DATA], SNS0_CMDREJ);
    assert_ok(ut_cmd(t, 0x00C, 0x04, DATA, 0, 1));
    assert_int_equal(t->m->mem[DATA], 0);
    /* Sense ID: the 3505 has it, the 2540 (2821) does not. */
    assert_ok(ut_cmd(t, 0x00C, 0xE4, DATA, 0, 7));
    static const uint8_t id3505[7] = {0xFF, 0x35, 0x05, 0x01, 0x35, 0x05, 0x01};
    assert_memory_equal(t->m->mem + DATA, id3505, 7);
    assert_uc(ut_cmd(t, 0x01C, 0xE4, DATA, 0, 7), SNS0_CMDREJ);
    /* The 2540 has RP3. */
    assert_ok(ut_cmd(t, 0x01C, 0x82, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 2), "C4");
    ut_free(t);
}

static void reader_deck_file(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    char path[128];
    snprintf(path, sizeof path, "%s/deck.txt", t->dir);
    FILE *f = fopen(path, "w");
    fputs("HELLO\nWORLD\n", f);
    fclose(f);
    const char *e;
    assert_non_null(dev_create(t->m, "3505", 0x00C, path, &e));
    assert_null(cardrdr_spool(t->m->chan.dev[0x00C]));
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    assert_string_equal(ebc(t, DATA, 5), "HELLO");
    assert_ok(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80));
    /* An empty hopper with the end-of-file key: unit exception, again. */
    assert_status(ut_cmd(t, 0x00C, 0x02, DATA, 0, 80), US_CE | US_DE | US_UX, CS_IL);
    assert_status(ut_cmd(t, 0x00C, 0x02, DATA, CCW_SLI, 80), US_CE | US_DE | US_UX, 0);
    /* No spool file is made. */
    assert_int_equal(access(t->db, F_OK), -1);
    /* A missing deck file is refused at attach. */
    snprintf(path, sizeof path, "%s/none.txt", t->dir);
    assert_null(dev_create(t->m, "2540R", 0x01C, path, &e));
    ut_free(t);
}

/* --- punches -------------------------------------------------------- */

static void punch_cards_and_stackers(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "2540P", 0x00D);
    ut_attach(t, "3525", 0x01D);
    ut_text(t, DATA, "FIRST", 80);
    ut_text(t, DATA + 80, "SECOND", 80);
    ut_text(t, DATA + 160, "THIRD", 100);
    /* A chain of two cards, stacker P1 and RP3. */
    ccw(t, 0x01, DATA, CCW_CC, 80);
    ccw(t, 0x81, DATA + 80, 0, 80);
    assert_ok(ut_run(t, 0x00D));
    /* Committed when the program ended: visible to another connection. */
    struct ut_files l = ut_files(t, SPOOL_PUNCH);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.f[0].records, 2);
    assert_int_equal(l.f[0].devaddr, 0x00D);
    assert_string_equal(l.f[0].devtype, "2540P");
    assert_string_equal(l.f[0].state, "open");
    /* Short and long counts: incorrect length; SLI suppresses it. */
    assert_status(ut_cmd(t, 0x00D, 0x41, DATA + 160, 0, 5), US_CE | US_DE, CS_IL);
    struct ior r = ut_cmd(t, 0x00D, 0x01, DATA + 160, 0, 100);
    assert_status(r, US_CE | US_DE, CS_IL);
    assert_int_equal(r.count, 20);
    assert_ok(ut_cmd(t, 0x00D, 0x01, DATA + 160, CCW_SLI, 3));
    char *text = ut_render(t, l.f[0].id, false, NULL);
    assert_string_equal(text, "FIRST\nSECOND\nTHIRD\nTHIRD\nTHI\n");
    free(text);
    size_t n;
    char *raw = ut_render(t, l.f[0].id, true, &n);
    assert_int_equal(n, 5 * 80);
    assert_int_equal((uint8_t)raw[4 * 80 + 3], 0x40); /* padded with blanks */
    free(raw);
    /* The 3525: two stackers, Sense ID; neither has column binary. */
    assert_uc(ut_cmd(t, 0x01D, 0x81, DATA, 0, 80), SNS0_CMDREJ);
    assert_uc(ut_cmd(t, 0x01D, 0x21, DATA, 0, 80), SNS0_CMDREJ);
    assert_uc(ut_cmd(t, 0x00D, 0x21, DATA, 0, 80), SNS0_CMDREJ);
    assert_uc(ut_cmd(t, 0x00D, 0x02, DATA, 0, 80), SNS0_CMDREJ);
    assert_ok(ut_cmd(t, 0x01D, 0x41, DATA, 0, 80));
    assert_ok(ut_cmd(t, 0x01D, 0x03, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x01D, 0xE4, DATA, 0, 7));
    static const uint8_t id3525[7] = {0xFF, 0x35, 0x25, 0x01, 0x35, 0x25, 0x01};
    assert_memory_equal(t->m->mem + DATA, id3525, 7);
    assert_uc(ut_cmd(t, 0x00D, 0xE4, DATA, 0, 7), SNS0_CMDREJ);
    /* Each device its own file; detaching closes them. */
    machine_free(t->m);
    t->m = NULL;
    l = ut_files(t, SPOOL_PUNCH);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.f[0].state, "closed");
    assert_string_equal(l.f[1].state, "closed");
    assert_string_equal(l.f[1].devtype, "3525");
    assert_int_equal(l.f[1].records, 1);
    ut_free(t);
}

static void punch_without_spool_is_refused(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    const char *e = NULL;
    assert_null(dev_create(t->m, "2540P", 0x00D, NULL, &e));
    assert_non_null(strstr(e, "spool"));
    assert_null(dev_create(t->m, "1403", 0x00E, "spool=", &e));
    ut_free(t);
}

/* --- printers ------------------------------------------------------- */

static long long printer_file(struct ut *t)
{
    struct ut_files l = ut_files(t, SPOOL_PRINTER);
    assert_int_equal(l.n, 1);
    return l.f[0].id;
}

static void printer_carriage_control(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "1403", 0x00E);
    ut_text(t, DATA, "AAA", 3);
    ut_text(t, DATA + 16, "___", 3);
    ut_text(t, DATA + 32, "BBB", 3);
    ccw(t, 0x01, DATA, CCW_CC | CCW_SLI, 3);      /* write, no space */
    ccw(t, 0x09, DATA + 16, CCW_CC, 3);           /* overprint, space 1 */
    ccw(t, 0x11, DATA + 32, CCW_CC, 3);           /* space 2 */
    ccw(t, 0x19, DATA + 32, CCW_CC, 3);           /* space 3 */
    ccw(t, 0x0B, 0, CCW_CC, 1);                   /* space 1 immediate */
    ccw(t, 0x13, 0, CCW_CC, 1);                   /* space 2 immediate */
    ccw(t, 0x1B, 0, CCW_CC, 1);                   /* space 3 immediate */
    ccw(t, 0x91, DATA, CCW_CC, 3);                /* write, skip to channel 2 (line 7) */
    ccw(t, 0x8B, 0, CCW_CC, 1);                   /* skip to channel 1 immediate */
    ccw(t, 0x09, DATA + 32, 0, 3);
    assert_ok(ut_run(t, 0x00E));
    char *text = ut_render(t, printer_file(t), false, NULL);
    /* Lines 1 (AAA overprinted), 2 (BBB), 4 (BBB), then spaced to 7
       and 13 (AAA), which skips to channel 2: line 7 of the next form;
       then channel 1: the form after that, BBB on its line 1. */
    assert_string_equal(text, "AAA\r___\nBBB\n\nBBB\n\n\n\n\n\n\n\n\nAAA\n\f\n\n\n\n\n\n\fBBB\n");
    free(text);
    ut_free(t);
}

static void printer_line_lengths(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "3211", 0x00E);
    ut_text(t, DATA, "", 200);
    /* Up to 132 print positions; a shorter line is no length error. */
    assert_ok(ut_cmd(t, 0x00E, 0x09, DATA, 0, 10));
    struct ior r = ut_cmd(t, 0x00E, 0x09, DATA, 0, 140);
    assert_status(r, US_CE | US_DE, CS_IL);
    assert_int_equal(r.count, 8);
    assert_ok(ut_cmd(t, 0x00E, 0x09, DATA, CCW_SLI, 140));
    /* Data chaining makes one line of two pieces. */
    ut_text(t, DATA + 300, "LEFT", 4);
    ut_text(t, DATA + 400, "RIGHT", 5);
    ccw(t, 0x09, DATA + 300, CCW_CD, 4);
    ccw(t, 0x00, DATA + 400, 0, 5);
    assert_ok(ut_run(t, 0x00E));
    char *text = ut_render(t, printer_file(t), false, NULL);
    assert_string_equal(text, "\n\n\nLEFTRIGHT\n");
    free(text);
    ut_free(t);
}

/* A form of `lines` lines with channel ch[i] on line i+1. */
static void load_fcb(struct ut *t, uint16_t cuu, const uint8_t *chans, size_t lines)
{
    for (size_t i = 0; i < lines; i++)
        t->m->mem[DATA + 0x800 + i] = (uint8_t)(chans[i] | (i == lines - 1 ? 0x10 : 0));
    assert_ok(ut_cmd(t, cuu, 0x63, DATA + 0x800, 0, (uint16_t)lines));
}

static void printer_overflow_channels(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "1403", 0x00E);
    /* 8 lines: channel 1 on 1, 9 on 4, 12 on 6. */
    static const uint8_t form[8] = {1, 0, 0, 9, 0, 12, 0, 0};
    load_fcb(t, 0x00E, form, 8);
    ut_text(t, DATA, "X", 1);
    assert_ok(ut_cmd(t, 0x00E, 0x09, DATA, 0, 1));     /* to line 2 */
    assert_ok(ut_cmd(t, 0x00E, 0x09, DATA, 0, 1));     /* to line 3 */
    /* Spacing onto channel 9: unit exception, which ends the chain. */
    ccw(t, 0x09, DATA, CCW_CC, 1);
    ccw(t, 0x09, DATA, 0, 1);
    struct ior r = ut_run(t, 0x00E);
    assert_status(r, US_CE | US_DE | US_UX, 0);
    assert_int_equal(r.ccw, PROG + 8);
    assert_ok(ut_cmd(t, 0x00E, 0x04, DATA + 0x100, 0, 1));
    assert_int_equal(t->m->mem[DATA + 0x100], 0x01); /* channel 9 */
    /* Line 4 to 6 (channel 12) with space 2 immediate: the channel takes
       a command that ends with unit exception and no data for incorrect
       length, unless SLI. */
    assert_status(ut_cmd(t, 0x00E, 0x13, 0, 0, 1), US_CE | US_DE | US_UX, CS_IL);
    t->m->mem[DATA + 0x100] = 0xFF;
    assert_ok(ut_cmd(t, 0x00E, 0x04, DATA + 0x100, 0, 1));
    assert_int_equal(t->m->mem[DATA + 0x100], 0x00); /* channel 12 */
    /* A skip passes channel 12 without exception. */
    assert_ok(ut_cmd(t, 0x00E, 0x8B, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x00E, 0xCB, 0, 0, 1));        /* skip to 9: line 4 */
    /* No line carries channel 5: unit check, equipment check; the line
       is printed all the same. */
    assert_uc(ut_cmd(t, 0x00E, 0xA9, DATA, 0, 1), SNS0_EQUIPCHK);
    assert_uc(ut_cmd(t, 0x00E, 0xAB, 0, 0, 1), SNS0_EQUIPCHK);
    char *text = ut_render(t, printer_file(t), false, NULL);
    assert_string_equal(text, "X\nX\nX\n\n\n\f\n\n\nX\r\n");
    free(text);
    ut_free(t);
}

static void printer_fcb_load(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "3211", 0x00E);
    ut_attach(t, "1403", 0x01E);
    uint8_t *img = t->m->mem + DATA;
    /* No end-of-form mark: load check, the old form stays. */
    memset(img, 0, 10);
    img[0] = 1;
    assert_uc(ut_cmd(t, 0x00E, 0x63, DATA, 0, 10), 0x02);
    /* A channel code 13. */
    img[9] = 0x1D;
    assert_uc(ut_cmd(t, 0x00E, 0x63, DATA, 0, 10), 0x02);
    /* The 3211's index byte is skipped; the 1403 takes it as line 1's
       and refuses it. */
    static const uint8_t good[6] = {0x81, 0x01, 0x00, 0x02, 0x00, 0x10};
    memcpy(img, good, 6);
    assert_ok(ut_cmd(t, 0x00E, 0x63, DATA, 0, 6));
    assert_uc(ut_cmd(t, 0x01E, 0x63, DATA, 0, 6), 0x02);
    /* The 3211's form: 5 lines, channel 2 on line 3. */
    ut_text(t, DATA + 16, "Y", 1);
    assert_ok(ut_cmd(t, 0x00E, 0x91, DATA + 16, 0, 1)); /* to line 3 */
    assert_ok(ut_cmd(t, 0x00E, 0x91, DATA + 16, 0, 1)); /* next form, line 3 */
    char *text = ut_render(t, printer_file(t), false, NULL);
    assert_string_equal(text, "Y\n\nY\n\f\n\n");
    free(text);
    ut_free(t);
}

static void printer_ucs_fold_sense(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "1403", 0x00E);
    ut_attach(t, "3211", 0x01E);
    memset(t->m->mem + DATA, 0xC1, 240);
    /* 1403: Load UCS buffer only after UCS gate load, which must begin
       the chain. */
    assert_uc(ut_cmd(t, 0x00E, 0xFB, DATA, 0, 240), SNS0_CMDREJ);
    ccw(t, 0xEB, 0, CCW_CC, 1);
    ccw(t, 0xFB, DATA, 0, 240);
    assert_ok(ut_run(t, 0x00E));
    ccw(t, 0xEB, 0, CCW_CC, 1);
    ccw(t, 0xF3, DATA, 0, 240);
    assert_ok(ut_run(t, 0x00E));
    ccw(t, 0x03, 0, CCW_CC, 1);
    ccw(t, 0xEB, 0, 0, 1);
    assert_uc(ut_run(t, 0x00E), SNS0_CMDREJ);
    /* 3211: loads the buffer directly; fold and unfold; block and allow
       data check. */
    assert_ok(ut_cmd(t, 0x01E, 0xFB, DATA, 0, 240));
    assert_ok(ut_cmd(t, 0x01E, 0x43, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x01E, 0x23, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x00E, 0x73, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x00E, 0x7B, 0, 0, 1));
    assert_uc(ut_cmd(t, 0x00E, 0x43, 0, 0, 1), SNS0_CMDREJ);
    /* A folding UCS prints capitals until a load without fold or Unfold. */
    ut_text(t, DATA + 300, "Mixed Case 1", 12);
    assert_ok(ut_cmd(t, 0x01E, 0x09, DATA + 300, 0, 12));
    assert_ok(ut_cmd(t, 0x01E, 0x43, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x01E, 0x09, DATA + 300, 0, 12));
    assert_ok(ut_cmd(t, 0x01E, 0x23, 0, 0, 1));
    assert_ok(ut_cmd(t, 0x01E, 0x09, DATA + 300, 0, 12));
    assert_int_equal(t->m->mem[DATA + 301], 0x89); /* storage unchanged */
    ccw(t, 0xEB, 0, CCW_CC, 1);
    ccw(t, 0xF3, DATA, CCW_CC, 240);
    ccw(t, 0x09, DATA + 300, 0, 12);
    assert_ok(ut_run(t, 0x00E));
    struct ut_files pl = ut_files(t, SPOOL_PRINTER);
    assert_int_equal(pl.n, 2);
    char *folded = ut_render(t, pl.f[0].id, false, NULL);
    assert_string_equal(folded, "Mixed Case 1\nMIXED CASE 1\nMixed Case 1\n");
    free(folded);
    folded = ut_render(t, pl.f[1].id, false, NULL);
    assert_string_equal(folded, "MIXED CASE 1\n");
    free(folded);
    /* Sense ID: the 3211 behind a 3811; the 2821 has none. */
    assert_ok(ut_cmd(t, 0x01E, 0xE4, DATA, 0, 7));
    static const uint8_t id3211[7] = {0xFF, 0x38, 0x11, 0x01, 0x32, 0x11, 0x01};
    assert_memory_equal(t->m->mem + DATA, id3211, 7);
    assert_uc(ut_cmd(t, 0x00E, 0xE4, DATA, 0, 7), SNS0_CMDREJ);
    /* Invalid commands; the 3211 senses 6 bytes, the 1403 one. */
    assert_uc(ut_cmd(t, 0x01E, 0x02, DATA, 0, 80), SNS0_CMDREJ);
    assert_status(ut_cmd(t, 0x01E, 0x04, DATA, 0, 6), US_CE | US_DE, 0);
    assert_status(ut_cmd(t, 0x00E, 0x04, DATA, 0, 6), US_CE | US_DE, CS_IL);
    assert_uc(ut_cmd(t, 0x00E, 0x06, DATA, 0, 6), SNS0_CMDREJ);
    assert_uc(ut_cmd(t, 0x00E, 0x05, DATA, 0, 6), SNS0_CMDREJ);
    ut_free(t);
}

/* An endless chain of writes (a TIC loop) commits as it goes and is
   stopped by HIO with what it printed committed. */
static void printer_endless_chain(void **state)
{
    (void)state;
    struct ut *t = ut_new();
    ut_attach(t, "1403", 0x00E);
    static const uint8_t form[10] = {1};  /* no overflow channel */
    load_fcb(t, 0x00E, form, 10);
    ut_text(t, DATA, "LOOP", 4);
    uint32_t w = ccw(t, 0x09, DATA, CCW_CC, 4);
    ccw(t, 0x08, w, 0, 0);
    put32(t->m->mem + 0x48, PROG);
    assert_int_equal(chan_sio(t->m, 0x00E, false), 0);
    for (int i = 0; i < 20 && t->m->events; i++) {
        struct event *e = t->m->events;
        t->m->events = e->next;
        void (*fn)(struct machine *, void *) = e->fn;
        void *arg = e->arg;
        free(e);
        fn(t->m, arg);
    }
    /* SIO and 20 events ran 21 bursts of 256 CCWs, half of them writes:
       2688 lines, of which 10 times UREC_MAX_PENDING are committed. */
    struct ut_files l = ut_files(t, SPOOL_PRINTER);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.f[0].records, 1 + 10 * UREC_MAX_PENDING); /* the FCB, lines */
    /* HIO ends the program: the rest is committed. */
    assert_int_equal(chan_hio(t->m, 0x00E, false), 1);
    l = ut_files(t, SPOOL_PRINTER);
    assert_int_equal(l.f[0].records, 1 + 21 * 128);
    ut_free(t);
}

/*
 * Random channel programs (random commands, counts, flags, chains, data
 * addresses) against every unit record type: each ends with a stored CSW
 * and the device idle; unit check always comes with sense; the spool
 * stays readable and every output file renders.
 */
static void random_programs(void **state)
{
    (void)state;
    static const char *const types[] = {"2540R", "3505", "2540P", "3525", "1403", "3211"};
    struct ut *t = ut_new();
    ut_queue(t, "A\nB\nC\nD\nE\nF\nG\nH\n", -1, "r");
    for (unsigned i = 0; i < 6; i++)
        ut_attach(t, types[i], (uint16_t)(0x010 + i));
    srand(4242);
    for (int round = 0; round < 3000; round++) {
        uint16_t cuu = (uint16_t)(0x010 + rand() % 6);
        int n = 1 + rand() % 4;
        for (int i = 0; i < n; i++) {
            static const uint8_t likely[] = {0x01, 0x02, 0x03, 0x04, 0x09, 0x0B, 0x11, 0x23,
                                             0x41, 0x42, 0x63, 0x89, 0x8B, 0xE1, 0xE4, 0xEB, 0xFB};
            uint8_t cmd = rand() % 2 ? likely[rand() % sizeof likely] : (uint8_t)rand();
            uint8_t flags = (uint8_t)(rand() & 0xF8);
            if (i == n - 1)
                flags &= (uint8_t)~(CCW_CC | CCW_CD);
            flags &= (uint8_t)~CCW_PCI;
            uint32_t addr = rand() % 8 ? DATA + (uint32_t)(rand() % 0x1000) : (uint32_t)rand() % 0x200000;
            ccw(t, cmd, addr, flags, (uint16_t)(rand() % 8 ? rand() % 200 : rand()));
        }
        if (rand() % 4 == 0) {
            for (int k = 0; k < 40; k++)
                t->m->mem[DATA + 0x800 + k] = (uint8_t)(rand() % 3 ? rand() % 13 : rand());
        }
        struct ior r = ut_run(t, cuu);
        assert_false(t->m->chan.dev[cuu]->ch.busy);
        if (r.unit & US_UC)
            assert_true(r.sense[0] != 0);
        if (round % 500 == 0)
            ut_queue(t, "MORE\n", -1, "more");
    }
    machine_free(t->m);
    t->m = NULL;
    struct ut_files l = ut_files(t, -1);
    for (int i = 0; i < l.n; i++) {
        assert_true(strcmp(l.f[i].state, "open"));
        free(ut_render(t, l.f[i].id, false, NULL));
        free(ut_render(t, l.f[i].id, true, NULL));
    }
    ut_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reader_reads_spooled_decks_in_order),
        cmocka_unit_test(reader_made_ready_presents_device_end),
        cmocka_unit_test(reader_resumes_after_the_last_program),
        cmocka_unit_test(reader_commands),
        cmocka_unit_test(reader_deck_file),
        cmocka_unit_test(punch_cards_and_stackers),
        cmocka_unit_test(punch_without_spool_is_refused),
        cmocka_unit_test(printer_carriage_control),
        cmocka_unit_test(printer_line_lengths),
        cmocka_unit_test(printer_overflow_channels),
        cmocka_unit_test(printer_fcb_load),
        cmocka_unit_test(printer_ucs_fold_sense),
        cmocka_unit_test(printer_endless_chain),
        cmocka_unit_test(random_programs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
