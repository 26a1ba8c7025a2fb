# cpcon.sh - sourced by the CP tests: drive CP's operator console through
# a fifo, one command at a time, waiting for what it answers.
#
#   cpcon_start VOLUME [cpcms machine options...]   IPL CP from VOLUME at 123
#   cpcon_port                                       the TN3270 port it listens on
#                                                    (with --tn3270 HOST:0), or ""
#   cpcon_send LINE                                  type a line
#   cpcon_wait PATTERN [SECONDS]                     wait for a new output line
#                                                    matching PATTERN (grep -E)
#   cpcon_autolog_all FMT N SECONDS                  AUTOLOG the users that printf
#                                                    FMT makes of 1..N (U%02d),
#                                                    then wait (up to SECONDS)
#                                                    until N guests have ended
#                                                    (DMKDSP450W), CP is gone, or
#                                                    it said DMKCFM or PANIC
#   cpcon_ipl_guest NAME SECONDS                     IPL NAME (a saved system) in the
#                                                    operator's VM and wait for its
#                                                    disabled wait: its lines before
#                                                    DMKDSP450W in $T/cp; false, with
#                                                    a FAIL line, unless exit(0)
#   cpcon_stop                                       SHUTDOWN; status in $cpcon_status
#   bare_run NAME STORAGE                            $B/tests/cp/NAME.deck IPLed on the
#                                                    bare machine (no CP): its output
#                                                    in $T/bare; false, with a FAIL
#                                                    line, if the machine failed
# Output so far is in $CPCON_OUT; cpcon_mark remembers its length, so that
# cpcon_since prints what came after.
CPCON_OUT=$T/console.out
cpcon_start() {
    vol=$1; shift
    rm -f "$T/console.in"
    mkfifo "$T/console.in"
    : > "$CPCON_OUT"
    "$B/cpcms" machine --dasd "$vol@123" --ipl 123 --max-seconds 120 "$@" \
        < "$T/console.in" > "$CPCON_OUT" 2>&1 &
    cpcon_pid=$!
    exec 3> "$T/console.in"
    cpcon_mark
    cpcon_wait "DMKCPI957I CP READY" 30
}
cpcon_port() { sed -n 's/.*listening on port //p' "$CPCON_OUT" | head -1; }
cpcon_mark() { cpcon_lines=$(wc -l < "$CPCON_OUT"); }
cpcon_since() { tail -n +$((cpcon_lines + 1)) "$CPCON_OUT"; }
cpcon_send() { cpcon_mark; echo "$1" >&3; }
cpcon_wait() {
    n=0
    limit=$(( ${2:-30} * 10 ))
    until cpcon_since | grep -Eq "$1"; do
        n=$((n + 1))
        if [ $n -gt $limit ] || ! kill -0 $cpcon_pid 2>/dev/null; then
            echo "FAIL: no '$1' on the console; it said:"; cpcon_since | tail -20
            return 1
        fi
        sleep 0.1
    done
}
cpcon_autolog_all() {
    cpcon_mark
    i=1
    while [ $i -le $2 ]; do
        echo "autolog $(printf "$1" $i)" >&3
        i=$((i + 1))
    done
    n=0
    while [ $n -lt $(($3 * 5)) ]; do
        [ "$(cpcon_since | grep -c "DMKDSP450W CP ENTERED")" -ge $2 ] && break
        kill -0 $cpcon_pid 2>/dev/null || break
        cpcon_since | grep -q "DMKCFM\|PANIC" && break
        sleep 0.2
        n=$((n + 1))
    done
}
cpcon_ipl_guest() {
    cpcon_send "ipl $1"
    cpcon_wait "^DMKDSP450W" "$2" || return 1
    cpcon_since | sed '/^DMKDSP450W/,$d' > "$T/cp"
    cpcon_since | grep -q "DISABLED WAIT PSW 000A0000 00000000$" ||
        { echo "FAIL: $1 under CP: not exit(0)"; return 1; }
}
bare_run() {
    "$B/cpcms" machine --reader "$B/tests/cp/$1.deck" --ipl 00C --storage "$2" --deterministic \
        --max-seconds 60 < /dev/null > "$T/bare.raw" 2>&1
    bare_status=$?
    grep -v '^Disabled wait state' "$T/bare.raw" > "$T/bare"
    [ $bare_status = 0 ] || { echo "FAIL: bare machine: status $bare_status"; cat "$T/bare.raw"; return 1; }
}
cpcon_stop() {
    cpcon_send shutdown
    exec 3>&-
    wait $cpcon_pid
    cpcon_status=$?
}
