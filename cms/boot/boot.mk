# boot.mk - the CMS bootstrap (cms/boot/): freestanding S/370 C and
# assembler, cross-compiled like CP (-msoft-float, no runtime), linked at
# CMSBOOT_ADDR by boot.ld into one 4096-byte record.  Beside the ELF:
# cmsboot.bin (the record's bytes, header zero), cmsboot.lst (objdump -S)
# and cmsboot.sym (nm -n).  The binary is built into cpcms as a C array
# ($(B)/host/cmsboot_bin.inc), which `cpcms sysgen` writes to block 2 of
# the CMS system disk with the header filled in (host/sysgen_cms.c).

CMSBOOT_OBJS := $(B)/cms/boot/boot.S.o $(B)/cms/boot/cmsboot.c.o
CMSBOOT_HDRS := common/cmsboot.h sa/include/s370io.h
CMSBOOT_XCFLAGS = $(XCFLAGS) -Os -g -fno-pie -funsigned-char -fno-asynchronous-unwind-tables \
	-fno-delete-null-pointer-checks -fno-tree-loop-distribute-patterns \
	-nostdinc -isystem sa/include -isystem $(SA_GCCINC) -Icommon
CMSBOOT_XLDFLAGS = -nostdlib -static -no-pie -Wl,-T,cms/boot/boot.ld -Wl,--build-id=none \
	-Wl,--no-warn-rwx-segments
XOBJCOPY ?= $(patsubst %gcc,%objcopy,$(XCC))

cmsboot: $(B)/cms/boot/cmsboot.bin $(B)/cms/boot/cmsboot.lst $(B)/cms/boot/cmsboot.sym
all: cmsboot
.PHONY: cmsboot

$(B)/cms/boot/%.c.o: cms/boot/%.c $(CMSBOOT_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMSBOOT_XCFLAGS) -c -o $@ $<
$(B)/cms/boot/%.S.o: cms/boot/%.S $(CMSBOOT_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMSBOOT_XCFLAGS) -c -o $@ $<
$(B)/cms/boot/cmsboot.elf: $(CMSBOOT_OBJS) cms/boot/boot.ld
	$(XCC) $(CMSBOOT_XCFLAGS) $(CMSBOOT_XLDFLAGS) -o $@ $(CMSBOOT_OBJS)
$(B)/cms/boot/cmsboot.bin: $(B)/cms/boot/cmsboot.elf
	$(XOBJCOPY) -O binary $< $@
$(B)/cms/boot/cmsboot.lst: $(B)/cms/boot/cmsboot.elf
	$(XOBJDUMP) -S $< > $@
$(B)/cms/boot/cmsboot.sym: $(B)/cms/boot/cmsboot.elf
	$(XNM) -n $< > $@

# The binary as the body of a C array, for host/sysgen_cms.c.
$(B)/host/cmsboot_bin.inc: $(B)/cms/boot/cmsboot.bin
	@mkdir -p $(@D)
	od -An -v -tx1 $< | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g' > $@
