# sa.mk - stand-alone S/370 programs: the runtime (sa/), the deck maker
# (tools/elf2deck) and the test programs (tests/sa/*.c).
#
# Included by the top Makefile, run from the top of the source tree, after
# it has set the variables below (target names use B when read).
# It uses: XCC XCFLAGS XLIBGCC XOBJDUMP (cross), CC CFLAGS HOSTREF_CC (host),
# HOSTREF_RUN (empty, or qemu-i386 where the kernel cannot run i386 programs),
# B (build directory). XNM and XAR default to the binutils beside XOBJDUMP.
#
# For each tests/sa/NAME.c it builds, in $(B)/tests/sa/:
#   NAME.elf       the program linked at 0x10000 (sa/sa.ld)
#   NAME.deck      its IPL card deck (elf2deck)
#   NAME.lst       objdump -S listing      NAME.sym  nm -n symbols
#   NAME.host      the same source built for the host (HOSTREF_CC, e.g.
#                  gcc -m32) against the host libc
#   NAME.expected  NAME.host's output as the 3215 console will show it:
#                  a console write needs at least one byte, so sa/console.c
#                  writes an empty line as one blank, and so does this file.
#   NAME.hostsa    (sa-hostcheck only) the program linked for the host
#                  against the portable part of sa/ and tests/sa/host/hostrt.c;
#                  its output must equal NAME.expected, which checks
#                  printf, string, stdlib and malloc against glibc
#   NAME.esa.deck  (sa-hercules only) the program linked with
#                  tests/sa/herc/console_css.c instead of console_sio.c, for
#                  Hercules in ESA/390 mode (see that file for why)
# Exported lists: SA_TESTS (names), SA_ELFS, SA_DECKS, SA_EXPECTED.
# Targets: sa (everything), sa-check (tests/sa/elf2deck_test.sh),
# sa-hostcheck (needs an i386-capable HOSTREF_CC), sa-hercules (needs
# Hercules; runs every program there and compares with NAME.expected).

XNM ?= $(XOBJDUMP:objdump=nm)
XAR ?= $(XOBJDUMP:objdump=ar)

SA_GCCINC = $(shell $(XCC) -print-file-name=include)
# The runtime's headers, then GCC's freestanding ones (stdint, stddef, stdarg)
SA_XCFLAGS = $(XCFLAGS) -g -fno-pie -funsigned-char \
	-fno-asynchronous-unwind-tables \
	-nostdinc -isystem sa/include -isystem $(SA_GCCINC)
SA_XLDFLAGS = -nostdlib -static -no-pie -Wl,-T,sa/sa.ld -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments
SA_HOSTFLAGS = -O2 -Wall -funsigned-char -include tests/sa/host_shim.h
# Debian's /usr/include/asm link for -m32 comes with gcc-multilib, which
# cannot be installed beside the s390x cross compiler: fall back on the
# host's own (bi-arch) asm headers.
SA_HOSTFLAGS += $(if $(wildcard /usr/include/asm),,\
	-idirafter /usr/include/$(shell $(CC) -dumpmachine))

SA_LIB_SRCS := $(wildcard sa/*.c) $(wildcard sa/*.S)
# The one EBCDIC table of cpcms (common/ebcdic.c) is part of the runtime.
SA_LIB_OBJS := $(patsubst sa/%,$(B)/sa/%.o,$(SA_LIB_SRCS)) $(B)/sa/common-ebcdic.c.o
SA_LIB_HDRS := $(wildcard sa/*.h sa/include/*.h)

SA_TESTS    := $(sort $(basename $(notdir $(wildcard tests/sa/*.c))))
SA_ELFS     := $(SA_TESTS:%=$(B)/tests/sa/%.elf)
SA_DECKS    := $(SA_TESTS:%=$(B)/tests/sa/%.deck)
SA_EXPECTED := $(SA_TESTS:%=$(B)/tests/sa/%.expected)
SA_LISTINGS := $(SA_TESTS:%=$(B)/tests/sa/%.lst) $(SA_TESTS:%=$(B)/tests/sa/%.sym)

ELF2DECK := $(B)/tools/elf2deck

# Keep the intermediate files: the .o for the listings, the .host to rerun
.SECONDARY: $(SA_TESTS:%=$(B)/tests/sa/%.o) $(SA_TESTS:%=$(B)/tests/sa/%.host) \
	$(SA_TESTS:%=$(B)/tests/sa/%.esa.elf)

.PHONY: sa sa-check sa-hostcheck sa-hercules
sa: $(ELF2DECK) $(B)/sa/libsa.a $(SA_ELFS) $(SA_DECKS) $(SA_LISTINGS) \
	$(SA_EXPECTED)

sa-check: $(ELF2DECK) $(B)/tests/sa/hello.elf
	sh tests/sa/elf2deck_test.sh $(ELF2DECK) $(B)/tests/sa/hello.elf

$(ELF2DECK): tools/elf2deck.c machine/elf.c machine/elf.h sa/memlayout.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Imachine -o $@ tools/elf2deck.c machine/elf.c

# The runtime: -fno-tree-loop-distribute-patterns keeps GCC from turning
# memset's own loop into a call to memset.
$(B)/sa/%.c.o: sa/%.c $(SA_LIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(SA_XCFLAGS) -fno-tree-loop-distribute-patterns -Isa -Icommon -c -o $@ $<

$(B)/sa/common-ebcdic.c.o: common/ebcdic.c common/ebcdic.h
	@mkdir -p $(@D)
	$(XCC) $(SA_XCFLAGS) -Icommon -c -o $@ $<

$(B)/sa/%.S.o: sa/%.S sa/memlayout.h
	@mkdir -p $(@D)
	$(XCC) $(SA_XCFLAGS) -Isa -c -o $@ $<

$(B)/sa/libsa.a: $(SA_LIB_OBJS)
	@rm -f $@
	$(XAR) rcs $@ $(SA_LIB_OBJS)

# Test programs, cross
$(B)/tests/sa/%.o: tests/sa/%.c $(SA_LIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(SA_XCFLAGS) -c -o $@ $<

$(B)/tests/sa/%.elf: $(B)/tests/sa/%.o $(B)/sa/libsa.a sa/sa.ld
	$(XCC) $(SA_XCFLAGS) $(SA_XLDFLAGS) -o $@ $< \
		-Wl,--start-group $(B)/sa/libsa.a $(XLIBGCC) -Wl,--end-group

$(B)/tests/sa/%.deck: $(B)/tests/sa/%.elf $(ELF2DECK)
	$(ELF2DECK) $< $@

$(B)/tests/sa/%.lst: $(B)/tests/sa/%.elf
	$(XOBJDUMP) -S $< > $@

$(B)/tests/sa/%.sym: $(B)/tests/sa/%.elf
	$(XNM) -n $< > $@

# Test programs, host reference
$(B)/tests/sa/%.host: tests/sa/%.c tests/sa/host_shim.h
	@mkdir -p $(@D)
	$(HOSTREF_CC) $(SA_HOSTFLAGS) -o $@ $<

$(B)/tests/sa/%.expected: $(B)/tests/sa/%.host
	$(HOSTREF_RUN) $(abspath $<) > $@.tmp
	sed 's/^$$/ /' $@.tmp > $@ && rm -f $@.tmp

# The portable runtime on the host (sa-hostcheck): same sources, linked
# at 0x10000 with tests/sa/host/hostrt.c in place of crt0/console_sio/exit/setjmp.
SA_HOSTRT_SRCS := sa/printf.c sa/string.c sa/stdlib.c sa/malloc.c sa/console.c
SA_HOSTSA_FLAGS = -O2 -Wall -funsigned-char -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns -fno-pie -fno-stack-protector \
	-fcf-protection=none -nostdinc -isystem sa/include -Isa -Icommon \
	-isystem $(shell $(HOSTREF_CC) -print-file-name=include)
SA_HOSTSA := $(SA_TESTS:%=$(B)/tests/sa/%.hostsa)

$(B)/tests/sa/%.hostsa: tests/sa/%.c tests/sa/host/hostrt.c $(SA_HOSTRT_SRCS) \
		$(SA_LIB_HDRS)
	@mkdir -p $(@D)
	$(HOSTREF_CC) $(SA_HOSTSA_FLAGS) -static -nostdlib -no-pie \
		-Wl,-Ttext-segment=0x10000 -Wl,--build-id=none -o $@ \
		$< tests/sa/host/hostrt.c $(SA_HOSTRT_SRCS) -lgcc

sa-hostcheck: $(SA_HOSTSA) $(SA_EXPECTED)
	@pass=0; fail=0; \
	for t in $(SA_TESTS); do \
		if $(HOSTREF_RUN) $(B)/tests/sa/$$t.hostsa | cmp -s - $(B)/tests/sa/$$t.expected; \
		then pass=$$((pass + 1)); \
		else fail=$$((fail + 1)); echo "FAIL: $$t"; fi; \
	done; \
	echo "sa-hostcheck: $$pass passed, $$fail failed"; test $$fail = 0

# Hercules cross-check (sa-hercules): libsa with the ESA/390 console.
SA_ESA_DECKS := $(SA_TESTS:%=$(B)/tests/sa/%.esa.deck)

$(B)/sa/console_css.o: tests/sa/herc/console_css.c $(SA_LIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(SA_XCFLAGS) -Isa -Icommon -c -o $@ $<

$(B)/sa/libsa390.a: $(filter-out %/console_sio.c.o,$(SA_LIB_OBJS)) \
		$(B)/sa/console_css.o
	@rm -f $@
	$(XAR) rcs $@ $^

$(B)/tests/sa/%.esa.elf: $(B)/tests/sa/%.o $(B)/sa/libsa390.a sa/sa.ld
	$(XCC) $(SA_XCFLAGS) $(SA_XLDFLAGS) -o $@ $< \
		-Wl,--start-group $(B)/sa/libsa390.a $(XLIBGCC) -Wl,--end-group

$(B)/tests/sa/%.esa.deck: $(B)/tests/sa/%.esa.elf $(ELF2DECK)
	$(ELF2DECK) $< $@

sa-hercules: $(SA_ESA_DECKS) $(SA_EXPECTED)
	@pass=0; fail=0; \
	for t in $(SA_TESTS); do \
		sh tests/sa/herc/run.sh $(B)/tests/sa/$$t.esa.deck \
			> $(B)/tests/sa/$$t.herc.out; rc=$$?; \
		if [ $$rc = 0 ] && cmp -s $(B)/tests/sa/$$t.herc.out \
				$(B)/tests/sa/$$t.expected; \
		then pass=$$((pass + 1)); \
		else fail=$$((fail + 1)); echo "FAIL: $$t (exit $$rc)"; fi; \
	done; \
	echo "sa-hercules: $$pass passed, $$fail failed"; test $$fail = 0
