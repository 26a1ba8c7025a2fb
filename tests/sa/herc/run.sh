#!/bin/sh
# run.sh - IPL a stand-alone deck on Hercules 3.13 in ESA/390 mode and show
# its console output; exit with the code in the disabled-wait PSW.
#
# usage: run.sh DECK           (decks built against console_css.c)
#
# Hercules runs headless (-d) from a script: the automatic operator quits
# when the CPU enters a disabled wait (HHCCP011I); 60 s is the limit.
# The console is a 3215-C with code page 819/037 (the runtime writes CP037);
# the card reader is a 3505 reading the binary deck (option ebcdic).
deck=$1
[ -f "$deck" ] || { echo "usage: $0 DECK" >&2; exit 2; }
case $deck in /*) ;; *) deck=$PWD/$deck ;; esac
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT INT TERM
cat > "$d/herc.cnf" <<EOC
ARCHMODE  ESA/390
MAINSIZE  2
NUMCPU    1
CODEPAGE  819/037
0009 3215-C / noprompt
000C 3505 $deck ebcdic eof
EOC
printf 'hao tgt HHCCP011I\nhao cmd quit\nipl 00c\n' > "$d/herc.rc"
(cd "$d" && HERCULES_RC=herc.rc timeout 60 hercules -f herc.cnf -d \
	< /dev/null > log 2>&1)
# The console lines sit between the IPL and the wait message; Hercules'
# own messages (HHC..., and their indented continuations) are dropped.
sed -n '/^ipl 00c/,/^HHCCP011I/p' "$d/log" | sed '1d;$d' |
	grep -E -v -e '^HHC' -e '^          (HHC|tid=|PSW=)'
psw=$(sed -n 's/^ *PSW=000A0000 \([0-9A-F]\{8\}\).*/\1/p' "$d/log" | head -1)
if [ -z "$psw" ]; then
	echo "run.sh: no disabled wait (see Hercules log below)" >&2
	tail -20 "$d/log" >&2
	exit 255
fi
exit $((0x$psw & 0xFF))
