# vaksam: one executable, one SQLite file. See README.md.
#
#   make          build build/vaksam
#   make run      install missing packages, build, create demo.db, start the kiosk
#   make test     install missing packages, build with ASan+UBSan, run every test
#   make bench    performance figures (not pass/fail)
#   make fuzz     run the libFuzzer targets for FUZZ_SECONDS each (outside CI)
#   make install  PREFIX=/usr/local DESTDIR=

VERSION  := 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
BUILD    ?= build
# make run and make test build in parallel, one job a core; tests run one suite at a time.
JOBS     := $(shell nproc 2>/dev/null || echo 2)

PKGS     := ncursesw sqlite3 libqrencode libsodium md4c libcjson liboath
# Packages make deps installs when a pkg-config module, header or tool is missing.
DEB_PKGS := build-essential pkg-config libncurses-dev libsqlite3-dev sqlite3 libqrencode-dev \
            libhpdf-dev libcsv-dev libmd4c-dev libsodium-dev liboath-dev libcjson-dev \
            libcmocka-dev fonts-dejavu-core tmux poppler-utils zbar-tools qpdf valgrind \
            cppcheck gettext oathtool python3 clang \
            openssh-server openssh-client libreoffice-calc-nogui

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wformat=2 -Wno-missing-field-initializers -Werror
CFLAGS   ?= -O2 -g
CPPFLAGS += -I. -DVAKSAM_VERSION='"$(VERSION)"' -DVAKSAM_SRCDIR='"$(CURDIR)"' \
            -DVAKSAM_LOCALEDIR='"$(PREFIX)/share/locale"' \
            -DVAKSAM_DATADIR='"$(PREFIX)/share/vaksam"' $(PKG_CFLAGS)
ALL_CFLAGS = -std=c17 $(WARN) $(CFLAGS) $(CPPFLAGS)
LDLIBS   += $(PKG_LIBS) -lhpdf -lcsv -lm -pthread

SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

LAYERS   := core authoring kiosk reports cli
SRCS     := $(sort $(foreach d,$(LAYERS),$(wildcard $(d)/*.c)))
MAIN_SRC := cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
TEST_SRCS := $(sort $(wildcard tests/unit/test_*.c))

OBJS      := $(SRCS:%.c=$(BUILD)/obj/%.o)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
SAN_OBJS  := $(SRCS:%.c=$(BUILD)/san/%.o)
SAN_LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/san/%.o)
SAN_TESTS := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/san/tests/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
SAN_FUZZ  := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/san/fuzz/%)

.PHONY: all deps run test unit e2e bench fuzz install clean check-deps format

# The English catalogue for the kiosk (Swedish needs none: msgids are Swedish).
MO_FILES := $(patsubst po/%.po,$(BUILD)/locale/%/LC_MESSAGES/vaksam.mo,$(wildcard po/*.po))

all: $(BUILD)/vaksam $(MO_FILES)

$(BUILD)/locale/%/LC_MESSAGES/vaksam.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

$(BUILD)/vaksam: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The sanitizer build: the binary the tests run, and the unit tests.
$(BUILD)/san/vaksam: $(SAN_OBJS)
	$(CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(LDLIBS)

$(BUILD)/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/san/tests/%: tests/unit/%.c $(SAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(SAN_LIB_OBJS) $(LDLIBS) -lcmocka

# Each fuzz target, built with a replay main instead of libFuzzer, so make test
# runs its saved corpus and every crash found (see tests/fuzz/replay_main.c).
$(BUILD)/san/fuzz/%: tests/fuzz/%.c tests/fuzz/replay_main.c $(SAN_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $(SAN_FLAGS) -o $@ $< tests/fuzz/replay_main.c $(SAN_LIB_OBJS) $(LDLIBS)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d)

# Installs what is missing, and only then asks apt (CI runs as root on a fresh machine).
deps:
	@./tests/tools/deps.sh $(DEB_PKGS)

check-deps:
	@./tests/tools/deps.sh --check $(DEB_PKGS)

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BUILD)/vaksam $(MO_FILES)
	@test -f demo.db || ./$(BUILD)/vaksam init --demo --db demo.db
	./$(BUILD)/vaksam kiosk --db demo.db

test: deps
	$(MAKE) -j$(JOBS) $(BUILD)/vaksam $(MO_FILES) $(BUILD)/san/vaksam $(SAN_TESTS) $(SAN_FUZZ)
	@./tests/run.sh $(BUILD) $(SAN_TESTS)

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/vaksam
	@./tests/bench/run.sh $(BUILD)/vaksam

FUZZ_SECONDS ?= 60
fuzz: deps
	@./tests/fuzz/run.sh $(FUZZ_SECONDS)

install: $(BUILD)/vaksam $(MO_FILES)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/vaksam $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BUILD)/vaksam $(DESTDIR)$(PREFIX)/bin/vaksam
	cp -R content $(DESTDIR)$(PREFIX)/share/vaksam/
	install -m 0644 vaksam.1 $(DESTDIR)$(PREFIX)/share/man/man1/vaksam.1
	for mo in $(MO_FILES); do lang=$$(basename $$(dirname $$(dirname $$mo))); \
		install -d $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES; \
		install -m 0644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$lang/LC_MESSAGES/vaksam.mo; done

format:
	clang-format -i $(SRCS) $(wildcard */*.h)

clean:
	rm -rf $(BUILD)
