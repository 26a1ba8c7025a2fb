# usersys.sh - sourced by the tests and benchmarks that drive a whole
# cpcms system through a real TN3270 client (s3270, by
# tests/cp/s3270drive.py).  Needs $B (the build directory) and $T (a
# scratch directory); sets fail=1 on a failure.
#
#   usersys_start N CYLS [EXTRA]  sysgen a 3350 of CYLS cylinders with
#                                 MAINT's CMS system disk (190) and users
#                                 USER01..USERnn (password = user id),
#                                 each with IPL 190 and a 191 of 2
#                                 cylinders from cylinder 10 (EXTRA: more
#                                 directory lines for USER01, "\n"
#                                 between them); start the system on
#                                 it: $port, $pid, fd 3 its console;
#                                 sysgen's output in $T/sysgen.out; the
#                                 last $PAGING cylinders (default 0) are
#                                 the paging area, $SPOOL (default 0)
#                                 before them the spool area
#   (both start it with $STORAGE of real storage, if set: --storage)
#   usersys_boot                  start the system of $T/data (the default
#                                 system, made on first use, if there is
#                                 no sysres.vol there): $port, $pid, fd 3
#   session NAME < STEPS          one s3270 session: screens in
#                                 $T/NAME.screens, output in $T/NAME.out
#   at_once N STEPS               N sessions at once, for USER01..USERnn,
#                                 each with the steps `STEPS USERnn`
#                                 writes (a failure shows in its files:
#                                 the sessions are subshells)
#   logon USER                    the steps of LOGON up to CMS's Ready,
#                                 with stamps "logon" and "ready"
#   logon_times FILES...          the LOGON to Ready seconds the stamps
#                                 in the sessions' outputs say, one a line
#   usersys_stop                  SHUTDOWN, and wait for it
usersys_start() {
    mkdir -p "$T/data"
    {
        printf 'USER MAINT MAINT 4M 16M ABCDEFG\n IPL 190\n CONSOLE 009 3215\n'
        printf ' MDISK 190 3350 100 030 CPSYS1 MR ALL\n'
        printf 'USER OPERATOR OPERATOR 2M 16M ABCDEFGH\n CONSOLE 009 3215\n'
        for i in $(seq 1 "$1"); do
            u=$(printf USER%02d "$i")
            printf 'USER %s %s 2M 4M G\n IPL 190\n CONSOLE 009 3215\n' "$u" "$u"
            printf ' LINK MAINT 190 190 RR\n MDISK 191 3350 %03d 002 CPSYS1 W\n' $((8 + 2 * i))
            [ "$i" = 1 ] && [ -n "$3" ] && printf '%b\n' "$3"
        done
    } > "$T/users.direct"
    "$B/cpcms" sysgen --cylinders "$2" --paging "${PAGING:-0}" --spool "${SPOOL:-0}" --directory "$T/users.direct" "$T/data/sysres.vol" \
        > "$T/sysgen.out" 2>&1 || { cat "$T/sysgen.out"; echo "FAIL: sysgen"; exit 1; }
    usersys_boot
}
usersys_boot() {
    mkfifo "$T/console.in"
    sleep 3600 > "$T/console.in" 2>/dev/null &
    feeder=$!
    "$B/cpcms" --data "$T/data" --listen 127.0.0.1:0 ${STORAGE:+--storage $STORAGE} < "$T/console.in" > "$T/console.out" 2>&1 &
    pid=$!
    exec 3> "$T/console.in"
    port=
    for i in $(seq 600); do
        port=$(sed -n 's/.*listening on port //p' "$T/console.out" | head -1)
        grep -q "DMKCPI957I CP READY" "$T/console.out" && [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { cat "$T/console.out"; echo "FAIL: the system did not come up"; exit 1; }
}
usersys_stop() {
    echo shutdown >&3
    wait $pid
    kill $feeder 2>/dev/null
}
session() {
    S3270_LOG="$T/$1.screens" timeout 300 python3 tests/cp/s3270drive.py "127.0.0.1:$port" \
        > "$T/$1.out" 2>&1 || { echo "FAIL: session $1:"; grep -v "screen: *$" "$T/$1.out" | tail -25; fail=1; }
}
logon() {
    cat <<EOS
wait Type LOGON and your user id
type logon $1
enter
wait ENTER PASSWORD:
type $1
stamp logon
enter
wait Ready;
stamp ready
EOS
}
logon_times() {
    awk '/^stamp: logon/ {t = $3} /^stamp: ready/ {printf "%.3f\n", $3 - t}' "$@"
}
at_once() {
    pids=
    for i in $(seq 1 "$1"); do
        u=$(printf USER%02d "$i")
        "$2" "$u" | session "$u" &
        pids="$pids $!"
    done
    wait $pids
}
