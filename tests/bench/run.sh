#!/bin/sh
# run.sh BUILD - the machine benchmarks (`make bench`): the pure S/370
# loops of tests/bench/*.S (DAT off and on) and the compiled C workload
# (cwork.c), each run on cpcms and, when it is installed, on Hercules 3.13,
# in the same run, with the MIPS of both and their ratio; then the cost of
# cpcms's deterministic mode, and host instructions per S/370 instruction
# under callgrind.  Benchmarks report what they measured; they are not
# pass/fail tests (the status is nonzero only if a run failed).
#
# MIPS are guest-timed on both machines the same way: the program stores
# STCK before and after its timed part (bit 51 = 1 microsecond) and the
# number of instructions executed there (bench.h).  Each benchmark runs
# BENCH_REPS times (default 3) on each machine, interleaved; the table
# gives the best and the spread ((best - worst) / best).
#
# Before the timed runs every deck runs once in cpcms's deterministic mode,
# where the TOD advances 64 units per instruction, so (end - start) / 64 is
# the exact instruction count: it must equal the loop's own count, and it
# gives the C workload's count, which the same binary repeats on any
# machine (Hercules runs an ESA/390 build whose timed part is identical).
#
# Environment: BENCH_REPS (3), BENCH_ONLY (names, e.g. "mix mix-dat"),
# BENCH_CG_N1 and BENCH_CG_N2 (callgrind: Ir is measured at both
# instruction limits and the difference divided, so that start-up costs
# cancel), NO_HERCULES=1, NO_CALLGRIND=1.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
D=$B/tests/bench
CPCMS=$B/cpcms
REPS=${BENCH_REPS:-3}
CG_N1=${BENCH_CG_N1:-500000}
CG_N2=${BENCH_CG_N2:-2500000}
HERC=$(sed -n 's/^HERCULES = //p' config.mk 2>/dev/null)
[ -n "$NO_HERCULES" ] && HERC=
[ -n "$HERC" ] && ! command -v "$HERC" > /dev/null 2>&1 && HERC=
VALGRIND=valgrind
{ [ -n "$NO_CALLGRIND" ] || ! command -v valgrind > /dev/null 2>&1; } && VALGRIND=

LOOPS="bct mix linkage decimal hfp"
ALL=
for l in $LOOPS; do ALL="$ALL $l $l-dat"; done
ALL="$ALL cwork"
[ -n "$BENCH_ONLY" ] && ALL=$BENCH_ONLY

# Hercules 3.13 MIPS for such loops (the issue's figures; guest-timed)
reference() {
	case $1 in
	mix|mix-dat) echo 220 ;;
	bct|bct-dat) echo 205 ;;
	linkage|linkage-dat) echo 115 ;;
	*) echo - ;;
	esac
}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
status=0

# The results area (bench.h) from cpcms's --dump or Hercules' `r`, as
# "START_HI START_LO END_HI END_LO COUNT_HI COUNT_LO CHECK DAT"
results() {
	sed -n 's/^\(R:\)\{0,1\}000010[01]0:\(K:..=\)\{0,1\} *\([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\) \([0-9A-F]\{8\}\).*/\3 \4 \5 \6/p' "$1" |
		head -2 | tr '\n' ' '
}

# awk helper: a hex word to a number (mawk has no strtonum)
AWKLIB='
function hex(s,  n, i) {
	n = 0
	for (i = 1; i <= length(s); i++)
		n = n * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
	return n
}'

# Hercules configurations, one per architecture mode.  CPUPRIO 0: the
# CPU thread at the priority cpcms runs at (Hercules' default, 15, would
# hand the CPU to any other busy process on a loaded host).
herc_cnf() {
	cat <<EOC
ARCHMODE  $1
MAINSIZE  2
NUMCPU    1
CPUPRIO   0
CODEPAGE  819/037
0009 3215-C / noprompt
000C 3505 $2 ebcdic eof
EOC
}

# run_herc DECK ARCH OUT: IPL the deck headless (-d).  The automatic
# operator, when the CPU enters a disabled wait (HHCCP011I), displays the
# results area, then has a shell copy Hercules' per-thread CPU times
# (/proc/PID/task/*/stat) into the log, and quits after that.
run_herc() {
	h=$T/herc
	rm -rf "$h" && mkdir "$h"
	case $1 in /*) deck=$1 ;; *) deck=$PWD/$1 ;; esac
	herc_cnf "$2" "$deck" > "$h/herc.cnf"
	printf '%s\n' 'hao tgt HHCCP011I' 'hao cmd r 1000.20' \
		'hao tgt ^R:00001010' \
		'hao cmd sh cat /proc/$PPID/task/*/stat; echo BENCH-END' \
		'hao tgt ^BENCH-END' 'hao cmd quit' 'ipl 00c' > "$h/herc.rc"
	(cd "$h" && HERCULES_RC=herc.rc timeout -k 10 300 "$HERC" -f herc.cnf -d \
		< /dev/null > log 2>&1)
	cp "$h/log" "$3"
}

# Exit code of a Hercules run: the low byte of the wait PSW, 255 if none
herc_status() {
	psw=$(sed -n 's/^ *PSW=000A0000 \([0-9A-F]\{8\}\).*/\1/p' "$1" | head -1)
	[ -n "$psw" ] && echo $((0x$psw & 0xFF)) || echo 255
}

# CPU seconds of Hercules' busiest thread (the CPU thread) in a run's log
herc_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '$2 == "(hercules)" && NF > 20 {
		t = ($14 + $15) / hz; if (t > max) max = t }
		END { if (max > 0) printf "%.2f", max; else print "-" }' "$1"
}

# measure NAME MACHINE DECK [cpcms options]: one run; appends to $T/runs
# "NAME MACHINE STATUS SECONDS INSNS MIPS CHECK HOSTSECS HOSTINSNS TOD64 CPU"
# (INSNS from the results area, or for cwork from $T/count.cwork; TOD64 is
# the TOD difference / 64; HOSTSECS and HOSTINSNS from cpcms --stats; CPU
# the host CPU seconds of the run: cpcms's process, Hercules' CPU thread)
measure() {
	name=$1 mach=$2 deck=$3
	shift 3
	out=$T/out
	host=- hostn=0 count=- cpu=-
	rm -f "$out" "$out.err"
	case $mach in
	herc*)
		arch="S/370"
		[ "$name" = cwork ] && arch="ESA/390"
		run_herc "$deck" "$arch" "$out"
		st=$(herc_status "$out")
		cpu=$(herc_cpu "$out") ;;
	*)
		"$CPCMS" machine --storage 2M --reader "$deck" --ipl 00C \
			--max-seconds 300 --dump 1000-101F --stats "$@" \
			> "$out" 2> "$out.err" < /dev/null
		st=$?
		host=$(sed -n 's/^elapsed: \([0-9.]*\) s/\1/p' "$out.err")
		hostn=$(sed -n 's/^instructions: //p' "$out.err")
		cpu=$(sed -n 's/^cpu: \([0-9.]*\) s/\1/p' "$out.err") ;;
	esac
	[ -f "$T/count.$name" ] && count=$(cat "$T/count.$name")
	echo "$name $mach $st $(results "$out") $count ${host:--} ${hostn:-0} ${cpu:--}" |
	awk "$AWKLIB"'
	NF < 15 { print $1, $2, ($3 ? $3 : 255), 0, 0, 0, "-", "-", 0, 0, "-"; next }
	{
		units = (hex($6) - hex($4)) * 4294967296 + hex($7) - hex($5)
		n = $12 != "-" ? $12 : hex($8) * 4294967296 + hex($9)
		us = units / 4096
		printf "%s %s %d %.6f %.0f %.1f %s %s %s %.0f %s\n", $1, $2, $3, us / 1e6,
			n, (us > 0 ? n / us : 0), $10, $13, $14, units / 64, $15
	}' >> "$T/runs"
	if [ "$st" != 0 ]; then
		echo "run.sh: $name on $mach: exit status $st" >&2
		[ -f "$out.err" ] && tail -3 "$out.err" >&2
		status=1
	fi
}

echo "cpcms benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "host: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)," \
	"load average$(uptime | sed 's/.*load average//')"
hv="not found (NO_HERCULES, or not configured)"
[ -n "$HERC" ] && hv=$("$HERC" --version 2>&1 | grep -m1 Version)
echo "cpcms $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (modified)'), Hercules: $hv"
echo

# 1. Deterministic runs: instruction counts, and the mode's host cost
echo "== instruction counts (cpcms --deterministic: (end - start) / 64)"
: > "$T/runs"
for name in $ALL; do
	measure "$name" det "$D/$name.deck" --deterministic
	set -- $(grep "^$name det " "$T/runs" | tail -1)
	tod_n=${10}
	[ "$3" = 0 ] || continue
	if [ "$name" = cwork ]; then
		echo "$tod_n" > "$T/count.cwork"
		printf '  %-12s %12s instructions (timed part)\n' "$name" "$tod_n"
	elif [ "$tod_n" = "$5" ]; then
		printf '  %-12s %12s instructions, as the loop counts\n' "$name" "$5"
	else
		printf '  %-12s TOD says %s, the loop %s: MISMATCH\n' "$name" "$tod_n" "$5"
		status=1
	fi
done
# the deterministic runs' rows were only for the counts and host times
mv "$T/runs" "$T/detruns"
: > "$T/runs"
echo

# 2. Timed runs, interleaved
echo "== timed runs ($REPS each; cpcms in real time, TOD from the host clock)"
for r in $(seq "$REPS"); do
	for name in $ALL; do
		measure "$name" cpcms "$D/$name.deck"
		if [ -n "$HERC" ]; then
			deck=$D/$name.herc.deck     # bench.h: no LARL in S/370 mode
			[ "$name" = cwork ] && deck=$D/cwork.esa.deck
			measure "$name" herc "$deck"
		fi
	done
	printf '  round %d done, load average%s\n' "$r" "$(uptime | sed 's/.*load average//')"
done
echo

# stats NAME MACHINE [cpu]: "BEST WORST CHECK SPREAD%" of the MIPS of the
# good runs, guest-timed, or with "cpu" per host CPU second
stats() {
	awk -v n="$1" -v m="$2" -v cpu="$3" '$1 == n && $2 == m && $3 == 0 {
		if (cpu) { if ($11 == "-" || $11 <= 0) next; v = $5 / $11 / 1e6 }
		else v = $6
		if (!k || v > best) best = v
		if (!k || v < worst) worst = v
		if (!k) chk = $7
		else if ($7 != chk) chk = "differs"
		k++
	}
	END {
		if (!k) { print "- - - -"; exit }
		printf "%.1f %.1f %s %.0f\n", best, worst, chk, (best ? 100 * (best - worst) / best : 0)
	}' "$T/runs"
}

# table [cpu]: the comparison, guest-timed or per host CPU second
table() {
	mode=$1
	printf '%-12s %12s %16s %16s %7s %9s %7s\n' benchmark instructions \
		"cpcms (spread)" "Hercules (spr.)" ratio "issue's" "vs 2x"
	for name in $ALL; do
		set -- $(stats "$name" cpcms $mode)
		c_best=$1 c_spr=$4 c_chk=$3
		set -- $(stats "$name" herc $mode)
		h_best=$1 h_spr=$4 h_chk=$3
		n=$(awk -v n="$name" '$1 == n { print $5; exit }' "$T/runs")
		ratio=- verdict=-
		if [ "$h_best" != - ] && [ "$c_best" != - ]; then
			ratio=$(awk -v c="$c_best" -v h="$h_best" 'BEGIN { printf "%.2f", c / h }')
			verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 2 ? "ok" : "below") }')
			[ "$c_chk" != "$h_chk" ] && verdict="CHECK DIFFERS"
		fi
		printf '%-12s %12s %9s (%2s%%) %9s (%2s%%) %7s %9s %7s\n' "$name" "$n" \
			"$c_best" "$c_spr" "$h_best" "$h_spr" "$ratio" "$(reference "$name")" "$verdict"
	done
}

echo "== MIPS, guest-timed with STCK (best of $REPS; spread = (best - worst) / best)"
table
echo "   issue's: Hercules 3.13 MIPS on such loops, as the issue gives them"
wide=$(awk '$3 == 0 { k = $1 " " $2; if (!(k in lo) || $6 < lo[k]) lo[k] = $6
		if ($6 > hi[k]) hi[k] = $6 }
	END { for (k in hi) if (hi[k] > 0 && (hi[k] - lo[k]) / hi[k] > 0.1) n++; print n + 0 }' "$T/runs")
[ "$wide" -gt 0 ] && echo "   $wide spreads above 10%: the host was busy (see the load averages);" \
	"the per-CPU-second table below is the steadier comparison"
echo
echo "== MIPS per host CPU second (cpcms: the process; Hercules: its CPU thread)"
echo "   the same runs; on a loaded host these show what contention took away"
table cpu
echo
# dat_compare [cpu]: each loop's best MIPS with DAT off and with DAT on
dat_compare() {
	for l in $LOOPS; do
		echo " $ALL " | grep -q " $l-dat " && echo " $ALL " | grep -q " $l " || continue
		c0=$(stats "$l" cpcms $1 | cut -d' ' -f1) c1=$(stats "$l-dat" cpcms $1 | cut -d' ' -f1)
		h0=$(stats "$l" herc $1 | cut -d' ' -f1) h1=$(stats "$l-dat" herc $1 | cut -d' ' -f1)
		awk -v l="$l" -v c0="$c0" -v c1="$c1" -v h0="$h0" -v h1="$h1" 'BEGIN {
			printf "  %-8s cpcms %6.1f -> %6.1f (%+4.0f%%)", l, c0, c1, (c0 > 0 ? 100 * (c1 - c0) / c0 : 0)
			if (h0 != "-" && h0 > 0)
				printf "   Hercules %6.1f -> %6.1f (%+4.0f%%)", h0, h1, 100 * (h1 - h0) / h0
			printf "\n"
		}'
	done
}
echo "== DAT off -> DAT on (best MIPS, guest-timed)"
dat_compare
echo "   per host CPU second:"
dat_compare cpu
echo

# 3. The deterministic mode's cost: all instructions per host CPU second
#    (--stats), so that other load on the host does not enter into it
echo "== deterministic mode: cpcms MIPS per host CPU second, whole run (--stats)"
printf '%-12s %14s %14s %9s\n' benchmark "real time" deterministic overhead
for name in $ALL; do
	rt=$(awk -v n="$name" '$1 == n && $2 == "cpcms" && $3 == 0 && $11 > 0 {
		m = $9 / $11 / 1e6; if (m > best) best = m } END { printf "%.1f", best }' "$T/runs")
	dt=$(awk -v n="$name" '$1 == n && $3 == 0 && $11 > 0 {
		printf "%.1f", $9 / $11 / 1e6; exit }' "$T/detruns")
	awk -v n="$name" -v r="$rt" -v d="$dt" 'BEGIN {
		printf "%-12s %14s %14s %8.0f%%\n", n, r, d, (r > 0 ? 100 * (r - d) / r : 0) }'
done
echo "   (real time: best of $REPS; deterministic: the one counting run)"
echo

# 4. Host instructions per S/370 instruction (callgrind)
if [ -n "$VALGRIND" ]; then
	echo "== callgrind: host instructions (Ir) per S/370 instruction"
	echo "   (Ir at --max-insns $CG_N2 minus Ir at $CG_N1, divided by $((CG_N2 - CG_N1)))"
	worst= worst_ipi=0
	for name in $ALL; do
		for n in $CG_N1 $CG_N2; do
			"$VALGRIND" --tool=callgrind --callgrind-out-file="$T/cg.$name.$n" \
				"$CPCMS" machine --storage 2M --reader "$D/$name.deck" --ipl 00C \
				--max-insns "$n" > /dev/null 2>&1 < /dev/null
		done
		ir1=$(sed -n 's/^totals: *//p' "$T/cg.$name.$CG_N1")
		ir2=$(sed -n 's/^totals: *//p' "$T/cg.$name.$CG_N2")
		ipi=$(awk -v a="$ir1" -v b="$ir2" -v d="$((CG_N2 - CG_N1))" \
			'BEGIN { printf "%.1f", (b - a) / d }')
		printf '  %-12s %8s\n' "$name" "$ipi"
		if awk -v a="$ipi" -v b="$worst_ipi" 'BEGIN { exit !(a > b) }'; then
			worst=$name worst_ipi=$ipi
		fi
	done
	if [ -n "$worst" ] && command -v callgrind_annotate > /dev/null 2>&1; then
		echo
		echo "   where the costliest ($worst) spends its time (callgrind_annotate):"
		callgrind_annotate "$T/cg.$worst.$CG_N2" 2>/dev/null |
			awk '/file:function/ { on = 1; getline; next } on && NF { print "  " $0; if (++k == 15) exit }' |
			sed 's| \[[^]]*\]$||'
	fi
	echo
fi

echo "load average at the end$(uptime | sed 's/.*load average//')"
exit $status
