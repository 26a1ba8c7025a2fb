# cp.mk - the CP nucleus: freestanding S/370 C, cross-compiled with
# -msoft-float (CP uses no floating point), linked at CP_NUC_ORIGIN by
# cp/cp.ld.  `cpcms sysgen` writes build/cp/cp.elf to the system residence
# volume.  Beside the ELF: cp.lst (objdump -S) and cp.sym (nm -n).
#
# From sa/ CP takes the portable runtime: printf, string functions and the
# console line buffer (sa/console.c over CP's sa_console_write); from
# common/ the EBCDIC table, SHA-256 and the user directory decoder.
# Sections are collected with --gc-sections, so what CP does not call is
# left out.

CP_SRCS := $(wildcard cp/*.c) $(wildcard cp/*.S)
CP_RT_SRCS := sa/printf.c sa/string.c sa/stdlib.c sa/console.c common/ebcdic.c common/sha256.c \
	common/directory.c
CP_OBJS := $(patsubst %,$(B)/cp/obj/%.o,$(notdir $(CP_SRCS))) \
	$(patsubst %,$(B)/cp/obj/rt-%.o,$(notdir $(CP_RT_SRCS)))
CP_HDRS := $(wildcard cp/*.h cp/*.inc) common/sysres.h common/ebcdic.h common/sha256.h \
	common/directory.h $(SA_LIB_HDRS)
CP_XCFLAGS = $(XCFLAGS) -g -fno-pie -funsigned-char -fno-asynchronous-unwind-tables \
	-fno-delete-null-pointer-checks -fno-tree-loop-distribute-patterns \
	-ffunction-sections -fdata-sections \
	-nostdinc -isystem sa/include -isystem $(SA_GCCINC) -Icp -Isa -Icommon
CP_XLDFLAGS = -nostdlib -static -no-pie -Wl,-T,cp/cp.ld -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -Wl,--gc-sections

cp: $(B)/cp/cp.elf $(B)/cp/cp.lst $(B)/cp/cp.sym
all: cp
.PHONY: cp

$(B)/cp/obj/%.c.o: cp/%.c $(CP_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CP_XCFLAGS) -c -o $@ $<
$(B)/cp/obj/%.S.o: cp/%.S $(CP_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CP_XCFLAGS) -c -o $@ $<
$(B)/cp/obj/rt-%.c.o: sa/%.c $(CP_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CP_XCFLAGS) -c -o $@ $<
$(B)/cp/obj/rt-%.c.o: common/%.c $(CP_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CP_XCFLAGS) -c -o $@ $<

$(B)/cp/cp.elf: $(CP_OBJS) cp/cp.ld
	$(XCC) $(CP_XCFLAGS) $(CP_XLDFLAGS) -o $@ $(CP_OBJS) $(XLIBGCC)
$(B)/cp/cp.lst: $(B)/cp/cp.elf
	$(XOBJDUMP) -S $< > $@
$(B)/cp/cp.sym: $(B)/cp/cp.elf
	$(XNM) -n $< > $@
