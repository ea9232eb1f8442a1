# SPDX-License-Identifier: GPL-2.0-or-later
# Makefile - build, test and install erlrc (run ./configure first)

ifeq ($(wildcard config.mk),)
$(error config.mk is missing: run ./configure (after autoreconf -fi))
endif
include config.mk

# B is the build directory; SAN=1 builds with ASan and UBSan.
B = build
SAN =
# Warnings are errors in CI (CI=true) or with WERROR=-Werror.
WERROR = $(if $(filter true,$(CI)),-Werror)

WARN = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter
ifneq ($(SAN),)
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif
ALL_CPPFLAGS = -Isrc -D_GNU_SOURCE $(CONF_CPPFLAGS) $(YAML_CFLAGS) \
	$(PCRE2_CFLAGS) $(DPKG_CFLAGS) $(EI_CFLAGS) $(ZLIB_CFLAGS) $(MD_CFLAGS)
ALL_CFLAGS = -std=c99 -g -O2 $(WARN) $(WERROR) $(SAN_FLAGS) $(CONF_CFLAGS) \
	-MMD -MP
ALL_LDFLAGS = $(SAN_FLAGS) $(CONF_LDFLAGS)
LIBS = $(YAML_LIBS) $(PCRE2_LIBS) $(DPKG_LIBS) $(EI_LIBS) $(ZLIB_LIBS) \
	$(MD_LIBS) -lm

LIB_SRCS = \
	src/erlrc/app.c \
	src/erlrc/appdeb.c \
	src/erlrc/appup.c \
	src/erlrc/appupgen.c \
	src/erlrc/arena.c \
	src/erlrc/basedeb.c \
	src/erlrc/beam.c \
	src/erlrc/boot.c \
	src/erlrc/buf.c \
	src/erlrc/cleanup.c \
	src/erlrc/cli.c \
	src/erlrc/config.c \
	src/erlrc/debpkg.c \
	src/erlrc/debscan.c \
	src/erlrc/dpkg.c \
	src/erlrc/error.c \
	src/erlrc/guard.c \
	src/erlrc/host.c \
	src/erlrc/libdir.c \
	src/erlrc/license.c \
	src/erlrc/live.c \
	src/erlrc/lock.c \
	src/erlrc/log.c \
	src/erlrc/makedeb.c \
	src/erlrc/node.c \
	src/erlrc/nodeproc.c \
	src/erlrc/order.c \
	src/erlrc/paths.c \
	src/erlrc/preflight.c \
	src/erlrc/registry.c \
	src/erlrc/rel.c \
	src/erlrc/relcheck.c \
	src/erlrc/reldeb.c \
	src/erlrc/report.c \
	src/erlrc/script.c \
	src/erlrc/sock.c \
	src/erlrc/spec.c \
	src/erlrc/stalecheck.c \
	src/erlrc/start.c \
	src/erlrc/stop.c \
	src/erlrc/strmap.c \
	src/erlrc/subproc.c \
	src/erlrc/suptree.c \
	src/erlrc/term.c \
	src/erlrc/term_bits.c \
	src/erlrc/term_ei.c \
	src/erlrc/term_read.c \
	src/erlrc/term_write.c \
	src/erlrc/tree.c \
	src/erlrc/upgrade.c \
	src/erlrc/utf8.c \
	src/erlrc/xalloc.c \
	src/erlrc/yaml.c

# Programs for the machine's administrator (sbin), and for developers (bin).
SBIN_PROGS = \
	erlrc-boot \
	erlrc-check \
	erlrc-configure \
	erlrc-downgrade \
	erlrc-start \
	erlrc-stop \
	erlrc-upgrade

BIN_PROGS = \
	erlrc-makeappup \
	makeappdeb \
	makebasedeb \
	makereldeb

PROGS = $(SBIN_PROGS) $(BIN_PROGS)

UNIT_SRCS = \
	tests/unit/main.c \
	tests/unit/scratch.c \
	tests/unit/termdump.c \
	tests/unit/test_app.c \
	tests/unit/test_appup.c \
	tests/unit/test_basedeb.c \
	tests/unit/test_beam.c \
	tests/unit/test_config.c \
	tests/unit/test_debpkg.c \
	tests/unit/test_dpkg.c \
	tests/unit/test_lock.c \
	tests/unit/test_nodeproc.c \
	tests/unit/test_order.c \
	tests/unit/test_registry.c \
	tests/unit/test_rel.c \
	tests/unit/test_spec.c \
	tests/unit/test_subproc.c \
	tests/unit/test_term.c \
	tests/unit/test_term_ei.c \
	tests/unit/test_tree.c

FUZZ_TARGETS = \
	fuzz_beam \
	fuzz_config \
	fuzz_debscan \
	fuzz_ei \
	fuzz_models \
	fuzz_proc \
	fuzz_spec \
	fuzz_term

MAN_PAGES = \
	man/erlrc-makeappup.1 \
	man/makeappdeb.1 \
	man/makebasedeb.1 \
	man/makereldeb.1 \
	man/erlrc-boot.8 \
	man/erlrc-check.8 \
	man/erlrc-configure.8 \
	man/erlrc-downgrade.8 \
	man/erlrc-start.8 \
	man/erlrc-stop.8 \
	man/erlrc-upgrade.8 \
	man/erlrc.yaml.5 \
	man/erlrc.7

LIB_OBJS = $(LIB_SRCS:src/erlrc/%.c=$(B)/lib/%.o)
UNIT_OBJS = $(UNIT_SRCS:tests/unit/%.c=$(B)/unit/%.o)
PROG_BINS = $(PROGS:%=$(B)/%)
TEST_TOOLS = \
	$(B)/tests/beaminfo \
	$(B)/tests/nodecall \
	$(B)/tests/termcat

all: $(PROG_BINS) $(B)/unit-tests $(TEST_TOOLS)

$(B)/lib/%.o: src/erlrc/%.c config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(B)/liberlrc.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(B)/prog/%.o: src/%.c config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(PROG_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# Where the installed build tools find templates/ and hooks/ (the tests
# point ERLRC_DATADIR at the source tree instead).
$(B)/prog/makeappdeb.o $(B)/prog/makebasedeb.o $(B)/prog/makereldeb.o: \
	PROG_CPPFLAGS = \
	-DERLRC_DATADIR='"$(datarootdir)/erlrc"' -DERLRC_VERSION='"$(VERSION)"'

$(B)/erlrc-%: $(B)/prog/erlrc-%.o $(B)/liberlrc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/liberlrc.a $(LIBS)

$(B)/makeappdeb: $(B)/prog/makeappdeb.o $(B)/liberlrc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/liberlrc.a $(LIBS)

$(B)/makebasedeb: $(B)/prog/makebasedeb.o $(B)/liberlrc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/liberlrc.a $(LIBS)

$(B)/makereldeb: $(B)/prog/makereldeb.o $(B)/liberlrc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(B)/liberlrc.a $(LIBS)

# Small programs the functional tests run; not installed.
$(B)/tests/%: tests/tools/%.c $(B)/liberlrc.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(B)/liberlrc.a $(LIBS)

$(B)/unit/%.o: tests/unit/%.c config.mk
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(CHECK_CFLAGS) $(ALL_CFLAGS) \
		-DERLRC_TEST_DATA='"$(CURDIR)/tests/unit/data"' -c -o $@ $<

$(B)/unit-tests: $(UNIT_OBJS) $(B)/liberlrc.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJS) $(B)/liberlrc.a $(LIBS) \
		$(CHECK_LIBS)

# The example applications (examples/README), for the upgrade tests and the
# demo: examples/APP/VSN/src into $(B)/examples/lib/APP-VSN/ebin.
EXAMPLE_APPS = \
	sensor/1.0 \
	sensor/2.0 \
	sensor/3.0 \
	sensor/4.0 \
	sensor/4.0.1 \
	sensorlog/1.0

# example_app APP VSN: the rules for one version of one application.
define example_app
EXAMPLE_FILES += $$(patsubst examples/$(1)/$(2)/src/%.erl, \
	$(B)/examples/lib/$(1)-$(2)/ebin/%.beam, \
	$$(wildcard examples/$(1)/$(2)/src/*.erl)) \
	$(B)/examples/lib/$(1)-$(2)/ebin/$(1).app
$(B)/examples/lib/$(1)-$(2)/ebin/%.beam: examples/$(1)/$(2)/src/%.erl
	@mkdir -p $$(@D)
	$$(ERLC) +warnings_as_errors -o $$(@D) $$<
$(B)/examples/lib/$(1)-$(2)/ebin/$(1).app: examples/$(1)/$(2)/src/$(1).app.src
	@mkdir -p $$(@D)
	cp $$< $$@
endef
$(foreach a,$(EXAMPLE_APPS),$(eval $(call example_app,$(patsubst %/,%, \
	$(dir $(a))),$(notdir $(a)))))

all: $(EXAMPLE_FILES)

# Fuzz targets: clang's libFuzzer, built from the sources, not the objects.
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
$(B)/fuzz/%: tests/fuzz/%.c $(LIB_SRCS)
	@mkdir -p $(@D)
	$(CLANG) $(ALL_CPPFLAGS) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRCS) $(LIBS)

fuzz-build: $(FUZZ_TARGETS:%=$(B)/fuzz/%)

# A long fuzzing run: make fuzz FUZZ_SECONDS=3600
FUZZ_SECONDS = 600
fuzz: fuzz-build
	tests/fuzz/run $(B)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The whole suite, once on the plain build and once under ASan+UBSan.
check: all fuzz-build
	$(MAKE) B=$(B)/san SAN=1 all
	tests/run-suite $(B) $(B)/san

bench: all
	tests/bench/run $(B)

# The example packaged by makeappdeb, installed, upgraded, downgraded and
# removed by dpkg in a throwaway root, on a throwaway node.
demo: all
	examples/demo $(B)

install: $(PROG_BINS)
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(sbindir) \
		$(DESTDIR)$(mandir)/man1 $(DESTDIR)$(mandir)/man5 \
		$(DESTDIR)$(mandir)/man7 $(DESTDIR)$(mandir)/man8
	install -m 755 $(BIN_PROGS:%=$(B)/%) $(DESTDIR)$(bindir)
	install -m 755 $(SBIN_PROGS:%=$(B)/%) $(DESTDIR)$(sbindir)
	install -m 644 $(filter %.1,$(MAN_PAGES)) $(DESTDIR)$(mandir)/man1
	install -m 644 $(filter %.5,$(MAN_PAGES)) $(DESTDIR)$(mandir)/man5
	install -m 644 $(filter %.7,$(MAN_PAGES)) $(DESTDIR)$(mandir)/man7
	install -m 644 $(filter %.8,$(MAN_PAGES)) $(DESTDIR)$(mandir)/man8
	install -d $(DESTDIR)$(datarootdir)/erlrc/templates \
		$(DESTDIR)$(datarootdir)/erlrc/hooks
	install -m 644 templates/* $(DESTDIR)$(datarootdir)/erlrc/templates
	install -m 644 hooks/* $(DESTDIR)$(datarootdir)/erlrc/hooks

# The functional and end-to-end tests against the installed programs (make
# install first, with the same DESTDIR and prefix): $(B)/installed holds
# links to them in place of the build's programs.  The tests still need
# the build's test tools and example applications, not its programs.
INSTALLED = $(abspath $(B))/installed
installcheck: $(TEST_TOOLS) $(EXAMPLE_FILES)
	rm -rf $(INSTALLED)
	mkdir -p $(INSTALLED)
	for p in $(BIN_PROGS:%=$(abspath $(DESTDIR)$(bindir))/%) \
	    $(SBIN_PROGS:%=$(abspath $(DESTDIR)$(sbindir))/%); do \
		test -x "$$p" || { \
			echo "installcheck: error: $$p is not installed" >&2; \
			exit 2; \
		}; \
		ln -s "$$p" $(INSTALLED)/ || exit 2; \
	done
	ERLRC_BIN=$(INSTALLED) \
	    ERLRC_DATADIR=$(abspath $(DESTDIR)$(datarootdir))/erlrc \
	    tests/run-suite --installed $(B)

clean:
	rm -rf $(B)

distclean: clean
	rm -rf config.mk config.log config.status configure aclocal.m4 \
		autom4te.cache

.PHONY: all check bench demo fuzz fuzz-build install installcheck clean \
	distclean
.SECONDARY:

-include $(LIB_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(PROGS:%=$(B)/prog/%.d)
