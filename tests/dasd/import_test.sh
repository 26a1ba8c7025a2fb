#!/bin/sh
# import_test.sh - `cpcms dasd import|export|copy` against real Hercules
# volumes (../shared/testdata/hercules-ckd, copied first: never changed).
#
# Each volume imports with the volser, device type and cylinders that an
# independent reading (herc_ref.py: Python's zlib/bz2/sqlite3, no code of
# ours) finds, and the same track images; `cpcms dasd check` passes; the
# exports (CCKD zlib, CCKD bzip2, CCKD uncompressed, CKD) read back, by
# herc_ref.py and by Hercules' cckd2ckd, to track images identical to the
# original's; Hercules' dasdls and cckdcdsk accept them.  Truncated,
# bit-flipped and foreign files are refused with a message naming them,
# never a crash.  The Hercules cases are skipped without Hercules' tools,
# the independent reading without python3.
B=${B:-build}
D=${HERC_TESTDATA:-../shared/testdata/hercules-ckd}
[ -d "$D" ] || D=/work/shared/testdata/hercules-ckd
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
REF="python3 tests/dasd/herc_ref.py"
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
bad() { echo "FAIL: $*"; fail=1; }
have() { command -v "$1" > /dev/null 2>&1; }
if [ ! -f "$D/vm50u1.cckd" ]; then
    echo "skip: no test volumes in $D"
    exit 0
fi
have python3 || echo "skip: no python3 for the independent reading"
have cckd2ckd && have dasdls && have cckdcdsk || echo "skip: no Hercules utilities (dasdls, cckdcdsk, cckd2ckd)"

# volume type cylinders volser
for spec in "vm50u1 3350 555 VM50U1" "mcat01 3350 555 MCAT01" "vm14-0 2314 203 VM14-0" \
            "vm14-3 2314 203 VM14-3"; do
    set -- $spec
    v=$1 type=$2 cyls=$3 volser=$4
    cp "$D/$v.cckd" "$T/$v.cckd"
    chmod u+w "$T/$v.cckd"
    tracks=$((cyls * $([ "$type" = 2314 ] && echo 20 || echo 30)))
    expect 0 "$type, $cyls cylinders, $tracks tracks, volume $volser (from the VOL1 label)" \
        dasd import "$T/$v.cckd" "$T/$v.vol"
    expect 0 "type:       $type (CKD" dasd info "$T/$v.vol"
    expect 0 "$tracks tracks: ok" dasd check "$T/$v.vol"
    expect 0 "Hercules CCKD (zlib)" dasd export "$T/$v.vol" "$T/$v.z.cckd"
    expect 0 "Hercules CCKD (bzip2)" dasd export --compress bzip2 "$T/$v.vol" "$T/$v.b.cckd"
    expect 0 "Hercules CCKD (uncompressed)" dasd export --compress none "$T/$v.vol" "$T/$v.n.cckd"
    # (the uncompressed CKD export on the small 2314s only: a 3350's is 324 MB)
    [ $type = 2314 ] && expect 0 "Hercules CKD" dasd export --ckd "$T/$v.vol" "$T/$v.ckd"
    cmp -s "$T/$v.cckd" "$D/$v.cckd" || bad "$v: the copy of the test volume changed"
    if have python3; then
        # The original as read independently: geometry, label, every track.
        $REF image "$T/$v.cckd" > "$T/$v.ref" || bad "$v: herc_ref.py cannot read the original"
        grep -qx "cyls $cyls" "$T/$v.ref" || bad "$v: herc_ref.py finds no $cyls cylinders"
        grep -qx "volser $volser" "$T/$v.ref" || bad "$v: herc_ref.py finds no volser $volser"
        $REF volume "$T/$v.vol" > "$T/$v.vref"
        cmp -s "$T/$v.ref" "$T/$v.vref" || { bad "$v: the imported tracks differ"; diff "$T/$v.ref" "$T/$v.vref" | head -5; }
        for x in z.cckd b.cckd n.cckd $([ $type = 2314 ] && echo ckd); do
            $REF image "$T/$v.$x" > "$T/$v.$x.ref"
            cmp -s "$T/$v.ref" "$T/$v.$x.ref" || { bad "$v: the $x export's tracks differ"; diff "$T/$v.ref" "$T/$v.$x.ref" | head -5; }
        done
        echo "ok: $v: import and exports read independently to the original's tracks"
    fi
    if have cckd2ckd && have dasdls && have cckdcdsk; then
        # Hercules' own reading: original and exports converted to CKD.
        (cd "$T" && cckd2ckd -q "$v.cckd" "$v.orig.ckd") > /dev/null 2>&1 || bad "$v: cckd2ckd original"
        # (bzip2 and uncompressed: cckd2ckd on the 2314s only, to save time)
        for x in z b n; do
            if [ $x = z ] || [ $type = 2314 ]; then
                (cd "$T" && cckd2ckd -q "$v.$x.cckd" "$v.re.ckd") > /dev/null 2>&1 || bad "$v: cckd2ckd $x"
                cmp -s "$T/$v.orig.ckd" "$T/$v.re.ckd" || bad "$v: Hercules reads the $x export differently"
                rm -f "$T/$v.re.ckd"
            fi
            (cd "$T" && cckdcdsk -ro "$v.$x.cckd") > "$T/cdsk" 2>&1
            [ -s "$T/cdsk" ] && { bad "$v: cckdcdsk on the $x export:"; head -5 "$T/cdsk"; }
        done
        if [ $type = 2314 ]; then
            cmp -s "$T/$v.orig.ckd" "$T/$v.ckd" || bad "$v: the CKD export differs from cckd2ckd's"
        fi
        # dasdls says the same of the original and of each export.
        (cd "$T" && dasdls "$v.cckd") 2>&1 | sed "s/$v\.cckd/IMG/" > "$T/ls.orig"
        for x in z.cckd b.cckd n.cckd $([ $type = 2314 ] && echo ckd); do
            (cd "$T" && dasdls "$v.$x") 2>&1 | sed "s/$v\.$x/IMG/" | cmp -s - "$T/ls.orig" ||
                bad "$v: dasdls reads the $x export differently"
        done
        rm -f "$T/$v.orig.ckd"
        if [ "$type" = 3350 ]; then
            # Hercules 3.13's level-3 check also decompresses every track (it
            # rejects the 2314 originals' count fields, so only the 3350s).
            (cd "$T" && cckdcdsk -3 -ro "$v.z.cckd" "$v.b.cckd") > "$T/cdsk" 2>&1
            [ -s "$T/cdsk" ] && { bad "$v: cckdcdsk -3:"; head -5 "$T/cdsk"; }
            (cd "$T" && dasdls "$v.z.cckd" && dasdls "$v.b.cckd") > "$T/ls" 2>&1
            [ "$(grep -c "VOLSER=$volser" "$T/ls")" = 2 ] || { bad "$v: dasdls:"; cat "$T/ls"; }
        fi
        echo "ok: $v: Hercules reads the exports as the original"
    fi
    rm -f "$T/$v.ckd" "$T/$v".?.cckd
done

# Images made by Hercules' own dasdinit, every type and format.
if have dasdinit && have python3; then
    for type in 2314 3330 3340 3350 3380; do
        for f in "" -z -bz2; do
            rm -f "$T/d.img" "$T/d.vol"
            (cd "$T" && dasdinit $f d.img $type D$type 2) > /dev/null 2>&1 || bad "dasdinit $f $type"
            expect 0 "$type, 2 cylinders, .* volume D$type (from the VOL1 label)" \
                dasd import "$T/d.img" "$T/d.vol"
            $REF image "$T/d.img" > "$T/d.ref"
            $REF volume "$T/d.vol" | cmp -s - "$T/d.ref" || bad "dasdinit $f $type: the imported tracks differ"
        done
    done
    rm -f "$T/d.img" "$T/d.vol"
    (cd "$T" && dasdinit -z -a d.img 3330-11 ALT001) > /dev/null 2>&1 || bad "dasdinit -z -a 3330-11"
    expect 0 "3330-11, 815 cylinders, 15485 tracks, volume ALT001" dasd import "$T/d.img" "$T/d.vol"
    rm -f "$T/d.img" "$T/d.vol"
fi

# Copy: the same tracks, the durability asked for.
expect 0 "vm14-0.vol -> $T/c.vol: 2314, 203 cylinders" dasd copy --fast "$T/vm14-0.vol" "$T/c.vol"
expect 0 "fast (synchronous=OFF)" dasd info "$T/c.vol"
expect 0 "volume:     VM14-0" dasd info "$T/c.vol"
expect 0 "4060 tracks: ok" dasd check "$T/c.vol"
if have python3; then
    $REF volume "$T/c.vol" | cmp -s - "$T/vm14-0.vref" || bad "copy: the tracks differ"
fi
expect 0 "c2.vol: 2314" dasd copy "$T/c.vol" "$T/c2.vol"
expect 0 "fast (synchronous=OFF)" dasd info "$T/c2.vol"
expect 1 "c.vol: the file exists" dasd copy "$T/vm14-0.vol" "$T/c.vol"
expect 1 "nothing.vol: No such file" dasd copy "$T/nothing.vol" "$T/c3.vol"
expect 2 "usage" dasd copy --fast --durable "$T/c.vol" "$T/c3.vol"

# A volume made here goes out and back in; `dasd create` wrote IPL1,
# IPL2 and VOL1 on track 0 as dasdinit does, so the serial comes from the
# label unless --volser says otherwise, and Hercules' dasdls reads it.
"$B/cpcms" dasd create 3380 3 NEW380 "$T/new.vol" > /dev/null || bad "create 3380"
expect 0 "Hercules CKD" dasd export --ckd "$T/new.vol" "$T/new380.ckd"
expect 0 "3380, 3 cylinders, 45 tracks, volume NEW380 (from the VOL1 label)" \
    dasd import "$T/new380.ckd" "$T/back.vol"
expect 0 "volume XY1" dasd import --fast --volser XY1 "$T/new380.ckd" "$T/back2.vol"
expect 0 "fast (synchronous=OFF)" dasd info "$T/back2.vol"
expect 1 "back2.vol: the file exists" dasd export "$T/back.vol" "$T/back2.vol"
expect 0 "volume:     XY1" dasd info "$T/back2.vol"      # left as it was
expect 1 "new380.ckd: the file exists" dasd export "$T/back.vol" "$T/new380.ckd"
expect 1 "volume serial 'lower'" dasd import --volser lower "$T/new380.ckd" "$T/low.vol"
[ -e "$T/low.vol" ] && bad "a refused import left its volume file"
expect 2 "usage" dasd export --ckd --compress zlib "$T/back.vol" "$T/x.cckd"
expect 2 "usage" dasd export --compress lzma "$T/back.vol" "$T/x.cckd"
expect 2 "usage" dasd import "$T/new380.ckd"
if have dasdls; then
    (cd "$T" && dasdls new380.ckd) > "$T/ls" 2>&1
    grep -q "^VOL1 " "$T/ls" && ! grep -q "error" "$T/ls" ||
        { bad "dasdls on an exported 3380:"; cat "$T/ls"; }
fi

# Bad input: each refused with the file named, exit 1, no volume left.
printf 'hello\n' > "$T/short.cckd"
expect 1 "short.cckd: 6 bytes: too short" dasd import "$T/short.cckd" "$T/x.vol"
head -c 4096 /dev/urandom > "$T/random.img"
expect 1 "random.img: not a Hercules CKD or CCKD image" dasd import "$T/random.img" "$T/x.vol"
expect 1 "vm14-0.vol: not a Hercules" dasd import "$T/vm14-0.vol" "$T/x.vol"
expect 1 "new.vol: the file exists" dasd import "$T/new380.ckd" "$T/new.vol"
head -c 100000 "$T/vm14-0.cckd" > "$T/trunc.cckd"
expect 1 "trunc.cckd: the header says 261437 bytes, the file has 100000: truncated" \
    dasd import "$T/trunc.cckd" "$T/x.vol"
head -c 20000 "$T/new380.ckd" > "$T/trunc.ckd"
expect 1 "trunc.ckd: .* not whole cylinders" dasd import "$T/trunc.ckd" "$T/x.vol"
[ -e "$T/x.vol" ] && bad "a refused import left its volume file"
# patch FILE OFFSET HEX-BYTES: a doctored copy of FILE in $T/p.img
patch() {
    cp "$1" "$T/p.img"
    printf "$3" | dd of="$T/p.img" bs=1 seek="$2" conv=notrunc 2> /dev/null
}
patch "$T/vm50u1.cckd" 0 'CKD_S370'
expect 1 "p.img: a CCKD shadow file" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 17 '\001'
expect 1 "p.img: file 1 of a volume in several files" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 16 '\220'
expect 1 "p.img: device type byte 90 with 30 heads" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 8 '\017'
expect 1 "p.img: device type byte 50 with 15 heads" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 552 '\100\002'
expect 1 "p.img: 576 cylinders: a 3350 has 1 to 560" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 520 '\000\002'
expect 1 "p.img: 512 entries in each level-2 table" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 1027 '\177'
expect 1 "p.img: level-1 entry 0: level-2 table at offset" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 556 '\002'
expect 1 "p.img: null track format 2" dasd import "$T/p.img" "$T/x.vol"
# Track 0's level-2 entry is at the level-1 table's first offset (0x508
# in vm50u1); its zlib-compressed image is at 0x1B36 (6966).
patch "$T/vm50u1.cckd" 1288 '\377\377\377\177'
expect 1 "p.img: a track image at offset 2147483647 (177 bytes) is past the end" \
    dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 6966 '\007'
expect 1 "p.img: track 0: header byte 07 is no compression code" dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 6968 '\001'
expect 1 "p.img: track 0 (cylinder 0 head 0): its header says cylinder 1 head 0" \
    dasd import "$T/p.img" "$T/x.vol"
patch "$T/vm50u1.cckd" 6990 '\125\125'
expect 1 "p.img: track 0: zlib data" dasd import "$T/p.img" "$T/x.vol"
[ -e "$T/x.vol" ] && bad "a refused import left its volume file"

# Random bit flips in each format: refused with the file named, or
# imported to a volume that checks; never a crash.
"$B/cpcms" dasd export --ckd "$T/vm14-3.vol" "$T/flip.ckd" > /dev/null
for img in "$T/vm14-0.cckd" "$T/vm14-3.cckd" "$T/flip.ckd"; do
    size=$(wc -c < "$img")
    lim=$((size < 4096 ? size : 4096))
    n=0 crash=0 refused=0 took=0 seed=12345
    while [ $n -lt 40 ]; do
        seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
        # Half the flips in the headers and tables (CKD: the device
        # header's fields, then the first tracks), the rest anywhere.
        case $img in
        *.ckd) if [ $((n % 2)) = 0 ]; then off=$((seed % 20)); else off=$((512 + seed % 16384)); fi ;;
        *) if [ $((n % 2)) = 0 ]; then off=$((seed % lim)); else off=$((seed % size)); fi ;;
        esac
        bit=$((1 << (seed / 7 % 8)))
        cp "$img" "$T/f.img"
        byte=$(od -An -tu1 -j "$off" -N1 "$T/f.img" | tr -d ' ')
        printf "$(printf '\\%03o' $(( (byte ^ bit) & 255 )))" | \
            dd of="$T/f.img" bs=1 seek="$off" conv=notrunc 2> /dev/null
        rm -f "$T/f.vol"
        "$B/cpcms" dasd import --fast "$T/f.img" "$T/f.vol" > "$T/out" 2>&1
        st=$?
        if [ $st = 0 ]; then
            took=$((took + 1))
            "$B/cpcms" dasd check "$T/f.vol" > /dev/null 2>&1 || bad "flip at $off of $img: imported a volume that fails check"
        elif [ $st = 1 ] && grep -q "f.img: " "$T/out" && [ ! -e "$T/f.vol" ]; then
            refused=$((refused + 1))
        else
            crash=$((crash + 1)); bad "flip at $off of $img: status $st"; cat "$T/out"
        fi
        n=$((n + 1))
    done
    echo "ok: $(basename "$img"): 40 bit flips: $refused refused, $took imported and checked, $crash crashes"
    [ $refused -gt 0 ] || bad "$(basename "$img"): no bit flip was noticed"
done
exit $fail
