# diff.mk - the differential test programs (tests/diff/*.S): pure S/370
# assembler, linked at 0x10000 with sa/sa.ld, made into IPL decks with
# elf2deck.  tests/diff/diff_test.sh runs each deck on cpcms and on
# Hercules and compares the results.
#
# Included by the top Makefile after sa/sa.mk (which defines ELF2DECK).
# For each tests/diff/NAME.S it builds, in $(B)/tests/diff/: NAME.elf,
# NAME.deck, NAME.lst (objdump -d) and NAME.sym (nm -n).

DIFF_TESTS := $(sort $(basename $(notdir $(wildcard tests/diff/*.S))))
DIFF_OUT := $(foreach t,$(DIFF_TESTS),$(foreach x,deck lst sym,$(B)/tests/diff/$(t).$(x)))

.SECONDARY: $(DIFF_TESTS:%=$(B)/tests/diff/%.o) $(DIFF_TESTS:%=$(B)/tests/diff/%.elf)
.PHONY: diff-progs
all: diff-progs
diff-progs: $(DIFF_OUT)

$(B)/tests/diff/%.o: tests/diff/%.S tests/diff/diff.h
	@mkdir -p $(@D)
	$(XCC) -m31 -c -o $@ $<

$(B)/tests/diff/%.elf: $(B)/tests/diff/%.o sa/sa.ld
	$(XCC) -m31 -nostdlib -static -no-pie -Wl,-T,sa/sa.ld -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -o $@ $<

$(B)/tests/diff/%.deck: $(B)/tests/diff/%.elf $(ELF2DECK)
	$(ELF2DECK) $< $@

$(B)/tests/diff/%.lst: $(B)/tests/diff/%.elf
	$(XOBJDUMP) -d $< > $@

$(B)/tests/diff/%.sym: $(B)/tests/diff/%.elf
	$(XNM) -n $< > $@
