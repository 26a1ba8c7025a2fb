# bench.mk - the benchmark decks (tests/bench), built by `make bench`
# before tests/bench/run.sh runs them.
#
# Included by the top Makefile after sa/sa.mk (it uses SA_XCFLAGS,
# SA_XLDFLAGS, ELF2DECK, libsa.a and libsa390.a from there).
#
# For each loop tests/bench/NAME.S, in $(B)/tests/bench/:
#   NAME.deck      the loop with DAT off (EC mode, real addresses)
#   NAME-dat.deck  the same loop with DAT on (identity tables, bench.h)
# and for the compiled C workload tests/bench/cwork.c:
#   cwork.deck     linked with the runtime (sa/), for cpcms
#   cwork.esa.deck linked with tests/sa/herc/console_css.c, for Hercules
#                  in ESA/390 mode
# each with its .elf, an objdump -S listing (.lst) and symbols (.sym).
# The loops are assembled with -m31 only; they must stay pure S/370
# (Hercules runs them in ARCHMODE S/370, where an extension instruction
# is an operation exception: exit status F1).

BENCH_LOOPS := bct mix linkage decimal hfp
BENCH_DIR := $(B)/tests/bench
BENCH_ELFS := $(BENCH_LOOPS:%=$(BENCH_DIR)/%.elf) \
	$(BENCH_LOOPS:%=$(BENCH_DIR)/%-dat.elf) \
	$(BENCH_LOOPS:%=$(BENCH_DIR)/%.herc.elf) \
	$(BENCH_LOOPS:%=$(BENCH_DIR)/%-dat.herc.elf) \
	$(BENCH_DIR)/cwork.elf $(BENCH_DIR)/cwork.esa.elf
BENCH_DECKS := $(BENCH_ELFS:.elf=.deck)
BENCH_LISTINGS := $(BENCH_ELFS:.elf=.lst) $(BENCH_ELFS:.elf=.sym)

.SECONDARY: $(BENCH_ELFS) $(BENCH_LOOPS:%=$(BENCH_DIR)/%.o) \
	$(BENCH_LOOPS:%=$(BENCH_DIR)/%-dat.o) $(BENCH_LOOPS:%=$(BENCH_DIR)/%.herc.o) \
	$(BENCH_LOOPS:%=$(BENCH_DIR)/%-dat.herc.o) $(BENCH_DIR)/cwork.o

.PHONY: bench-decks
bench-decks: $(BENCH_DECKS) $(BENCH_LISTINGS)

BENCH_XAFLAGS = -m31 -g -Itests/bench

$(BENCH_DIR)/%.o: tests/bench/%.S tests/bench/bench.h
	@mkdir -p $(@D)
	$(XCC) $(BENCH_XAFLAGS) -DBENCH_DAT=0 -c -o $@ $<

$(BENCH_DIR)/%-dat.o: tests/bench/%.S tests/bench/bench.h
	@mkdir -p $(@D)
	$(XCC) $(BENCH_XAFLAGS) -DBENCH_DAT=1 -c -o $@ $<

# The same for Hercules: the frame's address without LARL (bench.h)
$(BENCH_DIR)/%.herc.o: tests/bench/%.S tests/bench/bench.h
	@mkdir -p $(@D)
	$(XCC) $(BENCH_XAFLAGS) -DBENCH_DAT=0 -DBENCH_HERC=1 -c -o $@ $<

$(BENCH_DIR)/%-dat.herc.o: tests/bench/%.S tests/bench/bench.h
	@mkdir -p $(@D)
	$(XCC) $(BENCH_XAFLAGS) -DBENCH_DAT=1 -DBENCH_HERC=1 -c -o $@ $<

# A loop is the whole program: no runtime, no crt0
$(BENCH_DIR)/%.elf: $(BENCH_DIR)/%.o sa/sa.ld
	$(XCC) -m31 $(SA_XLDFLAGS) -o $@ $<

$(BENCH_DIR)/cwork.o: tests/bench/cwork.c $(SA_LIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(SA_XCFLAGS) -c -o $@ $<

$(BENCH_DIR)/cwork.elf: $(BENCH_DIR)/cwork.o $(B)/sa/libsa.a sa/sa.ld
	$(XCC) $(SA_XCFLAGS) $(SA_XLDFLAGS) -o $@ $< \
		-Wl,--start-group $(B)/sa/libsa.a $(XLIBGCC) -Wl,--end-group

$(BENCH_DIR)/cwork.esa.elf: $(BENCH_DIR)/cwork.o $(B)/sa/libsa390.a sa/sa.ld
	$(XCC) $(SA_XCFLAGS) $(SA_XLDFLAGS) -o $@ $< \
		-Wl,--start-group $(B)/sa/libsa390.a $(XLIBGCC) -Wl,--end-group

$(BENCH_DIR)/%.deck: $(BENCH_DIR)/%.elf $(ELF2DECK)
	$(ELF2DECK) $< $@

$(BENCH_DIR)/%.lst: $(BENCH_DIR)/%.elf
	$(XOBJDUMP) -S $< > $@

$(BENCH_DIR)/%.sym: $(BENCH_DIR)/%.elf
	$(XNM) -n $< > $@

# The idle guest of idle_bench.sh: the whole program, no runtime
$(BENCH_DIR)/idle.o: tests/bench/idle.S
	@mkdir -p $(@D)
	$(XCC) $(BENCH_XAFLAGS) -c -o $@ $<
bench-decks: $(BENCH_DIR)/idle.elf
