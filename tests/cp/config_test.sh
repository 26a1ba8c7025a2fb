#!/bin/sh
# config_test.sh - `cpcms run --config FILE`: a system with another storage
# size, an extra DASD, a tape drive, unit record devices on a spool and
# four 3270s, as CP sees it; a configuration with bad lines gets one
# message per line, FILE:LINE, and nothing starts (no data directory).
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
. tests/check.sh
"$B/cpcms" dasd create --fast 3330 5 EXTRA1 "$T/extra.vol" > /dev/null || fail=1
cat > "$T/sys.conf" <<'END'
# a smaller system with more devices
CPUSERIAL 000611
MAINSIZE 8              # megabytes
NUMCPU 1
ARCHMODE S/370
CNSLPORT 127.0.0.1:0
DATADIR data
0150 3330 extra.vol
0180 3420 tape.aws
000C 2540R
000D 2540P
000E 1403
00C0.4 3270
END
(sleep 2; echo "query storage"; echo "query dasd"; sleep 1; echo shutdown) |
    timeout 60 "$B/cpcms" run --config "$T/sys.conf" > "$T/out" 2>&1
status=$?
[ $status = 0 ] || { echo "FAIL: status $status"; cat "$T/out"; fail=1; }
check "$T/out" "^cpcms: a new system in $T/data$" "DATADIR, relative to the file, made on first use"
check "$T/out" "sys.conf:2: CPUSERIAL: a Hercules statement with no meaning here, ignored" \
    "a Hercules-only statement taken with a note"
check "$T/out" "^STORAGE SIZE = 8192K$" "MAINSIZE 8: CP's start-up"
check "$T/out" "^STORAGE = 8192K" "MAINSIZE 8: QUERY STORAGE"
check "$T/out" "^DMKCPI951I DASD 150 3330 EXTRA1$" "the extra DASD at start-up"
check "$T/out" "^DASD 150 3330 EXTRA1" "the extra DASD: QUERY DASD"
check "$T/out" "^DMKIOE500I 4 3270 TERMINALS$" "00C0.4 3270: four terminals"
check "$T/out" "SYSTEM SHUTDOWN COMPLETE" "SHUTDOWN"
[ -f "$T/tape.aws" ] && [ -f "$T/data/spool.db" ] && echo "ok: the tape and the spool made" ||
    { echo "FAIL: no tape.aws or data/spool.db"; fail=1; }

cat > "$T/bad.conf" <<'END'
MAINSIZE 32
NUMCPU 2
DATADIR data2
0150 3350 extra.vol
0151 3330 missing.vol
0C0-0C3 3270
0C2 3270
0180 3420
FROB 1
0200 9999
END
"$B/cpcms" run --config "$T/bad.conf" < /dev/null > "$T/bad" 2>&1
status=$?
[ $status = 2 ] || { echo "FAIL: a bad configuration: status $status, not 2"; fail=1; }
check "$T/bad" "bad.conf:1: MAINSIZE 32: give megabytes up to 16" "MAINSIZE over 16M"
check "$T/bad" "bad.conf:2: NUMCPU 2: the machine has one CPU" "NUMCPU 2 refused"
check "$T/bad" "bad.conf:4: 0150 3350: extra.vol is a 3330 volume" "a DASD of another type"
check "$T/bad" "bad.conf:5: 0151 3330: .*missing.vol: No such file" "a missing volume"
check "$T/bad" "bad.conf:7: device address 0C2 is already in use (.*bad.conf:6)" "an address given twice"
check "$T/bad" "bad.conf:8: 0180 3420: give the tape file" "a tape without a file"
check "$T/bad" "bad.conf:9: FROB: unknown statement" "an unknown statement"
check "$T/bad" "bad.conf:10: 9999: unknown device type" "an unknown device type"
check "$T/bad" "bad.conf: 8 bad lines: nothing started" "the count, and nothing started"
[ -e "$T/data2" ] && { echo "FAIL: a bad configuration made its data directory"; fail=1; }
"$B/cpcms" run --config "$T/nonexistent.conf" < /dev/null > "$T/none" 2>&1
[ $? = 2 ] && grep -q "nonexistent.conf: No such file" "$T/none" && echo "ok: a missing file" ||
    { echo "FAIL: a missing configuration file"; cat "$T/none"; fail=1; }
exit $fail
