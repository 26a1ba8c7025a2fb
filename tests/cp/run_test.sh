#!/bin/sh
# run_test.sh - the default system: `cpcms` with no subcommand makes a
# data directory and a system residence volume with the default users on
# first use, IPLs CP with 32 3270s behind the TN3270 server, and takes
# operator commands; the second start uses the same volume; an address
# other than the loopback is refused while initial passwords are
# unchanged.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
. tests/check.sh
start() { # OUT: run the default system until SHUTDOWN
    (sleep 2; echo "query names"; sleep 1; echo shutdown) |
        timeout 120 "$B/cpcms" --data "$T/data" --listen 127.0.0.1:0 > "$1" 2>&1
    echo $?
}
[ "$(start "$T/first")" = 0 ] || { echo "FAIL: first start"; cat "$T/first"; fail=1; }
check "$T/first" "^cpcms: a new system in $T/data$" "a new system made"
check "$T/first" "directory from default.direct: 7 users" "the default directory"
check "$T/first" "^DMKIOE500I 32 3270 TERMINALS$" "32 terminals"
check "$T/first" "tn3270 server listening on port" "the TN3270 server"
check "$T/first" "^OPERATOR *- DSC" "operator commands"
check "$T/first" "^DMKCPT961W SYSTEM SHUTDOWN COMPLETE$" "SHUTDOWN"
[ "$(start "$T/second")" = 0 ] || { echo "FAIL: second start"; fail=1; }
grep -q "a new system" "$T/second" && { echo "FAIL: the second start made a new system"; fail=1; }
check "$T/second" "IPL FROM 123 CPSYS1" "the second start IPLs the same volume"

"$B/cpcms" --data "$T/data" --listen 0.0.0.0:3270 < /dev/null > "$T/refused" 2>&1
[ $? = 2 ] || { echo "FAIL: a non-loopback address with initial passwords was not refused"; fail=1; }
check "$T/refused" "initial passwords of MAINT OPERATOR USER1 USER2 USER3 USER4 USER5 are unchanged" \
    "refused, and why"
"$B/cpcms" --help > "$T/help" 2>&1
check "$T/help" "run .*start the default system" "cpcms --help"
exit $fail
