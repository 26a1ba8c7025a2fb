#!/bin/sh
# frames_test.sh - a guest that touches more storage than CP has frames
# (tests/cp/pagetest.c in a 16M virtual machine on a 16M machine) on a
# system without a paging area (sysgen --paging 0): CP stops that
# virtual machine with DMKPTR160E and goes on: the operator's commands
# still work, and SYSTEM CLEAR gives the frames back.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
fail=0
"$B/cpcms" sysgen --type 3330 --cylinders 20 --directory tests/cp/test.direct --cms none \
    --paging 0 --system PAGETEST="$B/tests/cp/pagetest.elf" "$T/sysres.vol" > /dev/null || exit 1
cpcon_start "$T/sysres.vol" || exit 1
cpcon_send "query storage"
cpcon_wait "^STORAGE = 16384K" || fail=1
free0=$(cpcon_since | sed -n 's/.*FRAMES [0-9]* (\([0-9]*\) FREE).*/\1/p')
cpcon_send "define storage 16m"
cpcon_wait "^STORAGE = 16384K" || fail=1
cpcon_send "ipl pagetest"
cpcon_wait "^DMKPTR160E NO PAGE FRAME FOR OPERATOR; PAGING AREA FULL OR ABSENT" 60 || fail=1
cpcon_since | grep -q "pagetest: ok" && { echo "FAIL: more pages than frames"; fail=1; }
cpcon_send "query names"
cpcon_wait "^OPERATOR" || fail=1
cpcon_send "system clear"
cpcon_wait "^STORAGE CLEARED - SYSTEM RESET" || fail=1
cpcon_send "query storage"
cpcon_wait "^STORAGE = 16384K" || fail=1
free1=$(cpcon_since | sed -n 's/.*FRAMES [0-9]* (\([0-9]*\) FREE).*/\1/p')
if [ -z "$free1" ] || [ $((free0 - free1)) -gt 64 ]; then
    echo "FAIL: frames not given back: $free0 free before, $free1 after"
    fail=1
fi
cpcon_stop
[ $fail = 0 ] && echo "ok: out of frames, CP stops the guest and goes on ($free0 frames free, $free1 after SYSTEM CLEAR)"
exit $fail
