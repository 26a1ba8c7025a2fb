#!/bin/sh
# spool_test.sh - CMS's PUNCH, PRINT and READCARD on CP's spooled unit
# record devices, through real TN3270 sessions (s3270) against the
# default system: USER1 makes a file (COPYFILE of a help file from the
# S-disk, mode A2 as the help file is S2), spools its punch to USER2 and
# PUNCHes it, with a header and without (CP's PUN FILE answer; a file of
# 100-byte records refused with DMSPUN033E), PRINTs it
# with and without CC (QUERY PRINTER ALL: PRT files of one record a
# line); then USER2 sees the file in QUERY READER ALL (the header card
# and a card a record), READCARD * * makes it again under the header's
# name and mode number, TYPE shows the same records as USER1's TYPE,
# LISTFILE says F 80; READCARD COPY DATA reads the deck without a
# header, READCARD HDR DATA the next, with one (not stored); the reader
# is empty afterwards (DMSRDC702E, return code 8).  PRINT (CC of a file
# EDIT wrote whose first line skips to channel 1: one record more.  The
# PRT files, held (SPOOL PRINTER HOLD) until CHANGE ... NOHOLD, wait while
# the operator has the printer drained (DRAIN PRINTER), and after START
# PRT are printed on the default system's real 1403, into its spool
# database, each after its two separator pages.  A PUN file USER1 spools
# TO SYSTEM is punched on the real 2540 after four separator cards; one
# of USER2's after the operator's START PUN NOSEP, with none.
# Decks queued on the real reader (`cpcms spool queue`): one without a
# USERID card is flushed, one with USERID USER2 reaches USER2's reader.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $pid $feeder 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
fail=0
. tests/cms/usersys.sh
usersys_boot

# the file: PUNCH HELPCMS, as the help directory has it
n=$(wc -l < cms/help/PUNCH.HELP)

# the operator drains the printer: the files wait until START
echo "drain printer" >&3
k=0
until grep -q "^PRT 00E DRAINED" "$T/console.out" || [ $k -ge 50 ]; do sleep 0.1; k=$((k + 1)); done
{ logon user1; cat <<'EOS'
clear
type copyfile punch helpcms s poem text a
enter
wait Ready
clear
type type poem text
enter
wait Ready
screen
clear
type cp spool punch to user2
enter
wait Ready
clear
type punch poem text a
enter
wait PUN FILE
wait Ready
screen
clear
type punch poem text (noheader
enter
wait PUN FILE
wait Ready
clear
type punch poem text
enter
wait PUN FILE
wait Ready
clear
type copyfile poem text a long text a (recfm f lrecl 100
enter
wait Ready
clear
type punch long text
enter
wait Ready(
screen
clear
type cp spool punch to system
enter
wait Ready
clear
type punch poem text (noheader
enter
wait PUN FILE
wait Ready
screen
clear
type cp spool printer hold
enter
wait Ready
clear
type print poem text
enter
wait PRT FILE
wait Ready
clear
type print poem text (cc
enter
wait PRT FILE
wait Ready
clear
type edit cc data
enter
wait NEW FILE:
wait EDIT:
type input
enter
wait INPUT:
type 1first, on a new page
enter
sleep 0.2
type 0second, after a blank line
enter
sleep 0.2
clear
type 
enter
wait EDIT:
type file
enter
wait Ready
clear
type print cc data (cc
enter
wait PRT FILE
wait Ready
clear
type cp query printer all
enter
wait Ready
screen
clear
type cp change printer all nohold
enter
wait FILES CHANGED
wait Ready
screen
type logoff
enter
wait LOGOFF AT
EOS
} | session user1

{ logon user2; cat <<'EOS'
clear
type cp query reader all
enter
wait Ready
screen
clear
type readcard * *
enter
wait Ready
screen
clear
type type poem text
enter
wait Ready
screen
clear
type listfile poem text a (date
enter
wait Ready
screen
clear
type readcard copy data
enter
wait Ready
clear
type listfile copy data a (date
enter
wait Ready
screen
clear
type readcard hdr data
enter
wait Ready
clear
type listfile * data a (date
enter
wait Ready
screen
clear
type readcard x y
enter
wait Ready(
screen
type logoff
enter
wait LOGOFF AT
EOS
} | session user2
# a deck from the host: on the machine's reader queue, after a USERID
# card; CP reads it into USER2's reader, where READCARD finds it
printf 'NO USERID CARD HERE\n' > "$T/bad.txt"
"$B/cpcms" spool --db "$T/data/spool.db" queue --text "$T/bad.txt" > /dev/null
printf 'USERID USER2 NAME HOST DATA\nFIRST CARD FROM THE HOST\nSECOND CARD\n' > "$T/deck.txt"
"$B/cpcms" spool --db "$T/data/spool.db" queue --text "$T/deck.txt" > /dev/null
k=0
until [ "$("$B/cpcms" spool --db "$T/data/spool.db" list reader | grep -c " read ")" = 2 ] ||
      [ $k -ge 100 ]; do
    sleep 0.1; k=$((k + 1))
done
# the punch started NOSEP: USER2's PUN file to the system gets no separator
echo "start pun nosep" >&3
k=0
until [ "$(grep -c "^PUN 00D STARTED" "$T/console.out")" = 1 ] || [ $k -ge 50 ]; do
    sleep 0.1; k=$((k + 1))
done
{ logon user2; cat <<'EOS'
clear
type cp query reader all
enter
wait HOST     DATA
wait Ready
screen
clear
type readcard host data a
enter
wait Ready
clear
type type host data
enter
wait SECOND CARD
wait Ready
screen
clear
type cp spool punch to system
enter
wait Ready
clear
type punch host data a (noheader
enter
wait PUN FILE
wait Ready
type logoff
enter
wait LOGOFF AT
EOS
} | session user2host
# let go, and the printer started again, CP prints them on the real 1403
# (sysgen --urec 1403@00E of the default system): on the paper of the
# machine's printer, in its spool database, the three files' 2n+3
# records, each after its separator (two pages and a skip to a new one,
# SEPRECS records: cp/rsep.h), POEM TEXT first
SEPRECS=73
# and the PUN file spooled TO SYSTEM is punched on the real 2540 (00D)
# after its four separator cards; USER2's HOST DATA (2 cards) after it
# with none (the punch started NOSEP)
punched() { "$B/cpcms" spool --db "$T/data/spool.db" list punch 2>/dev/null |
            awk '$2 == "punch" { r += $6 } END { print r + 0 }'; }
printed() { "$B/cpcms" spool --db "$T/data/spool.db" list printer 2>/dev/null |
            awk '$2 == "printer" { r += $6 } END { print r + 0 }'; }
sleep 0.5
[ "$(printed)" = 0 ] && grep -q "^PRT 00E DRAINED" "$T/console.out" &&
    echo "ok: a drained printer prints nothing" ||
    { echo "FAIL: the drained printer printed $(printed) records"; fail=1; }
echo "start prt sometimes" >&3     # not SEP nor NOSEP: refused, still drained
echo "start prt" >&3
k=0
while { [ "$(printed)" -lt $((2 * n + 3 + 3 * SEPRECS)) ] || [ "$(punched)" -lt $((n + 6)) ]; } &&
      [ $k -lt 100 ]; do
    sleep 0.1; k=$((k + 1))
done
usersys_stop

# the screens a session printed, without the prefix and trailing blanks
lines() { sed -n 's/^screen:  //p' "$T/$1.out" | sed 's/ *$//'; }
has() {     # session regexp what
    lines "$1" | grep -Eq "$2" || { echo "FAIL: $3"; lines "$1" | grep -v '^$' | tail -20; fail=1; }
}
# the lines TYPE showed after "type poem text"
typed() { lines "$1" | awk '/^type poem text$/ { k = 1; next } k && /^Ready/ { exit } k'; }

has user1 "^PUN FILE [0-9]{4} TO USER2 COPY 001 NOHOLD" "PUNCH closes the punch: CP's PUN FILE"
has user1 "^DMSPUN033E FILE 'LONG TEXT A2' HAS RECORDS LONGER THAN 80" "PUNCH of 100-byte records refused"
has user1 "^Ready\(00024\);" "... return code 24"
has user1 "^USER1 +[0-9]{4} A PRT 0+$n 001 USER .* POEM +TEXT " "PRINT: a PRT file of a record a line (held)"
[ "$(lines user1 | grep -Ec "^USER1 +[0-9]{4} A PRT 0+$n 001 ")" = 2 ] ||
    { echo "FAIL: PRINT and PRINT (CC: two PRT files of $n records"; lines user1 | grep PRT; fail=1; }
has user1 "^USER1 +[0-9]{4} A PRT 0+3 001 USER .* CC +DATA " "PRINT (CC: a first line's skip is a record of its own"
has user1 "^0003 FILES CHANGED" "CHANGE PRINTER ALL NOHOLD: the three files let go"
has user2 "^USER1 +[0-9]{4} A PUN 0+$((n + 1)) 001 NONE .* POEM +TEXT " \
    "QUERY READER ALL: the header card and a card a record"
has user2 "^USER1 +[0-9]{4} A PUN 0+$n 001 NONE .* POEM +TEXT " "PUNCH (NOHEADER: a card a record"
has user2 "^DMSRDC738I FILE 'POEM TEXT A2' READ, $n CARDS" "READCARD * * names the file by the header"
has user2 "^POEM +TEXT +A2 F +80 +$n " "READCARD writes F 80 records (the header's mode number)"
has user2 "^COPY +DATA +A1 F +80 +$n " "READCARD fn ft of a deck without a header"
has user2 "^HDR +DATA +A2 F +80 +$n " "READCARD fn ft of a deck with a header: the header not stored"
has user2 "^DMSRDC702E NO FILE IN READER" "READCARD of an empty reader"
has user2 "^Ready\(00008\);" "... return code 8"
has user2host "^SYSTEM +[0-9]{4} A RDR 0+2 001 NONE .* HOST +DATA " "a host deck in USER2's reader"
has user2host "^FIRST CARD FROM THE HOST" "READCARD of the host's deck"
grep -q "^DMKRSP815E RDR 00C: NO USERID CARD" "$T/console.out" &&
    echo "ok: a deck without a USERID card flushed" ||
    { echo "FAIL: the deck without a USERID card:"; grep DMKRSP "$T/console.out"; fail=1; }
typed user1 > "$T/typed1"
typed user2 > "$T/typed2"
[ "$(wc -l < "$T/typed1")" = "$n" ] || { echo "FAIL: USER1's TYPE"; cat "$T/typed1"; fail=1; }
cmp -s "$T/typed1" "$T/typed2" ||
    { echo "FAIL: the file READCARD made is not the one punched"; diff "$T/typed1" "$T/typed2"; fail=1; }
id=$("$B/cpcms" spool --db "$T/data/spool.db" list printer | awk '$2 == "printer" { print $1; exit }')
"$B/cpcms" spool --db "$T/data/spool.db" get "$id" > "$T/paper.all" 2>&1
# pages: before the first form feed nothing, then the two separator pages,
# then POEM TEXT
page() { awk -v k="$1" 'BEGIN { RS = "\f" } NR == k' "$T/paper.all"; }
page 4 | head -n "$n" | sed 's/ *$//' > "$T/paper"
for k in 2 3; do
    if page $k | grep -Eq "^USERID USER1 +DIST USER1 +SPOOLID [0-9]{4} FILE POEM +TEXT +CLASS A" &&
       page $k | grep -q "^ UU      UU    SSSSSSSS  EEEEEEEEEE  RRRRRRRR        11" &&
       page $k | grep -Eq "^RECORDS 0+$n COPIES 001 CREATED .* PRINTED ON PRT 00E"; then
        echo "ok: separator page $((k - 1)): USER1's block letters and POEM TEXT's characteristics"
    else
        echo "FAIL: separator page $((k - 1)):"; page $k | head -40; fail=1
    fi
done
[ -z "$(page 1)" ] || { echo "FAIL: the paper does not begin with the separator"; page 1 | head; fail=1; }
# (s3270 shows EBCDIC's brackets as its code page has them, Ý and ¨)
sed 's/ *$//; s/Ý/[/g; s/¨/]/g' "$T/typed1" > "$T/typed1.trim"
pid_=$("$B/cpcms" spool --db "$T/data/spool.db" list punch | awk '$2 == "punch" { print $1; exit }')
"$B/cpcms" spool --db "$T/data/spool.db" get "$pid_" > "$T/cards" 2>&1
if [ "$(punched)" = $((n + 6)) ] &&
   [ "$(head -n 4 "$T/cards" | grep -Ec "^USER1    USER1    [0-9]{4} POEM     TEXT     CLASS A PUN 00D +SEPARATR$")" = 4 ] &&
   sed -n "5,$((n + 4))p" "$T/cards" | sed 's/ *$//' | cmp -s "$T/typed1.trim" - &&
   [ "$(grep -c SEPARATR "$T/cards")" = 4 ] &&
   [ "$(tail -n 2 "$T/cards" | sed 's/ *$//' | tr '\n' /)" = "FIRST CARD FROM THE HOST/SECOND CARD/" ]; then
    echo "ok: the real 2540 punched four separator cards and POEM TEXT, then (NOSEP) HOST DATA alone"
else
    echo "FAIL: the real punch's cards ($(punched), $((n + 6)) wanted):"; head -6 "$T/cards"
    tail -4 "$T/cards"; fail=1
fi
if [ "$(printed)" = $((2 * n + 3 + 3 * SEPRECS)) ] && cmp -s "$T/typed1.trim" "$T/paper"; then
    echo "ok: the PRT files printed on the real 1403: $(printed) records, POEM TEXT's lines on paper"
else
    echo "FAIL: the PRT files not printed on the real 1403 ($(printed) records, $((2 * n + 3 + 3 * SEPRECS)) wanted):"
    diff "$T/typed1.trim" "$T/paper" | head; fail=1
fi
grep -q "^DMKCSO026E OPERAND MISSING OR INVALID" "$T/console.out" ||
    { echo "FAIL: START PRT SOMETIMES was not refused"; fail=1; }
grep -q "^DMKRSP813I PRT 00E 1403 STARTED" "$T/console.out" ||
    { echo "FAIL: CP did not start the 1403:"; grep DMKRSP "$T/console.out"; fail=1; }
[ $fail = 0 ] && echo "ok: PUNCH to another user's reader, READCARD * * back, PRINT; an empty reader"
exit $fail
