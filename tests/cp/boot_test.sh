#!/bin/sh
# boot_test.sh - `cpcms sysgen` builds a system residence volume; CP is
# IPLed from it, says who it is, answers operator commands typed at the
# 3215 (each line makes the console present attention, CP reads it), and
# SHUTDOWN ends in the disabled wait whose address is 0.  Then bad input:
# sysgen refuses what it cannot use, and IPL of a volume without a
# nucleus does not crash the host.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
. tests/check.sh

"$B/cpcms" sysgen --type 3330 --cylinders 10 --volser SYSRES "$T/sysres.vol" > "$T/gen" 2>&1 ||
    { cat "$T/gen"; echo "FAIL: sysgen"; exit 1; }
check "$T/gen" "3330 SYSRES, 10 cylinders; CP nucleus" "sysgen reports the volume"
"$B/cpcms" dasd check "$T/sysres.vol" > /dev/null || { echo "FAIL: dasd check"; fail=1; }

# A 2314 holds one nucleus record per track, and still IPLs.  (The
# default directory's minidisks are 3350 cylinders: this volume gets a
# directory of its own.)
printf 'USER OP OP 1M 1M ABCDEFGH\n' > "$T/s2314.direct"
"$B/cpcms" sysgen --type 2314 --cylinders 12 --directory "$T/s2314.direct" "$T/s2314.vol" > /dev/null ||
    { echo "FAIL: sysgen 2314"; fail=1; }
echo shutdown | "$B/cpcms" machine --dasd "$T/s2314.vol@190" --ipl 190 --max-seconds 30 > "$T/out" 2>&1 ||
    { echo "FAIL: IPL from a 2314"; cat "$T/out"; fail=1; }
check "$T/out" "IPL FROM 190 CPSYS1" "IPL from a 2314"

for mode in "" --deterministic; do
    printf 'query time\nQ CPLEVEL\nfrobnicate\nq\nstore 1000 12345678 9abcdef0\nd 1000.8\nstore g2 abc 5\nd g0-3\nstore psw 00080000 00001000\nd psw\nstore 2 1\nd fffffff\nq virtual\nq users\nq operator\nq nobody\nmsg op Hello There\nshutdown\n' |
        "$B/cpcms" machine --dasd "$T/sysres.vol@150" --ipl 150 --storage 4M \
            $mode --max-seconds 30 > "$T/out" 2>&1
    status=$?
    cat "$T/out"
    [ $status = 0 ] || { echo "FAIL: CP ended with status $status ($mode)"; fail=1; }
    check "$T/out" "^CPCMS CP RELEASE 1 LEVEL 0 IPL FROM 150 SYSRES$" "banner names the IPL device and volume"
    check "$T/out" "^STORAGE SIZE = 4096K$" "CP found the storage size"
    check "$T/out" "^NOW [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT [A-Z]*DAY [01][0-9]/[0-3][0-9]/[0-9][0-9]$" "time of IPL"
    check "$T/out" "^TIME IS [0-2][0-9]:[0-5][0-9]:[0-5][0-9] GMT" "QUERY TIME"
    check "$T/out" "^CPCMS CP RELEASE 1 LEVEL 0$" "QUERY CPLEVEL, upper-cased"
    check "$T/out" "^DMKCFM001E INVALID CP COMMAND FROBNICATE$" "unknown command"
    check "$T/out" "^DMKCQG026E OPERAND MISSING OR INVALID$" "QUERY without operand"
    check "$T/out" "^STORE COMPLETE$" "STORE"
    check "$T/out" "^001000  12345678 9ABCDEF0  KEY 00$" "DISPLAY storage"
    check "$T/out" "^GPR  0 = 00000000 00000000 00000ABC 00000005$" "DISPLAY G0-3 after STORE G2"
    check "$T/out" "^PSW = 00080000 00001000$" "STORE and DISPLAY PSW"
    check "$T/out" "^DMKCDS160E HEXLOC 2 EXCEEDS STORAGE OR IS NOT ON A FULLWORD$" "STORE not on a fullword"
    check "$T/out" "^DMKCDS026E OPERAND MISSING OR INVALID$" "DISPLAY beyond 24 bits"
    check "$T/out" "^STORAGE = 0[0-9]*K$" "QUERY VIRTUAL: storage"
    check "$T/out" "^CONS 009 DSC 3215$" "QUERY VIRTUAL: the console"
    check "$T/out" "^   1 USERS,    1 DISCONNECTED$" "QUERY USERS"
    check "$T/out" "^OPERATOR - DSC$" "QUERY userid"
    check "$T/out" "^DMKCQG045E NOBODY NOT LOGGED ON$" "QUERY of a user not logged on"
    check "$T/out" "^MSG FROM OPERATOR: Hello There$" "MSG, the text as typed"
    check "$T/out" "^DMKCPT961W SYSTEM SHUTDOWN COMPLETE$" "SHUTDOWN"
done

# The end of the operator's input leaves CP waiting for an interruption
# that cannot come: the machine says so and stops (status 126).
printf 'q time\n' | "$B/cpcms" machine --dasd "$T/sysres.vol@150" --ipl 150 --max-seconds 30 > "$T/out" 2>&1
[ $? = 126 ] || { echo "FAIL: end of input: status not 126"; fail=1; }

# Bad input: no nucleus file, a nucleus that is not an ELF, a device type
# that is not CKD, no cylinders, an existing file.
"$B/cpcms" sysgen --nucleus "$T/none.elf" "$T/x.vol" 2> "$T/err"
[ $? = 1 ] && check "$T/err" "none.elf" "missing nucleus named" || { echo "FAIL: missing nucleus"; fail=1; }
head -c 100 /dev/urandom > "$T/junk.elf"
"$B/cpcms" sysgen --nucleus "$T/junk.elf" "$T/x.vol" 2> "$T/err"
[ $? = 1 ] && check "$T/err" "junk.elf" "bad nucleus named" || { echo "FAIL: bad nucleus"; fail=1; }
"$B/cpcms" sysgen --type 3310 "$T/x.vol" 2> "$T/err"
[ $? = 2 ] && check "$T/err" "not a CKD device type" "sysgen on FBA refused" ||
    { echo "FAIL: sysgen --type 3310"; cat "$T/err"; fail=1; }
"$B/cpcms" sysgen --type 3330 --cylinders 0 "$T/x.vol" 2> "$T/err"
[ $? = 2 ] || { echo "FAIL: sysgen --cylinders 0"; fail=1; }
"$B/cpcms" sysgen "$T/sysres.vol" 2> "$T/err"
[ $? = 1 ] || { echo "FAIL: sysgen over an existing volume"; fail=1; }
[ -e "$T/x.vol" ] && { echo "FAIL: a failed sysgen left $T/x.vol"; fail=1; }

# A plain volume without IPL records: IPL fails with a message.
"$B/cpcms" dasd create 3330 1 EMPTY1 "$T/empty.vol" > /dev/null
"$B/cpcms" machine --dasd "$T/empty.vol@150" --ipl 150 --max-seconds 5 > "$T/out" 2>&1 < /dev/null
status=$?
[ $status = 127 ] && check "$T/out" "IPL" "IPL of an empty volume refused" ||
    { echo "FAIL: IPL of an empty volume: status $status"; cat "$T/out"; fail=1; }
exit $fail
