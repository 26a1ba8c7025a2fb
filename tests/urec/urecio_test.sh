#!/bin/sh
# urecio_test.sh - unit record round trips through the spool database:
# `cpcms spool queue` puts the stand-alone program tests/urec/urecio.c and
# a 40-card deck on the reader queue; `cpcms machine --spool` IPLs the
# program from the spooled 2540 reader, which punches every card and
# prints it on a 20-line form with overflow (channel 12) and skips to
# channel 1; `cpcms spool get` must give the deck back from the punch
# (as text and raw) and the pages from the printer, on a 1403 and on a
# 3211.  Bad databases get a message naming the file.
B=${B:-build}
C=$B/cpcms
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=$B/tests/urec/urecio.deck
[ -f "$D" ] || { echo "FAIL: $D not built"; exit 1; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

i=1
while [ $i -le 40 ]; do echo "DATA CARD $i"; i=$((i + 1)); done > "$T/data.txt"
# The printer's pages: 15 cards a page, a heading and a blank line on top.
awk 'BEGIN { p = 1; printf "PAGE 1\n\n" }
     { print; if (NR % 15 == 0) { p++; printf "\fPAGE %d\n\n", p } }' "$T/data.txt" > "$T/expect.prt"

for prt in 1403 3211; do
    db=$T/$prt.db
    "$C" spool --db "$db" queue "$D" > "$T/id1" || bad "queue the program"
    "$C" spool --db "$db" queue --to 00C --name data "$T/data.txt" > "$T/id2" || bad "queue the deck"
    "$C" machine --spool "$db" --urec 2540R@00C --urec 2540P@00D --urec "$prt@00E" --ipl 00C \
        --deterministic --max-seconds 30 > "$T/out" 2>&1 < /dev/null
    status=$?
    cat "$T/out"
    [ $status = 0 ] || bad "$prt: exit status $status"
    grep -q "urecio: 40 cards after the IPL deck's 0, 3 pages" "$T/out" || bad "$prt: console"
    "$C" spool --db "$db" list > "$T/list" || bad "list"
    cat "$T/list"
    cards=$(( $(wc -c < "$B/tests/urec/urecio.deck") / 80 ))
    grep -Eq " reader +any +read +$cards +$cards .* urecio.deck$" "$T/list" || bad "$prt: program deck not read"
    grep -Eq " reader +00C +read +40 +40 .* data$" "$T/list" || bad "$prt: data deck not read"
    pch=$(awk '$2 == "punch" { print $1 }' "$T/list")
    prn=$(awk '$2 == "printer" { print $1 }' "$T/list")
    grep -Eq " punch +00D +2540P +closed +40 " "$T/list" || bad "$prt: punch file"
    grep -Eq " printer +00E +$prt +closed +46 " "$T/list" || bad "$prt: printer file"
    "$C" spool --db "$db" get "$pch" > "$T/pch.txt" || bad "get punch"
    cmp "$T/data.txt" "$T/pch.txt" || bad "$prt: the punched deck differs"
    "$C" spool --db "$db" get "$prn" > "$T/prt.txt" || bad "get printer"
    cmp "$T/expect.prt" "$T/prt.txt" || { bad "$prt: the printout differs"; diff "$T/expect.prt" "$T/prt.txt" | head; }
    # Raw punch output is a binary deck: queue it again and read it back.
    "$C" spool --db "$db" get --raw --output "$T/pch.bin" "$pch" || bad "get --raw"
    [ "$(wc -c < "$T/pch.bin")" = 3200 ] || bad "raw punch file size"
    id=$("$C" spool --db "$db" queue --binary "$T/pch.bin") || bad "queue --binary"
    "$C" spool --db "$db" get "$id" | cmp - "$T/data.txt" || bad "binary deck round trip"
    # Purge.
    "$C" spool --db "$db" purge --queue punch || bad "purge --queue"
    "$C" spool --db "$db" list punch | grep -q punch && bad "punch files left after purge"
    "$C" spool --db "$db" purge "$prn" || bad "purge ID"
    "$C" spool --db "$db" purge "$prn" 2> "$T/err" && bad "purge of a purged file succeeded"
    grep -q "no file $prn" "$T/err" || bad "purge message"
done

# --reader FILE with --spool: the deck file is the reader at 00C, the
# spool gets the punch and the printer; the program finds no data deck
# (the deck file's reader keeps giving unit exception): status 7.
"$C" machine --reader "$D" --spool "$T/r.db" --ipl 00C --deterministic --max-seconds 30 \
    > "$T/out" 2>&1 < /dev/null
status=$?
[ $status = 7 ] || { bad "--reader with --spool: status $status"; cat "$T/out"; }
grep -q "urecio: no data deck" "$T/out" || bad "--reader with --spool: console"
"$C" spool --db "$T/r.db" list | grep -q reader && bad "--reader with --spool: a spool reader"

# Bad input: a foreign file, a text file, a missing database.
echo "not a database at all" > "$T/junk.db"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
for f in junk.db other.db; do
    "$C" machine --spool "$T/$f" --ipl 00C > "$T/out" 2>&1 < /dev/null
    status=$?
    [ $status = 127 ] || bad "machine --spool $f: status $status"
    grep -q "$T/$f: " "$T/out" || bad "machine --spool $f: message does not name the file"
    cat "$T/out"
    "$C" spool --db "$T/$f" list > /dev/null 2> "$T/err" && bad "spool list $f succeeded"
    grep -q "$T/$f: " "$T/err" || bad "spool list $f: message does not name the file"
    cat "$T/err"
done
mkdir "$T/dir.db"
"$C" machine --spool "$T/dir.db" --ipl 00C > "$T/out" 2>&1 < /dev/null
[ $? = 127 ] && grep -q "$T/dir.db: not a regular file" "$T/out" || bad "--spool on a directory"
"$C" spool --db "$T/nodir/x.db" queue "$T/data.txt" 2> "$T/err" && bad "queue into a missing directory"
grep -q "$T/nodir/x.db: unable to open" "$T/err" || bad "missing directory message"
"$C" spool --db "$T/none.db" get 1 2> "$T/err" && bad "get from a missing database"
grep -q "none.db: No such file" "$T/err" || bad "missing database message"
[ -e "$T/none.db" ] && bad "get created the database"
"$C" machine --urec 1403@00E --ipl 00C > /dev/null 2>&1 < /dev/null
[ $? = 2 ] || bad "--urec without --spool"
"$C" machine --spool "$T/x.db" --urec 1404@00E --ipl 00C > /dev/null 2>&1 < /dev/null
[ $? = 2 ] || bad "--urec with an unknown type"
printf '%081d\n' 0 > "$T/long.txt"
"$C" spool --db "$T/x.db" queue "$T/long.txt" 2> "$T/err" && bad "queued an 81-column line"
grep -q "long.txt: line 1 is 81 characters" "$T/err" || bad "long line message"
exit $fail
