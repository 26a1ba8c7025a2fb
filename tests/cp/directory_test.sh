#!/bin/sh
# directory_test.sh - the user directory from source to volume: `cpcms
# sysgen --directory` compiles a VM/370 directory source onto the system
# residence volume, `cpcms directory list` shows it without passwords,
# `cpcms directory password` changes one (checked with `verify`), a bad
# source names its lines and builds nothing, and no password appears in
# any output or, in the clear, in the volume file.  CP still IPLs from
# the volume.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
. tests/check.sh
no_secrets() { # WHAT FILE...: none of the passwords in any of the files
    what=$1; shift
    if cat "$@" | grep -a -i -q -e HUSHMNT -e OPSECRET -e ALPHA7 -e RDPW9 -e WRPW9 -e NEWPASS8; then
        echo "FAIL: a password in the clear: $what"; fail=1
    else
        echo "ok: no password in the clear: $what"
    fi
}

cat > "$T/good.direct" <<'EOF'
* a small system
USER MAINT HushMnt 4M 16M ABCDEFG
 ACCOUNT SYSTEM
 IPL 190
 CONSOLE 009 3215
 SPOOL 00C 2540 READER *
 SPOOL 00E 1403 A
 MDISK 190 3330 020 010 SYSRES MR ALL
 MDISK 191 3330 030 005 SYSRES W RDPW9 WRPW9
USER OPERATOR OPSECRET 2M 4M ABCDEFGH
 CONSOLE 009 3215
 LINK MAINT 190 190 RR
USER ALICE alpha7 1M 2M G
 OPTION ECMODE
 CONSOLE 009 3215
 LINK MAINT 190 190 RR
 MDISK 191 3330 040 002 SYSRES MR
 MDISK 192 3330 T-DISK 3
USER $ALLOC$ NOLOG
 MDISK 101 3330 000 001 SYSRES R
EOF

# $ALLOC$ maps cylinder 0, which holds the system areas: refused, with
# the line, and nothing built.
"$B/cpcms" sysgen --type 3330 --cylinders 60 --volser SYSRES --directory "$T/good.direct" \
    "$T/sysres.vol" > "$T/gen" 2>&1
[ $? = 1 ] || { echo "FAIL: a minidisk over the system area was accepted"; fail=1; }
check "$T/gen" "good.direct:20: MDISK 101: cylinders 0 to [0-9]* of SYSRES hold the IPL records" \
    "minidisk over the system area named with its line"
[ -e "$T/sysres.vol" ] && { echo "FAIL: a refused directory built a volume"; fail=1; }

sed -i 's/^ MDISK 101 3330 000 001 SYSRES R$/ MDISK 101 3330 050 001 OTHER1 R/' "$T/good.direct"
"$B/cpcms" sysgen --type 3330 --cylinders 60 --volser SYSRES --directory "$T/good.direct" \
    "$T/sysres.vol" > "$T/gen" 2>&1 || { cat "$T/gen"; echo "FAIL: sysgen"; exit 1; }
cat "$T/gen"
check "$T/gen" "3330 SYSRES, 60 cylinders; CP nucleus" "sysgen reports the volume"
check "$T/gen" "directory from .*good.direct: 4 users, .* bytes on tracks [0-9]*-[0-9]*; minidisks from cylinder [0-9]" \
    "sysgen reports the directory"
"$B/cpcms" dasd check "$T/sysres.vol" > /dev/null || { echo "FAIL: dasd check"; fail=1; }

"$B/cpcms" directory list "$T/sysres.vol" > "$T/list" 2>&1 || { echo "FAIL: directory list"; fail=1; }
cat "$T/list"
check "$T/list" "^MAINT     ABCDEFG        4M      16M   50  190       SYSTEM$" "MAINT listed"
check "$T/list" "^OPERATOR  ABCDEFGH       2M       4M   50  -         -$" "OPERATOR listed"
check "$T/list" "^ALICE     G              1M       2M   50  -         -$" "ALICE listed"
check "$T/list" "^\$ALLOC\$   G            256K     256K   50  -         -  NOLOG$" "NOLOG user, defaults"
check "$T/list" "^  MDISK    191 3330  SYSRES cylinders 30-34 W  link passwords R set W set M -$" "MDISK listed"
check "$T/list" "^  MDISK    190 3330  SYSRES cylinders 20-29 MR  link passwords R ALL W - M -$" "MDISK with ALL"
check "$T/list" "^  MDISK    192 3330  T-DISK 3 cylinders W$" "T-DISK listed"
check "$T/list" "^  LINK     190 to MAINT 190 RR$" "LINK listed"
check "$T/list" "^  OPTION   ECMODE$" "OPTION listed"
check "$T/list" "^4 users; directory" "user count"
no_secrets "sysgen output and list" "$T/gen" "$T/list"
no_secrets "volume file after sysgen" "$T"/sysres.vol*

# Passwords: the source's, any case; then a change.
echo hushmnt | "$B/cpcms" directory verify "$T/sysres.vol" maint > "$T/v1" 2>&1 ||
    { echo "FAIL: MAINT's password (lower case) refused"; cat "$T/v1"; fail=1; }
echo HUSHMNX | "$B/cpcms" directory verify "$T/sysres.vol" MAINT > "$T/v2" 2>&1 &&
    { echo "FAIL: a wrong password accepted"; fail=1; }
check "$T/v2" "MAINT: password incorrect" "wrong password refused"
echo NOLOG | "$B/cpcms" directory verify "$T/sysres.vol" '$ALLOC$' > "$T/v3" 2>&1 &&
    { echo "FAIL: NOLOG user verified"; fail=1; }
echo NewPass8 | "$B/cpcms" directory password "$T/sysres.vol" alice > "$T/pw" 2>&1 ||
    { echo "FAIL: password change"; cat "$T/pw"; fail=1; }
check "$T/pw" "password of ALICE changed" "password changed"
echo NEWPASS8 | "$B/cpcms" directory verify "$T/sysres.vol" ALICE > "$T/v4" 2>&1 ||
    { echo "FAIL: the new password refused"; cat "$T/v4"; fail=1; }
echo alpha7 | "$B/cpcms" directory verify "$T/sysres.vol" ALICE > "$T/v5" 2>&1 &&
    { echo "FAIL: the old password still accepted"; fail=1; }
echo hushmnt | "$B/cpcms" directory verify "$T/sysres.vol" MAINT > /dev/null 2>&1 ||
    { echo "FAIL: the change touched MAINT"; fail=1; }
"$B/cpcms" directory list "$T/sysres.vol" > "$T/list2" 2>&1
cmp -s "$T/list" "$T/list2" || { echo "FAIL: the list changed with a password"; fail=1; }
"$B/cpcms" dasd check "$T/sysres.vol" > /dev/null || { echo "FAIL: dasd check after the change"; fail=1; }
no_secrets "password change output" "$T/pw" "$T"/v?
no_secrets "volume file after the change" "$T"/sysres.vol*

# Refusals: no such user, a NOLOG user, bad passwords; nothing changes.
cp "$T/sysres.vol" "$T/before.vol"
echo X | "$B/cpcms" directory password "$T/sysres.vol" NOBODY > "$T/e1" 2>&1 && { echo "FAIL: NOBODY"; fail=1; }
check "$T/e1" "no such user" "unknown user refused"
echo X | "$B/cpcms" directory password "$T/sysres.vol" '$ALLOC$' > "$T/e2" 2>&1 && { echo "FAIL: NOLOG"; fail=1; }
check "$T/e2" "is NOLOG" "NOLOG user's password not set"
echo TOOLONGPW | "$B/cpcms" directory password "$T/sysres.vol" ALICE > "$T/e3" 2>&1 && { echo "FAIL: long"; fail=1; }
check "$T/e3" "1 to 8 printable characters" "a long password refused"
printf '' | "$B/cpcms" directory password "$T/sysres.vol" ALICE > "$T/e4" 2>&1 && { echo "FAIL: none"; fail=1; }
check "$T/e4" "no password given" "no password refused"
grep -a -q TOOLONGPW "$T/e3" && { echo "FAIL: the refused password was printed"; fail=1; }
echo NEWPASS8 | "$B/cpcms" directory verify "$T/sysres.vol" ALICE > /dev/null 2>&1 ||
    { echo "FAIL: a refused change changed the password"; fail=1; }
"$B/cpcms" directory list "$T/empty.vol" > "$T/e5" 2>&1 && { echo "FAIL: list of no file"; fail=1; }
"$B/cpcms" dasd create 3330 1 EMPTY1 "$T/empty.vol" > /dev/null
"$B/cpcms" directory list "$T/empty.vol" > "$T/e6" 2>&1 && { echo "FAIL: list of a plain volume"; fail=1; }
check "$T/e6" "not a system residence volume" "a volume without a directory"
"$B/cpcms" directory frob > /dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: bad subcommand status"; fail=1; }

# A bad source: every error with its line, and nothing built.
cat > "$T/bad.direct" <<'EOF'
USER MAINT HUSHMNT 4M 16M ABCDEFG
 MDISK 191 3330 030 005 SYSRES W
 MDISK 191 3330 035 005 SYSRES W
USER MAINT OPSECRET
 FROB 1
USER BOB ALPHA7 3M 1M
 LINK NOBODY 191 191
 MDISK 195 3330 400 10 SYSRES
EOF
"$B/cpcms" sysgen --type 3330 --cylinders 60 --volser SYSRES --directory "$T/bad.direct" \
    "$T/bad.vol" > "$T/bad" 2>&1
[ $? = 1 ] || { echo "FAIL: sysgen of a bad source did not fail"; fail=1; }
cat "$T/bad"
check "$T/bad" "bad.direct:3: virtual address 191 of MAINT is already defined at line 2" "duplicate address"
check "$T/bad" "bad.direct:4: USER MAINT is already defined at line 1" "duplicate user"
check "$T/bad" "bad.direct:5: unknown statement 'FROB'" "unknown statement"
check "$T/bad" "bad.direct:6: USER BOB: the maximum storage size is less than the storage size" "bad storage"
check "$T/bad" "bad.direct:8: MDISK 195: cylinders 400 to 409 lie beyond the 60 cylinders of SYSRES" \
    "minidisk beyond the volume"
check "$T/bad" "bad.direct:7: LINK: there is no user NOBODY" "LINK to no user"
check "$T/bad" "errors in the directory: nothing built" "nothing built"
[ -e "$T/bad.vol" ] && { echo "FAIL: a bad source built a volume"; fail=1; }
no_secrets "messages of a bad source" "$T/bad"
"$B/cpcms" sysgen --directory "$T/none.direct" "$T/bad.vol" > "$T/bad" 2>&1 && { echo "FAIL: no source"; fail=1; }
check "$T/bad" "none.direct: No such file" "a missing source named"

# CP IPLs from a volume with a directory.
echo shutdown | "$B/cpcms" machine --dasd "$T/sysres.vol@150" --ipl 150 --max-seconds 30 > "$T/out" 2>&1 ||
    { echo "FAIL: IPL"; cat "$T/out"; fail=1; }
check "$T/out" "IPL FROM 150 SYSRES" "CP IPLs from the volume"

"$B/cpcms" directory --help | grep -q "cpcms directory password VOLUME USERID" ||
    { echo "FAIL: directory --help"; fail=1; }
"$B/cpcms" sysgen --help | grep -q -- "--directory FILE" || { echo "FAIL: sysgen --help"; fail=1; }
exit $fail
