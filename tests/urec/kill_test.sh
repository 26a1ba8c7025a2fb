#!/bin/sh
# kill_test.sh - no accepted record is lost when the simulator is killed.
# tests/urec/urecio.c, given a "FLOOD n" deck, punches and prints cards
# one channel program each and writes "urecio: done k" on the console
# once card k has been both punched and printed (its programs ended, so
# the devices accepted them).  The simulator is killed with SIGKILL at a
# random moment; every card up to the last k reported must then be in the
# spool database, in order, in both the punch and the printer file, and
# the database must check clean.  Repeated with different moments.
B=${B:-build}
C=$B/cpcms
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=$B/tests/urec/urecio.deck
[ -f "$D" ] || { echo "FAIL: $D not built"; exit 1; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }
db=$T/spool.db
echo "FLOOD 1000000" > "$T/flood.txt"
# The lines card 1..k must give, as the punch and printer text.
awk 'BEGIN { for (k = 1; k <= 200000; k++) print "CARD " k }' > "$T/cards"

run=1
while [ $run -le 6 ]; do
    "$C" spool --db "$db" purge --queue reader 2> /dev/null
    "$C" spool --db "$db" queue "$D" > /dev/null || bad "queue the program"
    "$C" spool --db "$db" queue "$T/flood.txt" > /dev/null || bad "queue the flood deck"
    before=$("$C" spool --db "$db" list | awk 'NR > 1 { n = $1 } END { print n + 0 }')
    "$C" machine --spool "$db" --ipl 00C --max-seconds 60 > "$T/out" 2>&1 < /dev/null &
    pid=$!
    # 0.3 to 1.9 seconds
    sleep "$(awk -v r=$run 'BEGIN { srand(); printf "%.2f", 0.3 + ((r * 0.27 + rand()) % 1.6) }')"
    kill -9 $pid
    wait $pid 2> /dev/null
    k=$(grep '^urecio: done ' "$T/out" | tail -1 | awk '{ print $3 }')
    k=${k:-0}
    "$C" spool --db "$db" list > "$T/list" || { bad "list after kill $run"; cat "$T/list"; }
    pch=$(awk -v b="$before" '$1 > b && $2 == "punch" { print $1 }' "$T/list")
    prn=$(awk -v b="$before" '$1 > b && $2 == "printer" { print $1 }' "$T/list")
    echo "run $run: console reported $k cards; punch file ${pch:-none}, printer file ${prn:-none}"
    if [ "$k" -gt 0 ]; then
        [ -n "$pch" ] && [ -n "$prn" ] || { bad "run $run: output files missing"; cat "$T/list"; }
    fi
    if [ -n "$pch" ]; then
        "$C" spool --db "$db" get "$pch" > "$T/pch" || bad "run $run: get punch"
        n=$(wc -l < "$T/pch")
        [ "$n" -ge "$k" ] || bad "run $run: the punch holds $n cards, the program saw $k accepted"
        [ "$n" -le $((k + 1)) ] || bad "run $run: the punch holds $n cards, more than the $k seen and one"
        head -n "$n" "$T/cards" | cmp -s - "$T/pch" || bad "run $run: punched cards out of order or wrong"
        grep -Eq "^ *$pch +punch +00D +2540P +open " "$T/list" || bad "run $run: the killed punch file is not 'open'"
    fi
    if [ -n "$prn" ]; then
        # 66-line pages: a form feed before each page's first line.
        "$C" spool --db "$db" get "$prn" > "$T/prn.ff" || bad "run $run: get printer"
        tr -d '\f' < "$T/prn.ff" > "$T/prn"
        [ "$(tr -cd '\f' < "$T/prn.ff" | wc -c)" = $(( (n = $(wc -l < "$T/prn")) / 66 )) ] ||
            bad "run $run: not one form feed per 66 lines"
        n=$(wc -l < "$T/prn")
        [ "$n" -ge "$k" ] || bad "run $run: the printer holds $n lines, the program saw $k accepted"
        head -n "$n" "$T/cards" | cmp -s - "$T/prn" || bad "run $run: printed lines out of order or wrong"
    fi
    run=$((run + 1))
done
ok=$(sqlite3 "$db" "PRAGMA integrity_check")
[ "$ok" = ok ] || bad "integrity check: $ok"
exit $fail
