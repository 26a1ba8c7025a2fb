#!/bin/sh
# idle_bench.sh BUILD - what 200 logged-on users idling in a console read
# cost the host (`make bench`), beside the CP issue's target: no
# measurable host CPU.  200 users (AUTOLOG from the operator's console),
# each IPLing tests/bench/idle.S as a saved system: a read on its
# console, an enabled wait.  The host CPU time of the cpcms process
# (utime + stime, /proc) over 10 s with no users, then with the 200.
# The status is nonzero only if the users did not all log on.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'kill $cpcon_pid 2>/dev/null; rm -rf "$T"' EXIT
. tests/cp/cpcon.sh
N=200
{
    printf 'USER OPERATOR OPERATOR 1M 16M ABCDEFGH\n CONSOLE 009 3215\n'
    for i in $(seq 1 $N); do
        printf 'USER IDLE%03d IDLE%03d 256K 1M G\n IPL IDLE\n CONSOLE 009 3215\n' "$i" "$i"
    done
} > "$T/idle.direct"
"$B/cpcms" sysgen --cylinders 20 --directory "$T/idle.direct" --cms none \
    --system IDLE="$B/tests/bench/idle.elf" "$T/sysres.vol" > "$T/sysgen.out" 2>&1 ||
    { cat "$T/sysgen.out"; exit 1; }
cpcon_start "$T/sysres.vol" --max-seconds 600 || exit 1
ticks() { awk '{print $14 + $15}' "/proc/$cpcon_pid/stat"; }
hz=$(getconf CLK_TCK)
measure() { # seconds: the CPU % of one core the process used over them
    a=$(ticks)
    sleep "$1"
    b=$(ticks)
    echo "$a $b $hz $1" | awk '{printf "%.1f", ($2 - $1) / $3 / $4 * 100}'
}
sleep 1
none=$(measure 10)
for i in $(seq 1 $N); do
    echo "autolog $(printf IDLE%03d "$i")" >&3
done
cpcon_wait "AUTO LOGON \*\*\*  IDLE$N" 120 || exit 1
sleep 2
echo "query users" >&3
cpcon_wait "USERS" 10 || exit 1
users=$(cpcon_since | sed -n 's/^ *\([0-9]*\) USERS.*/\1/p' | tail -1)
idle=$(measure 10)
printf 'host CPU, no users logged on:          %5s%% of a core over 10 s\n' "$none"
printf 'host CPU, %3s users idle in a read:    %5s%% of a core over 10 s   target: not measurable\n' \
    "$users" "$idle"
cpcon_stop
[ "$users" -ge $N ]
