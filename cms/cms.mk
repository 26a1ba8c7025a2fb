# cms.mk - the CMS nucleus: freestanding S/370 C, cross-compiled (with
# hardware floating point, unlike CP), linked at CMS_NUC_ORIGIN by
# cms/cms.ld.  `cpcms sysgen` writes build/cms/cms.elf to the CMS system
# disk (the 190), whose IPL records load it.  Beside the ELF: cms.lst
# (objdump -S) and cms.sym (nm -n).
#
# From sa/ CMS takes the portable runtime (printf, string functions,
# malloc, the console line buffer over CMS's sa_console_write); from
# common/ the EBCDIC table; from cms/fs/ the file system; from dasd/ the
# device geometry (records per track).

CMS_SRCS := $(wildcard cms/*.c) $(wildcard cms/*.S)
CMS_RT_SRCS := sa/printf.c sa/string.c sa/stdlib.c sa/console.c sa/malloc.c sa/exit.c sa/setjmp.S common/ebcdic.c \
	dasd/geometry.c $(wildcard cms/fs/*.c)
CMS_OBJS := $(patsubst %,$(B)/cms/obj/%.o,$(notdir $(CMS_SRCS))) \
	$(patsubst %,$(B)/cms/obj/rt-%.o,$(notdir $(CMS_RT_SRCS)))
CMS_HDRS := $(wildcard cms/*.h cms/*.inc cms/fs/*.h) common/ebcdic.h dasd/geometry.h \
	dasd/devtypes.h.inc $(SA_LIB_HDRS)
CMS_XCFLAGS = $(XCFLAGS_FP) -g -fno-pie -funsigned-char -fno-asynchronous-unwind-tables \
	-fno-delete-null-pointer-checks -fno-tree-loop-distribute-patterns \
	-ffunction-sections -fdata-sections \
	-nostdinc -isystem sa/include -isystem $(SA_GCCINC) -Icms -Isa -Icommon -Icms/fs -Idasd
CMS_XLDFLAGS = -nostdlib -static -no-pie -Wl,-T,cms/cms.ld -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments -Wl,--gc-sections

cms: $(B)/cms/cms.elf $(B)/cms/cms.lst $(B)/cms/cms.sym
all: cms
.PHONY: cms

$(B)/cms/obj/%.c.o: cms/%.c $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<
$(B)/cms/obj/%.S.o: cms/%.S $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<
$(B)/cms/obj/rt-%.c.o: sa/%.c $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<
$(B)/cms/obj/rt-%.S.o: sa/%.S $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<
$(B)/cms/obj/rt-%.c.o: common/%.c $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<
$(B)/cms/obj/rt-%.c.o: dasd/%.c $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<
$(B)/cms/obj/rt-%.c.o: cms/fs/%.c $(CMS_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMS_XCFLAGS) -c -o $@ $<

$(B)/cms/cms.elf: $(CMS_OBJS) cms/cms.ld
	$(XCC) $(CMS_XCFLAGS) $(CMS_XLDFLAGS) -o $@ $(CMS_OBJS) $(XLIBGCC)
$(B)/cms/cms.lst: $(B)/cms/cms.elf
	$(XOBJDUMP) -S $< > $@
$(B)/cms/cms.sym: $(B)/cms/cms.elf
	$(XNM) -n $< > $@
