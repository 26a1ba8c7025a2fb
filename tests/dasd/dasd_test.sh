#!/bin/sh
# dasd_test.sh - `cpcms dasd create/info/check` and bad volume files:
# every refusal names the file and what is wrong; `cpcms machine --dasd`
# attaches a volume and IPLs from it.  The cases that doctor a file need
# the sqlite3 shell and are skipped without it.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
# expect STATUS MESSAGE-FRAGMENT COMMAND ARGS... (stdout and stderr together)
expect() {
    want=$1 frag=$2
    shift 2
    "$B/cpcms" "$@" > "$T/out" 2>&1 < /dev/null
    got=$?
    if [ "$got" != "$want" ] || ! grep -q -- "$frag" "$T/out"; then
        echo "FAIL: cpcms $*: status $got (want $want), output:"; cat "$T/out"
        fail=1
    else
        echo "ok: $frag"
    fi
}
V=$T/v.vol
expect 0 "3330, 10 cylinders, 190 tracks, volume TEST01" dasd create 3330 10 TEST01 "$V"
expect 0 "volume:     TEST01" dasd info "$V"
expect 0 "geometry:   10 cylinders, 19 heads, 190 tracks" dasd info "$V"
expect 0 "durable (synchronous=NORMAL)" dasd info "$V"
expect 0 "190 tracks: ok" dasd check "$V"
expect 0 "3380, 2 cylinders, 30 tracks" dasd create --fast 3380 2 PAGE01 "$T/page.vol"
expect 0 "fast (synchronous=OFF)" dasd info "$T/page.vol"
expect 0 "page.vol: durable" dasd set "$T/page.vol" durable
expect 0 "durable (synchronous=NORMAL)" dasd info "$T/page.vol"
expect 0 "page.vol: synced" dasd set "$T/page.vol" synced
expect 0 "synced (synchronous=FULL)" dasd info "$T/page.vol"
expect 0 "3380, 1 cylinders, 15 tracks" dasd create --synced 3380 1 SYNC01 "$T/sync.vol"
expect 0 "synced (synchronous=FULL)" dasd info "$T/sync.vol"
sqlite3 "$T/sync.vol" "UPDATE volume SET durable=7"
expect 1 "sync.vol: durability 7 in the header" dasd info "$T/sync.vol"
expect 2 "usage" dasd set "$T/page.vol" sometimes
expect 1 "v.vol: the file exists" dasd create 3330 10 TEST01 "$V"
expect 2 "unknown device type '3390'" dasd create 3390 10 X "$T/x.vol"
expect 2 "a 3330 has 1 to 404" dasd create 3330 405 X "$T/x.vol"
expect 1 "volume serial 'toolong1'" dasd create 3330 1 toolong1 "$T/x.vol"
expect 2 "usage" dasd frobnicate
expect 1 "nonexistent.vol: No such file" dasd info "$T/nonexistent.vol"
printf 'hello\n' > "$T/short.vol"
expect 1 "short.vol: 6 bytes: too short" dasd info "$T/short.vol"
head -c 4096 /dev/urandom > "$T/random.vol"
expect 1 "random.vol: not an SQLite database" dasd check "$T/random.vol"
# A big volume cut short.
"$B/cpcms" dasd create 3350 555 BIG001 "$T/big.vol" > /dev/null || fail=1
head -c 300000 "$T/big.vol" > "$T/trunc.vol"
expect 1 "trunc.vol: .*corrupt or truncated\|trunc.vol: the header says" dasd info "$T/trunc.vol"
expect 127 "trunc.vol" machine --dasd "$T/trunc.vol@190" --ipl 190
expect 2 "give FILE@CUU" machine --dasd "$V" --ipl 190

if command -v sqlite3 > /dev/null; then
    sqlite3 "$T/foreign.vol" "CREATE TABLE x(a); INSERT INTO x VALUES(1);"
    expect 1 "foreign.vol: an SQLite database, but not a cpcms volume" dasd info "$T/foreign.vol"
    cp "$V" "$T/bad.vol"
    sqlite3 "$T/bad.vol" "UPDATE tracks SET image=x'0000000005FFFFFFFFFFFFFFFF' WHERE track=6"
    expect 1 "cylinder 0 head 6: home address" dasd check "$T/bad.vol"
    cp "$V" "$T/bad2.vol"
    sqlite3 "$T/bad2.vol" "UPDATE tracks SET image=x'00000000010000000100100008' WHERE track=1"
    expect 1 "cylinder 0 head 1: record at offset 5 runs past" dasd check "$T/bad2.vol"
    cp "$V" "$T/bad3.vol"
    sqlite3 "$T/bad3.vol" "DELETE FROM tracks WHERE track=7"
    expect 1 "bad3.vol: the header says 190 tracks, the file holds 189" dasd check "$T/bad3.vol"
    cp "$V" "$T/bad4.vol"
    sqlite3 "$T/bad4.vol" "UPDATE volume SET devtype='9999'"
    expect 1 "bad4.vol: unknown device type '9999'" dasd info "$T/bad4.vol"
    cp "$V" "$T/bad5.vol"
    sqlite3 "$T/bad5.vol" "UPDATE volume SET format=7"
    expect 1 "bad5.vol: volume format 7" dasd info "$T/bad5.vol"

    # IPL: track 0 gets HA, R0, R1 = IPL PSW (BC, address 800) and a CCW
    # reading R2 to 800; R2 = LPSW X'808' and a disabled wait PSW whose
    # address, X'42', becomes the exit status.
    cp "$V" "$T/ipl.vol"
    sqlite3 "$T/ipl.vol" "UPDATE tracks SET image=x'0000000000' ||
        x'0000000000000008' || x'0000000000000000' ||
        x'0000000001000018' || x'0000000000000800' || x'0600080020000010' || x'0000000000000000' ||
        x'0000000002000010' || x'8200080800000000' || x'0002000000000042' ||
        x'FFFFFFFFFFFFFFFF' WHERE track=0"
    expect 0 "190 tracks: ok" dasd check "$T/ipl.vol"
    expect 66 "Disabled wait state, PSW 00020000 00000042" machine --dasd "$T/ipl.vol@190" --ipl 190
    expect 66 "Disabled wait state" machine --dasd "$T/ipl.vol,ro@190" --ipl 190
    # Another process may read the volume while a simulator runs from it
    # (R2 here is a branch to itself).
    cp "$V" "$T/loop.vol"
    sqlite3 "$T/loop.vol" "UPDATE tracks SET image=x'0000000000' ||
        x'0000000000000008' || x'0000000000000000' ||
        x'0000000001000018' || x'0000000000000800' || x'0600080020000010' || x'0000000000000000' ||
        x'0000000002000010' || x'47F0080000000000' || x'0000000000000000' ||
        x'FFFFFFFFFFFFFFFF' WHERE track=0"
    "$B/cpcms" machine --dasd "$T/loop.vol@190" --ipl 190 --max-seconds 2 > /dev/null 2>&1 &
    pid=$!
    sleep 0.5
    expect 0 "190 tracks: ok" dasd check "$T/loop.vol"
    expect 0 "volume:     TEST01" dasd info "$T/loop.vol"
    wait $pid
    [ $? = 124 ] || { echo "FAIL: the looping IPL did not run to its time limit"; fail=1; }
else
    echo "skip: no sqlite3 shell for the doctored-file cases"
fi
exit $fail
