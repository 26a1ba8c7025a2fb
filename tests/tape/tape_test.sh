#!/bin/sh
# tape_test.sh - the 3420 tape drive as a program sees it and as a user
# attaches it:
#   1. tests/tape/tapeio.c (IPLed from the reader) writes three files on a
#      tape that `cpcms machine --tape` creates, reads them back, spaces,
#      reads backward, overwrites; then again with the tape file protected
#      (FILE,ro@CUU), which must leave the image untouched;
#   2. IPL from tape: tools/deck2aws puts hello's deck and tapeio's deck on
#      tapes; `--ipl 180` runs them; the operator's unload and mount;
#   3. with Hercules' tape tools (skipped, with a message, without them):
#      tapemap and hetmap read what cpcms wrote, hetupd's copy of it is
#      byte for byte the same, and a label tape made by hetinit is read by
#      tapeio;
#   4. bad input: malformed --tape arguments, a missing read-only tape, a
#      directory, an IPL from garbage, deck2aws on a truncated deck.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D=$B/tests/tape/tapeio.deck
H=$B/tests/sa/hello.deck
for f in "$D" "$H" "$B/tools/deck2aws"; do
    [ -f "$f" ] || { echo "FAIL: $f not built"; exit 1; }
done
fail=0
bad() { echo "FAIL: $*"; fail=1; }
machine() { "$B/cpcms" machine --deterministic --max-seconds 60 "$@" < /dev/null; }

# 1. Write and read back; then file protected.
machine --reader "$D" --tape "$T/t.aws@180" --ipl 00C > "$T/out" 2>&1
status=$?
cat "$T/out"
[ $status = 0 ] || bad "tapeio on a new tape: status $status"
for line in "blank tape: writing 3 files" "positioning checked" \
            "overwrite cut off the rest" "tapeio: done"; do
    grep -q "$line" "$T/out" || bad "tapeio: no '$line'"
done
sum1=$(cksum < "$T/t.aws")
machine --reader "$D" --tape "$T/t.aws,ro@180" --ipl 00C > "$T/out" 2>&1
status=$?
cat "$T/out"
[ $status = 0 ] || bad "tapeio on the protected tape: status $status"
grep -q "file protected, write rejected" "$T/out" || bad "tapeio: write not rejected"
[ "$(cksum < "$T/t.aws")" = "$sum1" ] || bad "the file-protected image changed"

# 2. IPL from tape.
"$B/tools/deck2aws" "$H" "$T/hello.aws" || bad "deck2aws hello"
machine --tape "$T/hello.aws@180" --ipl 180 > "$T/out" 2>&1
status=$?
cat "$T/out"
[ $status = 0 ] && grep -q "^Hello, S/370!" "$T/out" || bad "IPL hello from tape: status $status"
"$B/tools/deck2aws" "$D" "$T/tapeio.aws" || bad "deck2aws tapeio"
machine --tape "$T/tapeio.aws,ro@181" --tape "$T/t.aws,ro@180" --ipl 181 > "$T/out" 2>&1
status=$?
[ $status = 0 ] && grep -q "tapeio: done" "$T/out" || { cat "$T/out"; bad "IPL tapeio from tape: status $status"; }

# The operator unloads the tape (IPL then fails: not ready), mounts it
# again file protected, and IPLs.
printf 'unload 180\nipl 180\nmount 180 %s,ro\nipl 180\n' "$T/hello.aws" |
    "$B/cpcms" machine --operator --tape "$T/hello.aws@180" --deterministic \
        --max-seconds 60 > "$T/out" 2>&1
status=$?
cat "$T/out"
[ $status = 0 ] && grep -q "180: unloaded" "$T/out" && grep -q "ipl: 180: IPL failed" "$T/out" &&
    grep -q "mounted file protected" "$T/out" && grep -q "^Hello, S/370!" "$T/out" ||
    bad "operator unload, mount and IPL: status $status"

# 3. Hercules' tape tools.
if command -v tapemap > /dev/null && command -v hetmap > /dev/null &&
   command -v hetupd > /dev/null && command -v hetinit > /dev/null; then
    # tapemap counts AWS segments: the 70,000-byte block is two of them.
    tapemap "$T/t.aws" 2> /dev/null | grep '^File' > "$T/map"
    cat > "$T/want" <<'EOF'
File 1: Blocks=6, block size min=1, max=65535
File 2: Blocks=3, block size min=17, max=2000
File 3: Blocks=0, block size min=0, max=0
EOF
    cmp -s "$T/map" "$T/want" || { diff "$T/want" "$T/map"; bad "tapemap of cpcms's tape"; }
    cards=$(( $(wc -c < "$H") / 80 ))
    hetmap -t "$T/hello.aws" 2> /dev/null | grep -q "^File 1: Blocks=$cards, block size min=80, max=80" ||
        bad "hetmap of the IPL tape"
    hetupd -d "$T/hello.aws" "$T/copy.aws" > /dev/null 2>&1 || bad "hetupd failed"
    cmp "$T/hello.aws" "$T/copy.aws" || bad "Hercules' copy of the IPL tape differs"
    hetinit -d "$T/label.aws" CPC001 TEST > /dev/null 2>&1 || bad "hetinit failed"
    machine --reader "$D" --tape "$T/label.aws,ro@180" --ipl 00C > "$T/out" 2>&1
    status=$?
    cat "$T/out"
    [ $status = 0 ] && grep -q "label VOL1 CPC001" "$T/out" &&
        grep -q "2 blocks in file 1" "$T/out" || bad "hetinit's label tape: status $status"
else
    echo "Hercules tape tools not installed: cross-checks skipped"
fi

# 4. Bad input: a clear message and a distinct status, never a crash.
expect() { # STATUS PATTERN -- cpcms machine arguments
    want=$1 pat=$2
    shift 3
    "$B/cpcms" machine "$@" < /dev/null > "$T/out" 2>&1
    status=$?
    if [ $status != "$want" ] || ! grep -q "$pat" "$T/out"; then
        cat "$T/out"
        bad "cpcms machine $*: status $status, wanted $want and '$pat'"
    fi
}
expect 2 "give FILE@CUU" -- --tape "$T/x.aws" --ipl 180
expect 2 "give FILE@CUU" -- --tape "$T/x.aws@G00" --ipl 180
expect 127 "No such file" -- --tape "$T/none.aws,ro@180" --ipl 180
expect 127 "not a regular file" -- --tape "$T,ro@180" --ipl 180
expect 127 "Is a directory" -- --tape "$T@180" --ipl 180
expect 127 "eot=" -- --tape "$T/x.aws,eot=0@180" --ipl 180
head -c 1000 /dev/zero | tr '\0' x > "$T/junk.aws"
expect 127 "tape: .*offset 0" -- --tape "$T/junk.aws,ro@180" --ipl 180
expect 127 "tape: read past the end of the recorded data" -- --tape "$T/blank.aws@180" --ipl 180
[ -f "$T/blank.aws" ] && [ ! -s "$T/blank.aws" ] || bad "--tape did not create a blank tape"
head -c 100 "$D" > "$T/short.deck"
if "$B/tools/deck2aws" "$T/short.deck" "$T/short.aws" 2> "$T/err"; then
    bad "deck2aws took a truncated deck"
fi
grep -q "truncated deck" "$T/err" || bad "deck2aws: no message"
[ -e "$T/short.aws" ] && bad "deck2aws left an output file"
exit $fail
