#!/bin/sh
# gdb_test.sh - the GDB remote stub end to end with gdb-multiarch: break at
# main, continue, info registers, x/4x $sp, stepi, continue to the end (the
# program's output appears, the machine exits 0); then Ctrl-C stopping a
# program in an endless loop, and kill.  Skipped without gdb-multiarch.
# The port is the kernel's choice (--gdb 0); every step has a timeout.
B=${B:-build}
command -v gdb-multiarch > /dev/null 2>&1 || { echo "SKIP: gdb-multiarch is not installed"; exit 0; }
elf=$B/tests/sa/hello.elf
deck=$B/tests/sa/hello.deck
[ -f "$elf" ] && [ -f "$deck" ] || { echo "no $deck (make first)"; exit 1; }
main=$(sed -n 's/^0*\([0-9a-fA-F]*\) T main$/\1/p' "$B/tests/sa/hello.sym" | tr A-F a-f)
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2> /dev/null; rm -rf "$tmp"' EXIT
fail=0
. tests/check.sh

# start_machine NAME: the machine in the background, waiting for gdb; sets
# pid and port.
start_machine() {
    timeout 60 "$B/cpcms" machine --gdb 0 --reader "$deck" --ipl 00C --symbols "$elf" \
        --max-seconds 50 > "$tmp/$1.out" 2> "$tmp/$1.err" < /dev/null &
    pid=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's/.*waiting for gdb on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$tmp/$1.err")
        [ -n "$port" ] && return 0
        sleep 0.1
    done
    echo "FAIL: the machine did not listen"; cat "$tmp/$1.err"; exit 1
}

# 1. A session to the end.
start_machine run
timeout 60 gdb-multiarch -batch -nx \
    -ex 'set architecture s390:31-bit' \
    -ex "file $elf" \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'break main' \
    -ex 'continue' \
    -ex 'info registers' \
    -ex 'x/4x $sp' \
    -ex 'stepi' \
    -ex 'p $pc' \
    -ex 'continue' > "$tmp/gdb.out" 2>&1
echo "gdb exit status $?"
wait $pid
status=$?
pid=
cat "$tmp/gdb.out" "$tmp/run.out" "$tmp/run.err"
check "$tmp/gdb.out" "^Breakpoint 1, main ()" "gdb stops at main"
check "$tmp/gdb.out" "^pswa  *0x$main " "pswa is main's address"
check "$tmp/gdb.out" "^pc  *0x$main  *0x$main <main>" "pc is main"
check "$tmp/gdb.out" "^r15  *0x" "info registers shows r15"
check "$tmp/gdb.out" "^fpc  *0x0 " "info registers shows fpc"
sp=$(sed -n 's/^r15  *0x\([0-9a-f]*\) .*/\1/p' "$tmp/gdb.out")
check "$tmp/gdb.out" "^0x$sp:	0x[0-9a-f]*	0x[0-9a-f]*	0x" "x/4x \$sp reads storage at r15 ($sp)"
check "$tmp/gdb.out" "<main+[0-9]*>" "stepi moves into main"
check "$tmp/gdb.out" "exited normally" "gdb sees the program end"
check "$tmp/run.out" "^Hello, S/370!" "the program's output"
[ "$status" -eq 0 ] && echo "ok: the machine exits 0" || { echo "FAIL: the machine exit status $status"; fail=1; }

# 2. Ctrl-C: main+4 made an endless loop (J *), gdb interrupted while it
# runs, the PC still there; then kill (exit status 123).
start_machine loop
timeout 60 gdb-multiarch -batch -nx \
    -ex "file $elf" \
    -ex "target remote 127.0.0.1:$port" \
    -ex 'break main' \
    -ex 'continue' \
    -ex 'set {int}($pc + 4) = 0xa7f40000' \
    -ex 'delete' \
    -ex 'echo running\n' \
    -ex 'continue' \
    -ex 'p $pc' \
    -ex 'kill' > "$tmp/gdb2.out" 2>&1 &
gdbpid=$!
for _ in $(seq 200); do
    grep -q "^running" "$tmp/gdb2.out" 2> /dev/null && break
    sleep 0.1
done
# Interrupt once gdb has resumed the machine; on a loaded host that can
# take a while, so repeat the Ctrl-C until gdb reports the stop.
sleep 2
for _ in $(seq 10); do
    kill -INT $gdbpid 2> /dev/null || break
    for _ in $(seq 30); do
        grep -q "received signal SIGINT" "$tmp/gdb2.out" 2> /dev/null && break 2
        sleep 0.1
    done
done
wait $gdbpid
wait $pid
status=$?
pid=
cat "$tmp/gdb2.out" "$tmp/loop.err"
check "$tmp/gdb2.out" "received signal SIGINT" "Ctrl-C stops the running machine"
check "$tmp/gdb2.out" "<main+4>" "it stopped in the loop at main+4"
check "$tmp/gdb2.out" "killed" "kill"
[ "$status" -eq 123 ] && echo "ok: a killed machine exits 123" || { echo "FAIL: exit status $status after kill"; fail=1; }
exit $fail
