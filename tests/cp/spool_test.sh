#!/bin/sh
# spool_test.sh - CP's spooling (cp/spool.h) across IPLs: a system with a
# spool area (sysgen --spool) starts cold; tests/cp/spooltest.c, IPLed in
# the operator's virtual machine, checks the virtual reader, punch and
# printer and the spool commands from inside and leaves a deck, KEEP DECK,
# in the operator's reader.  After SHUTDOWN the next IPL is a warm start
# with that one file; killed (kill -9, no SHUTDOWN), the next is a
# checkpoint start with it still there, and spooltest reads it back card
# for card.  Having read it, the reader is empty, and after another kill
# the checkpoint start finds no file; a deck punched after that start
# and killed is there at the next.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
. tests/check.sh
fail=0
# sysgen names a printer the machine does not have: CP says so and
# keeps the system's files queued; a --urec it cannot take is refused
"$B/cpcms" sysgen --type 3350 --cylinders 60 --spool 5 --urec 2501@00C "$T/bad.vol" > "$T/bad" 2>&1
[ $? = 2 ] && grep -q "give TYPE@CUU" "$T/bad" && [ ! -e "$T/bad.vol" ] &&
    echo "ok: sysgen --urec 2501@00C refused" || { echo "FAIL: sysgen --urec 2501@00C:"; cat "$T/bad"; fail=1; }
"$B/cpcms" sysgen --type 3350 --cylinders 60 --paging 20 --spool 5 --cms none --urec 1403@00E \
    --directory tests/cp/test.direct --system SPOOLTST="$B/tests/cp/spooltest.elf" \
    "$T/sysres.vol" > "$T/gen" || { cat "$T/gen"; exit 1; }

# kill -9 the machine: no SHUTDOWN, no last checkpoint
cpcon_kill() {
    kill -9 $cpcon_pid
    wait $cpcon_pid 2> /dev/null
    exec 3>&-
}

# 1: cold start; the whole test; KEEP DECK left in the reader
cpcon_start "$T/sysres.vol" --deterministic || exit 1
cp "$CPCON_OUT" "$T/ipl1"
check "$T/ipl1" "^DMKCKS910I COLD START$" "first IPL: cold start"
check "$T/ipl1" "^DMKRSP811W PRT 00E 1403 NOT OPERATIONAL$" "a printer the machine lacks"
check "$T/ipl1" "^DMKCKS911I SPOOL AREA: [0-9]* PAGES ON [0-9A-F]\{3\}, CYLINDERS [0-9]*-[0-9]*$" \
    "the spool area"
if cpcon_ipl_guest spooltst 120; then
    echo "ok: spooltest under CP: $(grep -c ': ok$' "$T/cp") checks ok"
else
    fail=1
fi
cp "$T/cp" "$T/run1"
grep "FAILED" "$T/run1" && fail=1
check "$T/run1" "^spooltest: 0 failed$" "spooltest: 0 failed"
check "$T/run1" "RDR FILE [0-9]\{4\} FROM OPERATOR PUN WAS [0-9]\{4\} RECS 000003 CPY 001 A NOHOLD$" \
    "the receiver told of the file (RDR FILE ... FROM OPERATOR)"
cpcon_send "query reader all"
cpcon_wait "^OPERATOR [0-9]{4} A PUN 00000005 001 NONE [0-9/: ]+ KEEP     DECK" ||
    { echo "FAIL: KEEP DECK not in the reader after the run"; fail=1; }
cpcon_stop
[ "$cpcon_status" = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }

# 2: after SHUTDOWN, a warm start with KEEP DECK; then killed
cpcon_start "$T/sysres.vol" --deterministic || exit 1
cp "$CPCON_OUT" "$T/ipl2"
check "$T/ipl2" "^DMKCKS912I WARM START: 1 SPOOL FILES$" "after SHUTDOWN: warm start, 1 spool file"
cpcon_send "query reader all"
if cpcon_wait "^OPERATOR [0-9]{4} A PUN 00000005 001 NONE [0-9/: ]+ KEEP     DECK"; then
    echo "ok: after the warm start KEEP DECK is in the operator's reader"
else
    fail=1
fi
cpcon_kill

# 3: killed: a checkpoint start, KEEP DECK still there and intact
cpcon_start "$T/sysres.vol" --deterministic || exit 1
cp "$CPCON_OUT" "$T/ipl3"
check "$T/ipl3" "^DMKCKS913I CHECKPOINT START: 1 SPOOL FILES$" "after kill -9: checkpoint start, 1 spool file"
cpcon_ipl_guest spooltst 120 || fail=1
cp "$T/cp" "$T/run2"
grep "FAILED" "$T/run2" && fail=1
check "$T/run2" "^spooltest: kept deck intact: ok$" "KEEP DECK read back intact after the checkpoint start"
check "$T/run2" "^spooltest: 0 failed$" "spooltest after the checkpoint start: 0 failed"
cpcon_send "query reader all"
if cpcon_wait "^NO RDR FILES$"; then
    echo "ok: the deck read, the reader is empty"
else
    fail=1
fi
cpcon_kill

# 4: the file read and purged stays purged: a checkpoint start without
# it.  The whole test again, and the new KEEP DECK, never seen by a
# SHUTDOWN, killed
cpcon_start "$T/sysres.vol" --deterministic || exit 1
cp "$CPCON_OUT" "$T/ipl4"
check "$T/ipl4" "^DMKCKS913I CHECKPOINT START: 0 SPOOL FILES$" "killed again: checkpoint start, no spool file"
cpcon_ipl_guest spooltst 120 || fail=1
cp "$T/cp" "$T/run3"
grep "FAILED" "$T/run3" && fail=1
check "$T/run3" "^spooltest: 0 failed$" "spooltest again, after a checkpoint start: 0 failed"
cpcon_kill

# 5: the deck punched since the last start survives the kill
cpcon_start "$T/sysres.vol" --deterministic || exit 1
cp "$CPCON_OUT" "$T/ipl5"
check "$T/ipl5" "^DMKCKS913I CHECKPOINT START: 1 SPOOL FILES$" \
    "a file closed since the last start, killed: checkpoint start, 1 spool file"
cpcon_send "query reader all"
if cpcon_wait "^OPERATOR [0-9]{4} A PUN 00000005 001 NONE [0-9/: ]+ KEEP     DECK"; then
    echo "ok: KEEP DECK is in the operator's reader"
else
    fail=1
fi
cpcon_stop
[ "$cpcon_status" = 0 ] || { echo "FAIL: CP ended with status $cpcon_status"; fail=1; }
exit $fail
