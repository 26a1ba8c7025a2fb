# cmslib.mk - the C runtime of CMS programs: build/cmslib/libcms.a, with
# the headers in cmslib/include (stdio, time, cms.h) before sa/include
# (string, stdlib, ctype, setjmp), and the recipe that builds a user's
# program: cmslib/cmscc (a shell script around the cross compiler; see
# README.md).  From sa/ it takes printf, the string functions, stdlib,
# malloc (its heap running to the end of the virtual machine's storage)
# and the console line buffer; exit, abort and the console write are
# cmslib's own.

CMSLIB_SRCS := $(wildcard cmslib/*.c)
CMSLIB_RT_SRCS := sa/printf.c sa/string.c sa/stdlib.c sa/console.c sa/malloc.c sa/setjmp.S \
	common/ebcdic.c
CMSLIB_OBJS := $(patsubst %,$(B)/cmslib/obj/%.o,$(notdir $(CMSLIB_SRCS))) \
	$(patsubst %,$(B)/cmslib/obj/rt-%.o,$(notdir $(CMSLIB_RT_SRCS)))
CMSLIB_HDRS := $(wildcard cmslib/*.h cmslib/include/*.h) common/cmsapi.h common/ebcdic.h \
	$(SA_LIB_HDRS)
CMSLIB_XCFLAGS = $(XCFLAGS_FP) -g -fno-pie -funsigned-char -fno-asynchronous-unwind-tables \
	-ffunction-sections -fdata-sections -fno-tree-loop-distribute-patterns \
	-nostdinc -isystem cmslib/include -isystem sa/include -isystem $(SA_GCCINC) \
	-Icmslib -Isa -Icommon

cmslib: $(B)/cmslib/libcms.a
all: cmslib
.PHONY: cmslib

$(B)/cmslib/obj/%.c.o: cmslib/%.c $(CMSLIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMSLIB_XCFLAGS) -c -o $@ $<
$(B)/cmslib/obj/rt-%.c.o: sa/%.c $(CMSLIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMSLIB_XCFLAGS) -c -o $@ $<
$(B)/cmslib/obj/rt-%.S.o: sa/%.S $(CMSLIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMSLIB_XCFLAGS) -c -o $@ $<
$(B)/cmslib/obj/rt-%.c.o: common/%.c $(CMSLIB_HDRS)
	@mkdir -p $(@D)
	$(XCC) $(CMSLIB_XCFLAGS) -c -o $@ $<

$(B)/cmslib/libcms.a: $(CMSLIB_OBJS)
	rm -f $@ && $(XAR) rcs $@ $^

# CMS programs of the tests (tests/cms/*.c): TEXT files for LOAD.
CMS_TEST_PROGS := $(patsubst tests/cms/%.c,$(B)/tests/cms/%.text,$(wildcard tests/cms/*.c))
all: $(CMS_TEST_PROGS)
$(B)/tests/cms/%.text: tests/cms/%.c $(B)/cmslib/libcms.a cmslib/cmscc
	@mkdir -p $(@D)
	XCC="$(XCC)" XCFLAGS="$(XCFLAGS_FP)" B="$(B)" sh cmslib/cmscc -o $@ $<
