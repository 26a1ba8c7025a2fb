#!/bin/sh
# logon_bench.sh BUILD - LOGON to Ready (`make bench`), beside the CMS
# issue's target of under a second: what a TN3270 user waits from the
# Enter after the password until CMS's Ready appears, through s3270
# (tests/cms/usersys.sh), on a system with 20 users.  Five LOGONs of one
# user alone, one after another, then the 20 at once (s3270drive polls
# the screen every 50 ms: the resolution of the times).  The status is
# nonzero only if a session failed.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'kill $pid $feeder 2>/dev/null; rm -rf "$T"' EXIT
fail=0
. tests/cms/usersys.sh
usersys_start 20 130
steps() { logon "$1"; printf 'type logoff\nenter\nwait LOGOFF AT\n'; }
for k in 1 2 3 4 5; do
    steps USER01 | session "alone$k"
done
at_once 20 steps
usersys_stop
stats() { # WHAT FILES...: median and most of the times
    what=$1
    shift
    logon_times "$@" | sort -n |
        awk -v w="$what" '{t[NR] = $1} END {if (!NR) exit 1
             printf "LOGON to Ready, %-12s median %.2f s, most %.2f s (%d LOGONs)   target < 1 s\n",
                    w ":", t[int((NR + 1) / 2)], t[NR], NR}'
}
stats "alone" "$T"/alone*.out || fail=1
stats "20 at once" "$T"/USER*.out || fail=1
exit $fail
