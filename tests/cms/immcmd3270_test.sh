#!/bin/sh
# immcmd3270_test.sh - the immediate commands HT, RT and HX on a 3270,
# through a real TN3270 client (s3270) against the default system: USER1
# makes SLOW EXEC with EDIT, which types LINE 1 to LINE 12 and then DONE,
# copying a 600K file twenty times between two lines (CMS looks for an
# attention at every disk block it reads).  HT typed after LINE 1 stops
# the typing: neither DONE nor every line appears, yet the EXEC runs to
# its end, whose Ready; is typed again.  HT then RT a second
# later: the lines after RT and DONE appear, some before it do not.  HX
# after LINE 1 stops the EXEC: CMS, then Ready;, and no DONE.
B=${B:-build}
T=$(mktemp -d)
trap 'kill $pid $feeder 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$T"' EXIT
fail=0
. tests/cms/usersys.sh
usersys_boot

{ logon user1
    cat <<'EOS'
clear
type edit slow exec
enter
wait NEW FILE:
wait EDIT:
type input
enter
wait INPUT:
EOS
    for l in '&CONTROL OFF' '&I = 0' '-TOP' '&I = &I + 1' '&TYPE LINE &I' '&LOOP 1 20' \
        'COPYFILE BIG FILE A BIG2 FILE A (REPLACE' '&IF &I LT 12 &GOTO -TOP' '&TYPE DONE'; do
        printf 'type %s\nenter\nsleep 0.15\n' "$l"
    done
    cat <<'EOS'
clear
type 
enter
wait EDIT:
type file
enter
wait Ready;
clear
type copyfile slow exec a big file a (recfm f lrecl 65535
enter
wait Ready;
clear
type slow
enter
wait LINE 1
type ht
enter
wait Ready;
stamp ht
screen
clear
type query rdymsg
enter
wait RDYMSG = LMSG
clear
type slow
enter
wait LINE 1
type ht
enter
sleep 1.2
type rt
enter
wait DONE
wait Ready;
stamp rt
screen
clear
type slow
enter
wait LINE 1
type hx
enter
wait Ready;
stamp hx
screen
clear
type logoff
enter
wait LOGOFF AT
EOS
} | session imm

# The screen shown after each EXEC's Ready (the `screen` after a stamp).
shown() { awk -v s="$1" '/^stamp: / { on = $2 == s; next } on && sub(/^screen:  /, "")' "$T/imm.out" |
    sed 's/ *$//'; }
shown ht > "$T/ht"
shown rt > "$T/rt"

lines_ht=$(grep -c '^LINE [0-9]*$' "$T/ht")
if grep -q '^DONE$' "$T/ht" || [ "$(grep '^LINE [0-9]*$' "$T/ht" | sort -u | wc -l)" -ge 12 ]; then
    echo "FAIL: HT did not stop the typing"; fail=1
elif [ "$lines_ht" = 0 ]; then
    echo "FAIL: the EXEC typed nothing before HT"; fail=1
else
    echo "ok: HT stopped the typing: DONE never appeared"
fi
grep -q "^Ready; T=" "$T/ht" && echo "ok: the EXEC's end typed Ready; after HT" ||
    { echo "FAIL: no Ready; after HT"; fail=1; }

shown=$(grep '^LINE [0-9]*$' "$T/rt" | sort -u | wc -l)
if ! grep -q '^DONE$' "$T/rt"; then
    echo "FAIL: RT did not resume the typing (no DONE)"; fail=1
elif [ "$shown" -ge 12 ]; then
    echo "FAIL: every line appeared: HT before RT stopped nothing"; fail=1
elif ! grep -q '^LINE 12$' "$T/rt"; then
    echo "FAIL: LINE 12 (after RT) did not appear"; fail=1
else
    echo "ok: RT resumed the typing: $shown of 12 lines and DONE"
fi
shown hx > "$T/hx"
if grep -q '^DONE$' "$T/hx" || ! grep -q '^CMS$' "$T/hx"; then
    echo "FAIL: HX did not stop the EXEC"; cat "$T/hx"; fail=1
else
    echo "ok: HX stopped the EXEC (CMS, then Ready;)"
fi
usersys_stop
exit $fail
