/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_dpkg.c - unit tests of dpkg.c: versions and the package database */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include <erlrc/dpkg.h>
#include <erlrc/error.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

extern char **environ;

/*
 * Every expected result in the tables below was checked against dpkg
 * 1.21 on Debian 12: orderings with dpkg --compare-versions A lt|eq|gt B,
 * messages with what dpkg --compare-versions prints, and the strict
 * validity of versions with dpkg-deb --build of a package whose control
 * file has that Version.
 */

struct order_case {
	const char *a;
	const char *b;
	int cmp;
};

static const struct order_case order_cases[] = {
	/* Debian policy §5.6.12: ~ sorts before anything, even the end. */
	{ "1.0~rc1", "1.0", -1 },
	{ "1.0~", "1.0", -1 },
	{ "1.0~~", "1.0~", -1 },
	{ "1.0~~a", "1.0~~", 1 },
	{ "1.0~rc1", "1.0~rc2", -1 },
	{ "1.0~rc1", "1.0~beta1", 1 },
	{ "1.0", "1.0~", 1 },
	{ "~~", "~", -1 },
	{ "~", "0", -1 },
	{ "1~", "1", -1 },
	/* A missing revision is lower than any but one equal to 0. */
	{ "1.0", "1.0-1", -1 },
	{ "1.0", "1.0-0", 0 },
	/* Equal versions spelled differently. */
	{ "1.0", "0:1.0", 0 },
	{ "1.0-1", "0:1.0-1", 0 },
	{ "1.0", "1.00", 0 },
	{ "01", "1", 0 },
	{ "1:1.0-1", "1:1.0-1", 0 },
	{ " 1.0", "1.0", 0 },
	{ "1.0\t", "1.0", 0 },
	/* Epochs first. */
	{ "1.0", "1:0.1", -1 },
	{ "1:1.0", "2:0.1", -1 },
	{ "2147483647:1", "1", 1 },
	/* + and . sort after letters, and after the end. */
	{ "1.0", "1.0.0", -1 },
	{ "1.0", "1.0+1", -1 },
	{ "1.0+1", "1.0.1", -1 },
	{ "1.0a", "1.0+", -1 },
	{ "1.0z", "1.0.", -1 },
	{ "1.0.a", "1.0a", 1 },
	{ "1.0-1+deb12u1", "1.0-1", 1 },
	{ "1.0-1~bpo1", "1.0-1", -1 },
	/* Letters sort after the end and by ASCII, upper case first. */
	{ "1.0a", "1.0", 1 },
	{ "1.0a", "1.0.1", -1 },
	{ "1.0A", "1.0a", -1 },
	{ "1.0Z", "1.0a", -1 },
	{ "1.0-a", "1.0-1", 1 },
	/* Digits compare as numbers. */
	{ "1.2.3", "1.2.10", -1 },
	{ "10", "9", 1 },
	{ "0.0", "0", 1 },
	{ "1.0-10", "1.0-9", 1 },
	{ "1.0-1", "1.0-2", -1 },
	{ "1.0-1", "1.0-1.1", -1 },
	/* Colons after the epoch, hyphens before the last one. */
	{ "1:1:1", "1:1", 1 },
	{ "1.0-1-2", "1.0-1", 1 },
	{ "1.0-1-2", "1.0-2", 1 },
	/* What dpkg only warns about, it still compares. */
	{ "a1.0", "1.0", 1 },
	{ "~1", "0", -1 },
	{ "1_0", "1.0", 1 },
	{ "1\xc3\xa9", "1e", 1 },
	{ "1.0-1_0", "1.0-1", 1 },
};

START_TEST(test_compare_order)
{
	const struct order_case *c = &order_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int cmp = 42;

	ck_assert_msg(erlrc_dpkg_version_compare(c->a, c->b, &cmp, &err) == 0,
	    "'%s' vs '%s': %s", c->a, c->b, err.msg);
	ck_assert_msg(cmp == c->cmp, "'%s' vs '%s': got %d, want %d", c->a,
	    c->b, cmp, c->cmp);
	cmp = 42;
	ck_assert_int_eq(erlrc_dpkg_version_compare(c->b, c->a, &cmp, &err),
	    0);
	ck_assert_msg(cmp == -c->cmp, "'%s' vs '%s': got %d, want %d", c->b,
	    c->a, cmp, -c->cmp);
}
END_TEST

/* Versions dpkg-deb --build accepts. */
static const char *const good_versions[] = {
	"0",
	"1.0",
	"1.0a",
	"1A",
	"0:1.0",
	"2147483647:1.0",
	"1:1:1",
	"1.0-1-2",
	"1.0~rc1",
	"1.0+dfsg-1~bpo12+1",
	"9.10.3.dfsg.P4-12.3+deb9u4",
	"1.",
	"1.0-.",
	"1.0-~",
	"1.0-a",
};

START_TEST(test_check_good)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int cmp = 42;

	ck_assert_msg(erlrc_dpkg_version_check(good_versions[_i], &err) == 0,
	    "'%s': %s", good_versions[_i], err.msg);
	ck_assert_int_eq(err.code, ERLRC_ERR_NONE);
	ck_assert_int_eq(erlrc_dpkg_version_compare(good_versions[_i],
	    good_versions[_i], &cmp, &err), 0);
	ck_assert_int_eq(cmp, 0);
}
END_TEST

struct bad_case {
	const char *s;
	const char *msg;
	int comparable;		/* dpkg --compare-versions only warns */
};

static const struct bad_case bad_cases[] = {
	{ "", "version '' has bad syntax: version string is empty", 0 },
	{ "   ", "version '   ' has bad syntax: version string is empty", 0 },
	{ ":1.0",
	  "version ':1.0' has bad syntax: epoch in version is empty", 0 },
	/* strtol() reads no digits at all: "empty", not "not number". */
	{ "a:1.0",
	  "version 'a:1.0' has bad syntax: epoch in version is empty", 0 },
	{ "1a:1.0",
	  "version '1a:1.0' has bad syntax: epoch in version is not number",
	  0 },
	{ "1.0:2",
	  "version '1.0:2' has bad syntax: epoch in version is not number",
	  0 },
	{ "-1:1.0",
	  "version '-1:1.0' has bad syntax: epoch in version is negative", 0 },
	{ "2147483648:1",
	  "version '2147483648:1' has bad syntax: epoch in version is too big",
	  0 },
	{ "99999999999999999999:1",
	  "version '99999999999999999999:1' has bad syntax: "
	  "epoch in version is too big", 0 },
	{ "1:",
	  "version '1:' has bad syntax: nothing after colon in version number",
	  0 },
	{ "1.0-",
	  "version '1.0-' has bad syntax: revision number is empty", 0 },
	{ "-1", "version '-1' has bad syntax: version number is empty", 0 },
	{ "1:-1", "version '1:-1' has bad syntax: version number is empty", 0 },
	{ "1 0",
	  "version '1 0' has bad syntax: version string has embedded spaces",
	  0 },
	{ "1.0\t1",
	  "version '1.0\\x091' has bad syntax: "
	  "version string has embedded spaces", 0 },
	/* Warnings of dpkg, which dpkg-deb --build refuses. */
	{ "a1.0",
	  "version 'a1.0' has bad syntax: "
	  "version number does not start with digit", 1 },
	{ "~1",
	  "version '~1' has bad syntax: "
	  "version number does not start with digit", 1 },
	{ "1_0",
	  "version '1_0' has bad syntax: invalid character in version number",
	  1 },
	{ "1\xc3\xa9",
	  "version '1\xc3\xa9' has bad syntax: "
	  "invalid character in version number", 1 },
	{ "1.0\n",
	  "version '1.0\\x0a' has bad syntax: "
	  "invalid character in version number", 1 },
	{ "1.0-1_0",
	  "version '1.0-1_0' has bad syntax: "
	  "invalid character in revision number", 1 },
	/* dpkg-deb never sees these blanks: its parser strips them. */
	{ " 1.0",
	  "version ' 1.0' has bad syntax: "
	  "version string has leading or trailing spaces", 1 },
	{ "1.0\t",
	  "version '1.0\\x09' has bad syntax: "
	  "version string has leading or trailing spaces", 1 },
};

START_TEST(test_check_bad)
{
	const struct bad_case *c = &bad_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;

	ck_assert_msg(erlrc_dpkg_version_check(c->s, &err) == -1,
	    "'%s' passed", c->s);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, c->msg);
}
END_TEST

/* Comparing refuses what dpkg refuses, and takes what it warns about. */
START_TEST(test_compare_bad)
{
	const struct bad_case *c = &bad_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int cmp = 42;

	if (c->comparable) {
		ck_assert_msg(erlrc_dpkg_version_compare(c->s, c->s, &cmp,
		    &err) == 0, "'%s': %s", c->s, err.msg);
		ck_assert_int_eq(cmp, 0);
		return;
	}
	ck_assert_int_eq(erlrc_dpkg_version_compare(c->s, "1.0", &cmp, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, c->msg);
	erlrc_error_clear(&err);
	ck_assert_int_eq(erlrc_dpkg_version_compare("1.0", c->s, &cmp, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, c->msg);
	ck_assert_int_eq(cmp, 42);
}
END_TEST

/* The error names the first bad version of the two. */
START_TEST(test_compare_first_bad)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int cmp = 42;

	ck_assert_int_eq(erlrc_dpkg_version_compare("1:", "", &cmp, &err), -1);
	ck_assert_str_eq(err.msg, "version '1:' has bad syntax: "
	    "nothing after colon in version number");
	ck_assert_int_eq(erlrc_dpkg_version_compare("a1", "1.0-", &cmp, &err),
	    -1);
	ck_assert_str_eq(err.msg,
	    "version '1.0-' has bad syntax: revision number is empty");
	ck_assert_int_eq(cmp, 42);
}
END_TEST

/*
 * dpkg --compare-versions reads "<unknown>" (and "") as no version; we
 * refuse both instead of ordering "<unknown>" as text.
 */
START_TEST(test_compare_unknown)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int cmp = 42;

	ck_assert_int_eq(erlrc_dpkg_version_compare("<unknown>", "1.0", &cmp,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg,
	    "version '<unknown>' has bad syntax: dpkg reads it as no version");
	erlrc_error_clear(&err);
	ck_assert_int_eq(erlrc_dpkg_version_compare("1:", "<unknown>", &cmp,
	    &err), -1);
	ck_assert_str_eq(err.msg, "version '1:' has bad syntax: "
	    "nothing after colon in version number");
	ck_assert_int_eq(erlrc_dpkg_version_check("<unknown>", &err), -1);
	ck_assert_str_eq(err.msg, "version '<unknown>' has bad syntax: "
	    "version number does not start with digit");
	ck_assert_int_eq(cmp, 42);
}
END_TEST

/* A long version is cut in the message, which stays within bounds. */
START_TEST(test_long_version)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *s, *want;
	size_t n = 5000;
	int cmp = 42;

	s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, '1', n);
	s[n] = '\0';
	ck_assert_int_eq(erlrc_dpkg_version_check(s, &err), 0);
	ck_assert_int_eq(erlrc_dpkg_version_compare(s, "2", &cmp, &err), 0);
	ck_assert_int_eq(cmp, 1);
	s[n - 1] = '_';
	ck_assert_int_eq(erlrc_dpkg_version_check(s, &err), -1);
	want = malloc(300);
	ck_assert_ptr_nonnull(want);
	memset(want, '1', 200);
	snprintf(want + 200, 100, "...' has bad syntax: %s",
	    "invalid character in version number");
	ck_assert_str_eq(err.msg + strlen("version '"), want);
	free(want);
	free(s);
}
END_TEST

/* Nothing is printed, for warnings and errors alike. */
START_TEST(test_silent)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char path[] = "/tmp/erlrc-test-dpkg.XXXXXX";
	struct stat st;
	int fd, cmp;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	ck_assert_int_eq(dup2(fd, 1), 1);
	ck_assert_int_eq(dup2(fd, 2), 2);
	ck_assert_int_eq(erlrc_dpkg_version_compare("a1_0", "~-1_0", &cmp,
	    &err), 0);
	ck_assert_int_eq(erlrc_dpkg_version_compare("1.0", "1:", &cmp, &err),
	    -1);
	ck_assert_int_eq(erlrc_dpkg_version_check("a1_0", &err), -1);
	ck_assert_int_eq(erlrc_dpkg_version_check("1 0", &err), -1);
	ck_assert_int_eq(erlrc_dpkg_version_check(" 1.0", &err), -1);
	fflush(stdout);
	fflush(stderr);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	close(fd);
}
END_TEST

/*
 * The next two tests measure and limit the C library's allocator, which
 * ASan replaces (and whose address space no small limit can hold): they
 * run in the plain build only.
 */
#if !defined(__SANITIZE_ADDRESS__)
#define PLAIN_MALLOC 1
#endif

#ifdef PLAIN_MALLOC
/*
 * libdpkg keeps parsed versions in an allocator that only grows unless
 * emptied, and error contexts on the heap: many calls must not make the
 * heap grow.
 */
START_TEST(test_no_growth)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct mallinfo2 before, after;
	int i, cmp;

	ck_assert_int_eq(erlrc_dpkg_version_compare("1.0", "2.0", &cmp, &err),
	    0);
	before = mallinfo2();
	for (i = 0; i < 20000; i++) {
		ck_assert_int_eq(erlrc_dpkg_version_compare(
		    "1:2.3.4~rc5+dfsg-6", "a1.0", &cmp, &err), 0);
		ck_assert_int_eq(erlrc_dpkg_version_check("1.0-", &err), -1);
	}
	after = mallinfo2();
	ck_assert_msg(after.uordblks <= before.uordblks + 4096,
	    "heap grew from %zu to %zu bytes", before.uordblks,
	    after.uordblks);
}
END_TEST

/*
 * Out of memory inside libdpkg: libdpkg prints a line and exits 2 (the
 * error context we push is what keeps it from crashing).  Run with the
 * address space limited so that copying a big version fails.
 */
START_TEST(test_oom_exits)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	size_t n = 64 << 20;
	unsigned long pages = 0;
	struct rlimit rl;
	FILE *f;
	char *s;
	int fd;

	s = malloc(n + 1);
	ck_assert_ptr_nonnull(s);
	memset(s, '1', n);
	s[n] = '\0';
	f = fopen("/proc/self/statm", "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%lu", &pages), 1);
	fclose(f);
	rl.rlim_cur = rl.rlim_max = pages * (unsigned long)getpagesize() +
	    (16 << 20);
	ck_assert_int_eq(setrlimit(RLIMIT_AS, &rl), 0);
	fd = open("/dev/null", O_WRONLY);
	ck_assert_int_ge(fd, 0);
	dup2(fd, 2);
	erlrc_dpkg_version_check(s, &err);
	/* Returning at all is wrong. */
	exit(0);
}
END_TEST
#endif

/*
 * Generated pairs through both erlrc_dpkg_version_compare and dpkg
 * --compare-versions itself, run without a shell.
 */

static unsigned long rng_state = 20240601;

static unsigned
rng(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng_state >> 33) % n);
}

static const char *const pieces[] = {
	"0", "1", "2", "9", "10", "01", "a", "b", "z", "A", "Z", ".", "+",
	"~", "~~", ":", "_",
};

static void
gen_part(char *out, size_t size, int lead)
{
	int i, n = 1 + (int)rng(5);

	if (lead)
		snprintf(out, size, "%s", rng(10) ? "1" : "a");
	for (i = 0; i < n; i++) {
		size_t len = strlen(out);

		snprintf(out + len, size - len, "%s",
		    pieces[rng(sizeof(pieces) / sizeof(pieces[0]))]);
	}
}

static void
gen_version(char *out, size_t size)
{
	char up[64] = "", rev[64] = "";

	gen_part(up, sizeof(up), 1);
	if (rng(3) == 0)
		gen_part(rev, sizeof(rev), 0);
	snprintf(out, size, "%s%s%s%s", rng(5) == 0 ? "1:" : "", up,
	    rev[0] ? "-" : "", rev);
}

/*
 * Another version, often close to A: A with a piece added, or spelled
 * differently (a zero epoch, a leading zero), or A itself.
 */
static void
gen_neighbour(char *out, size_t size, const char *a)
{
	switch (rng(6)) {
	case 0:
		snprintf(out, size, "%s%s", a,
		    pieces[rng(sizeof(pieces) / sizeof(pieces[0]))]);
		break;
	case 1:
		snprintf(out, size, "%s%s", strchr(a, ':') ? "" : "0:", a);
		break;
	case 2:
		snprintf(out, size, "0%s", a);
		break;
	case 3:
		snprintf(out, size, "%s", a);
		break;
	default:
		gen_version(out, size);
		break;
	}
}

/* Run dpkg --compare-versions A OP B; its exit status, or -1. */
static int
dpkg_relation(const char *a, const char *op, const char *b)
{
	char *argv[] = {
		"dpkg", "--compare-versions", (char *)a, (char *)op,
		(char *)b, NULL
	};
	posix_spawn_file_actions_t fa;
	int status;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	/* Warnings about odd versions go to stderr. */
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "dpkg", &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* dpkg's answer: -1, 0 or 1, or 2 when it refuses a version. */
static int
dpkg_compare(const char *a, const char *b)
{
	int rc = dpkg_relation(a, "lt", b);

	if (rc == 0)
		return -1;
	ck_assert_msg(rc == 1 || rc == 2, "dpkg %s lt %s: %d", a, b, rc);
	if (rc == 2)
		return 2;
	rc = dpkg_relation(a, "eq", b);
	ck_assert_msg(rc == 0 || rc == 1, "dpkg %s eq %s: %d", a, b, rc);
	return rc == 0 ? 0 : 1;
}

START_TEST(test_agrees_with_dpkg)
{
	int seen[4] = { 0, 0, 0, 0 };
	int i;

	for (i = 0; i < 300; i++) {
		struct erlrc_error err = ERLRC_ERROR_INIT;
		char a[100], b[160];
		int want, got = 42;

		gen_version(a, sizeof(a));
		gen_neighbour(b, sizeof(b), a);
		want = dpkg_compare(a, b);
		seen[want + 1]++;
		if (want == 2) {
			ck_assert_msg(erlrc_dpkg_version_compare(a, b, &got,
			    &err) == -1, "'%s' vs '%s' accepted", a, b);
			continue;
		}
		ck_assert_msg(erlrc_dpkg_version_compare(a, b, &got, &err) ==
		    0, "'%s' vs '%s': %s", a, b, err.msg);
		ck_assert_msg(got == want, "'%s' vs '%s': got %d, dpkg says %d",
		    a, b, got, want);
	}
	/* Each outcome is common enough to have been tried. */
	for (i = 0; i < 4; i++)
		ck_assert_msg(seen[i] >= 10, "outcome %d seen %d times", i - 1,
		    seen[i]);
}
END_TEST

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/*
 * The package database: fake admindirs under data/dpkg.  admin has a
 * package in each state, one Multi-Arch: same (its list named with
 * :amd64), one whose list is missing and one with an odd version (both
 * make dpkg-query warn), one purged with a stale list, and one installed
 * again that only updates/0000 says so; admin2 is the same machine once
 * erlang-sensor went from 2.0 to 3.0.  Every answer below is what
 * dpkg-query --admindir=... -S gives.
 */
#define ADMIN ERLRC_TEST_DATA "/dpkg/admin"
#define ADMIN2 ERLRC_TEST_DATA "/dpkg/admin2"
#define LIB "/usr/lib/erlang/lib"

struct owner_case {
	const char *admindir;
	const char *path;
	const char *package;	/* NULL: owned by no package */
	const char *version;
};

static const struct owner_case owner_cases[] = {
	/* Arch all, with an epoch. */
	{ ADMIN, LIB "/sensor-2.0/ebin/sensor.app", "erlang-sensor",
	  "1:2.0-1" },
	/* Trailing slashes and dots go, as do leading slashes. */
	{ ADMIN, LIB "/sensor-2.0/ebin/sensor.app/", "erlang-sensor",
	  "1:2.0-1" },
	{ ADMIN, LIB "/sensor-2.0/ebin/sensor.app/.", "erlang-sensor",
	  "1:2.0-1" },
	{ ADMIN, "//usr/lib/erlang/lib/sensor-2.0/ebin/sensor.app",
	  "erlang-sensor", "1:2.0-1" },
	/* Anything else must be spelled as dpkg recorded it. */
	{ ADMIN, LIB "/sensor-2.0/ebin//sensor.app", NULL, NULL },
	{ ADMIN, LIB "/sensor-2.0/ebin/./sensor.app", NULL, NULL },
	{ ADMIN, LIB "/sensor-2.0/ebin/sensor", NULL, NULL },
	/* Multi-Arch: same: named with its architecture, list too. */
	{ ADMIN, LIB "/sensor-2.0/priv/sensor_nif.so", "libsensor-nif:amd64",
	  "2.0-1" },
	/* States with the files on the system. */
	{ ADMIN, LIB "/half-3.0/ebin/half.app", "erlang-half", "3.0-1" },
	{ ADMIN, LIB "/unpacked-1.1/ebin/unpacked.app", "erlang-unpacked",
	  "1.1-1" },
	{ ADMIN, LIB "/trig-0.9/ebin/trig.app", "erlang-trig", "0.9-2" },
	/* A version dpkg only warns about, as dpkg-query prints it. */
	{ ADMIN, LIB "/odd-1.0/ebin/odd.app", "erlang-odd", "1.0_odd" },
	/* Only the pending update in updates/0000 says it is installed. */
	{ ADMIN, LIB "/new-2.1/ebin/new.app", "erlang-new", "2.1-1" },
	/* And without: config-files, half-installed, not-installed. */
	{ ADMIN, LIB "/old-1.0/ebin/old.app", NULL, NULL },
	{ ADMIN, "/etc/erlang-old/old.config", NULL, NULL },
	{ ADMIN, LIB "/halfinst-1.0/ebin/halfinst.app", NULL, NULL },
	{ ADMIN, LIB "/gone-1.0/ebin/gone.app", NULL, NULL },
	/* Nobody's, and every list's "/." is not "/". */
	{ ADMIN, LIB "/sensor-3.0/ebin/sensor.app", NULL, NULL },
	{ ADMIN, "/", NULL, NULL },
	/* Another database: its own lists and versions. */
	{ ADMIN2, LIB "/sensor-3.0/ebin/sensor.app", "erlang-sensor",
	  "1:3.0-1" },
	{ ADMIN2, LIB "/sensor-2.0/ebin/sensor.app", NULL, NULL },
};

/* erlrc_dpkg_owner() answers as in the table, and fills err never. */
static void
check_owner(const struct owner_case *c)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *package = (char *)1, *version = (char *)1;
	int rc;

	rc = erlrc_dpkg_owner(c->admindir, c->path, &package, &version, &err);
	ck_assert_msg(rc == (c->package != NULL), "%s in %s: got %d (%s)",
	    c->path, c->admindir, rc, err.msg);
	ck_assert_int_eq(err.code, ERLRC_ERR_NONE);
	if (c->package == NULL) {
		ck_assert_ptr_null(package);
		ck_assert_ptr_null(version);
		return;
	}
	ck_assert_str_eq(package, c->package);
	ck_assert_str_eq(version, c->version);
	free(package);
	free(version);
}

START_TEST(test_owner)
{
	check_owner(&owner_cases[_i]);
}
END_TEST

/* Found in admin, and in admin2 with another version, or not at all. */
static const struct owner_case sensor2 = {
	ADMIN, LIB "/sensor-2.0/ebin/sensor.app", "erlang-sensor", "1:2.0-1"
};
static const struct owner_case sensor2_gone = {
	ADMIN2, LIB "/sensor-2.0/ebin/sensor.app", NULL, NULL
};
static const struct owner_case sensor3 = {
	ADMIN2, LIB "/sensor-3.0/ebin/sensor.app", "erlang-sensor", "1:3.0-1"
};
static const struct owner_case sensor3_none = {
	ADMIN, LIB "/sensor-3.0/ebin/sensor.app", NULL, NULL
};
static const struct owner_case nif = {
	ADMIN, LIB "/sensor-2.0/priv/sensor_nif.so", "libsensor-nif:amd64",
	"2.0-1"
};

/*
 * libdpkg keeps the database in globals, some of them cached from the
 * first call: calls in a row, on one admindir and another, each see
 * their own.  Version calls in between empty libdpkg's allocator too.
 */
START_TEST(test_owner_in_a_row)
{
	const struct owner_case *row[] = {
		&sensor2, &sensor3_none, &sensor3, &sensor2_gone, &sensor2,
		&nif, &sensor3, &sensor3, &sensor2_gone, &sensor3_none,
		&sensor2,
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	int i, cmp;

	ck_assert_int_eq(erlrc_dpkg_version_compare("1.0", "2.0", &cmp, &err),
	    0);
	for (i = 0; i < COUNT(row); i++) {
		check_owner(row[i]);
		ck_assert_int_eq(erlrc_dpkg_version_compare("1:1.0", "a1.0",
		    &cmp, &err), 0);
		ck_assert_int_eq(cmp, 1);
	}
}
END_TEST

/* With no admindir, $DPKG_ADMINDIR is the one, as for dpkg-query. */
START_TEST(test_owner_env)
{
	struct owner_case c = sensor3;

	ck_assert_int_eq(setenv("DPKG_ADMINDIR", ADMIN2, 1), 0);
	c.admindir = NULL;
	check_owner(&c);
	ck_assert_int_eq(setenv("DPKG_ADMINDIR", ADMIN, 1), 0);
	c = sensor2;
	c.admindir = NULL;
	check_owner(&c);
}
END_TEST

/*
 * Run ARGV with stdout into OUT (cut to SIZE, NUL-terminated) and
 * stderr to /dev/null.  Returns its exit status, or -1.
 */
static int
run_capture(char *const argv[], char *out, size_t size)
{
	posix_spawn_file_actions_t fa;
	size_t len = 0;
	int pfd[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(pfd) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pfd[1], 1);
	posix_spawn_file_actions_addclose(&fa, pfd[0]);
	posix_spawn_file_actions_addclose(&fa, pfd[1]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(pfd[1]);
	while ((n = read(pfd[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(pfd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * dpkg-query's view of ADMINDIR: a line per package, each starting with
 * a newline: the name as -S prints it, the status abbreviation ("ii ",
 * "iU " unpacked, "rc " config-files...) and the version.
 */
static void
query_packages(const char *admindir, char *out, size_t size)
{
	char *opt = erlrc_xasprintf("--admindir=%s", admindir);
	char *argv[] = {
		"dpkg-query", opt, "-W", "-f",
		"\n${binary:Package} ${db:Status-Abbrev} ${Version}", NULL
	};

	ck_assert_int_eq(run_capture(argv, out, size), 0);
	free(opt);
}

/*
 * What erlrc_dpkg_owner() should say of PATH: the first package
 * dpkg-query -S lists whose state has its files on the system, with its
 * version from PACKAGES (what query_packages() gave).  Returns 1 with
 * PACKAGE and VERSION filled, or 0.
 */
static int
query_owner(const char *admindir, const char *packages, const char *path,
    char package[256], char version[256])
{
	char *opt = erlrc_xasprintf("--admindir=%s", admindir);
	char *argv[] = { "dpkg-query", opt, "-S", (char *)path, NULL };
	char out[8192], *name, *next, *end;
	int rc, found = 0;

	rc = run_capture(argv, out, sizeof(out));
	free(opt);
	ck_assert_msg(rc == 0 || rc == 1, "dpkg-query -S %s: %d", path, rc);
	if (rc == 1)
		return 0;
	/* "erlang-sensor, libsensor-nif:amd64: /usr/lib/..." */
	end = strstr(out, ": /");
	ck_assert_ptr_nonnull(end);
	*end = '\0';
	for (name = out; name && !found; name = next) {
		const char *p;
		char *want;

		next = strstr(name, ", ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		want = erlrc_xasprintf("\n%s ", name);
		p = strstr(packages, want);
		ck_assert_msg(p != NULL, "%s not in dpkg-query -W", name);
		p += strlen(want);
		free(want);
		/* "ii 1:2.0-1": the second letter is the state. */
		if (strchr("UFWti", p[1]) == NULL)
			continue;
		snprintf(package, 256, "%.255s", name);
		snprintf(version, 256, "%.*s", (int)strcspn(p + 4, "\n"),
		    p + 4);
		found = 1;
	}
	return found;
}

/*
 * Every path in every list of ADMINDIR, directories shared by several
 * packages included (whose first owner depends on where the lists lie
 * on disk), has the owner dpkg-query -S gives it.
 */
static void
agree_with_query(const char *admindir)
{
	char packages[4096], *info;
	int paths = 0;
	struct dirent *de;
	DIR *d;

	query_packages(admindir, packages, sizeof(packages));
	info = erlrc_xpathjoin(admindir, "info");
	d = opendir(info);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		char *list, line[PATH_MAX];
		size_t n = strlen(de->d_name);
		FILE *f;

		if (n < 5 || strcmp(de->d_name + n - 5, ".list") != 0)
			continue;
		list = erlrc_xpathjoin(info, de->d_name);
		f = fopen(list, "r");
		ck_assert_ptr_nonnull(f);
		while (fgets(line, sizeof(line), f) != NULL) {
			struct erlrc_error err = ERLRC_ERROR_INIT;
			char want[256], wantv[256], *package, *version;
			int rc, want_rc;

			line[strcspn(line, "\n")] = '\0';
			want_rc = query_owner(admindir, packages, line, want,
			    wantv);
			rc = erlrc_dpkg_owner(admindir, line, &package,
			    &version, &err);
			ck_assert_msg(rc == want_rc, "%s: got %d, want %d (%s)",
			    line, rc, want_rc, err.msg);
			if (rc == 1) {
				ck_assert_msg(strcmp(package, want) == 0,
				    "%s: got %s, dpkg-query says %s", line,
				    package, want);
				ck_assert_str_eq(version, wantv);
			}
			free(package);
			free(version);
			paths++;
		}
		fclose(f);
		free(list);
	}
	closedir(d);
	free(info);
	ck_assert_int_gt(paths, 5);
}

START_TEST(test_owner_agrees_with_query)
{
	agree_with_query(ADMIN);
	agree_with_query(ADMIN2);
}
END_TEST

/* Redirect stdout and stderr to a new unlinked file; returns it. */
static int
capture_output(void)
{
	char path[] = "/tmp/erlrc-test-dpkg.XXXXXX";
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	unlink(path);
	ck_assert_int_eq(dup2(fd, 1), 1);
	ck_assert_int_eq(dup2(fd, 2), 2);
	return fd;
}

/* Nothing went to the file capture_output() returned. */
static void
assert_no_output(int fd)
{
	struct stat st;

	fflush(stdout);
	fflush(stderr);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	close(fd);
}

/*
 * dpkg-query warns on admin ("files list file for package
 * 'erlang-nolist' missing", "'Version' field value '1.0_odd': invalid
 * character in version number"); erlrc_dpkg_owner() prints nothing.
 */
START_TEST(test_owner_silent)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *package, *version;
	int fd;

	fd = capture_output();
	ck_assert_int_eq(erlrc_dpkg_owner(ADMIN, LIB "/nolist.app", &package,
	    &version, &err), 0);
	ck_assert_int_eq(erlrc_dpkg_owner(ADMIN, LIB "/new-2.1/ebin/new.app",
	    &package, &version, &err), 1);
	free(package);
	free(version);
	ck_assert_int_eq(erlrc_dpkg_owner("/nonexistent/erlrc-admin", "/x",
	    &package, &version, &err), -1);
	assert_no_output(fd);
}
END_TEST

/*
 * libdpkg reads a missing database as an empty one (dpkg-query -S says
 * "no path found"): we refuse it, naming it, and print nothing.
 */
START_TEST(test_owner_no_database)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *package = (char *)1, *version = (char *)1;
	char *want, *file;
	const char *dir;
	FILE *f;
	int fd;

	fd = capture_output();
	ck_assert_int_eq(erlrc_dpkg_owner("/nonexistent/erlrc-admin",
	    LIB "/sensor-2.0/ebin/sensor.app", &package, &version, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, "dpkg database '/nonexistent/erlrc-admin': "
	    "No such file or directory");
	ck_assert_ptr_null(package);
	ck_assert_ptr_null(version);

	/* A directory without a status file. */
	dir = erlrc_scratch_dir("admin");
	ck_assert_int_eq(erlrc_dpkg_owner(dir, "/x", &package, &version,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	want = erlrc_xasprintf("dpkg database '%s': read '%s/status': "
	    "No such file or directory", dir, dir);
	ck_assert_str_eq(err.msg, want);
	free(want);

	/* A file. */
	file = erlrc_xpathjoin(dir, "status");
	f = fopen(file, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	ck_assert_int_eq(erlrc_dpkg_owner(file, "/x", &package, &version,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	want = erlrc_xasprintf("dpkg database '%s': Not a directory", file);
	ck_assert_str_eq(err.msg, want);
	free(want);

	/* Now that it has an (empty) status file, nothing is installed. */
	ck_assert_int_eq(erlrc_dpkg_owner(dir, "/x", &package, &version,
	    &err), 0);
	free(file);
	assert_no_output(fd);
}
END_TEST

START_TEST(test_owner_not_absolute)
{
	static const char *const paths[] = {
		"", "usr/lib/erlang", "./usr/lib/erlang", "\n",
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *package = (char *)1, *version = (char *)1;
	char want[100];
	int i;

	for (i = 0; i < COUNT(paths); i++) {
		ck_assert_int_eq(erlrc_dpkg_owner(ADMIN, paths[i], &package,
		    &version, &err), -1);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		snprintf(want, sizeof(want), "path '%s' is not absolute",
		    paths[i][0] == '\n' ? "\\x0a" : paths[i]);
		ck_assert_str_eq(err.msg, want);
		ck_assert_ptr_null(package);
		ck_assert_ptr_null(version);
	}
}
END_TEST

/* Write CONTENT to DIR/NAME. */
static void
write_file(const char *dir, const char *name, const char *content)
{
	char *file = erlrc_xpathjoin(dir, name);
	FILE *f = fopen(file, "w");

	ck_assert_msg(f != NULL, "%s: %s", file, strerror(errno));
	fputs(content, f);
	ck_assert_int_eq(fclose(f), 0);
	free(file);
}

/*
 * libdpkg 1.21 leaks its parser's state, a copy of the status file
 * included, when it fails on a bad one (it registers no cleanup for it):
 * not ours to report.
 */
#ifdef __SANITIZE_ADDRESS__
#define LIBDPKG_LEAKS_BEGIN() __lsan_disable()
#define LIBDPKG_LEAKS_END() __lsan_enable()
#else
#define LIBDPKG_LEAKS_BEGIN() ((void)0)
#define LIBDPKG_LEAKS_END() ((void)0)
#endif

struct broken_case {
	const char *status;	/* NULL: one installed package, erlang-bad */
	const char *list;	/* NULL: info/erlang-bad.list a directory */
	enum erlrc_errcode code;
	const char *msg;	/* each @ stands for the admindir */
};

static const char bad_status[] =
    "Package: erlang-bad\n"
    "Status: install ok installed\n"
    "Architecture: all\n"
    "Version: 1.0-1\n"
    "\n";

/*
 * Broken databases.  libdpkg exits the process (status 2, after a line
 * on stderr) on a files list it cannot read or parse, and fails on a bad
 * status file; erlrc_dpkg_owner() returns -1 for both.
 */
static const struct broken_case broken_cases[] = {
	{ NULL, "/.\n/usr\n/usr/x", ERLRC_ERR_INPUT,
	  "files list '@/info/erlang-bad.list' is missing its final "
	  "newline" },
	{ NULL, "/.\n/usr\n\n/usr/x\n", ERLRC_ERR_INPUT,
	  "files list '@/info/erlang-bad.list': line 3: empty filename" },
	{ NULL, "/.\n/\n", ERLRC_ERR_INPUT,
	  "files list '@/info/erlang-bad.list': line 2: empty filename" },
	{ NULL, NULL, ERLRC_ERR_INPUT,
	  "files list '@/info/erlang-bad.list' is not a regular file" },
	{ "Package: erlang-bad\nStatus: bogus\n\n", "", ERLRC_ERR_SYSTEM,
	  "dpkg database '@': parsing file '@/status' near line 2 package "
	  "'erlang-bad': first (want) word in 'Status' field: has invalid "
	  "value 'bogus'" },
	{ "Package: erlang-bad\nStatus: install ok installed\nOops\n\n", "",
	  ERLRC_ERR_SYSTEM,
	  "dpkg database '@': parsing file '@/status' near line 2 package "
	  "'erlang-bad': newline in field name 'Oops'" },
};

/* TEMPLATE with each @ replaced by DIR: a new string. */
static char *
subst_dir(const char *template, const char *dir)
{
	char *out = erlrc_xstrdup("");
	const char *at;

	while ((at = strchr(template, '@')) != NULL) {
		char *next = erlrc_xasprintf("%s%.*s%s", out,
		    (int)(at - template), template, dir);

		free(out);
		out = next;
		template = at + 1;
	}
	at = out;
	out = erlrc_xasprintf("%s%s", at, template);
	free((char *)at);
	return out;
}

START_TEST(test_owner_broken)
{
	const struct broken_case *c = &broken_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *package = (char *)1, *version = (char *)1;
	char *info, *want;
	const char *dir;
	int fd;

	dir = erlrc_scratch_dir("admin");
	write_file(dir, "status", c->status ? c->status : bad_status);
	info = erlrc_xpathjoin(dir, "info");
	ck_assert_int_eq(mkdir(info, 0755), 0);
	write_file(info, "format", "1\n");
	if (c->list) {
		write_file(info, "erlang-bad.list", c->list);
	} else {
		char *list = erlrc_xpathjoin(info, "erlang-bad.list");

		ck_assert_int_eq(mkdir(list, 0755), 0);
		free(list);
	}
	free(info);

	fd = capture_output();
	if (c->status)
		LIBDPKG_LEAKS_BEGIN();
	ck_assert_int_eq(erlrc_dpkg_owner(dir, "/usr/x", &package, &version,
	    &err), -1);
	if (c->status)
		LIBDPKG_LEAKS_END();
	ck_assert_int_eq(err.code, c->code);
	want = subst_dir(c->msg, dir);
	ck_assert_str_eq(err.msg, want);
	free(want);
	ck_assert_ptr_null(package);
	ck_assert_ptr_null(version);
	/* libdpkg's state recovers: the next call is as good as ever. */
	check_owner(&sensor2);
	check_owner(&sensor3);
	assert_no_output(fd);
}
END_TEST

/* No file descriptor is left open, whatever the outcome. */
START_TEST(test_owner_no_fd_leak)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *package, *version;
	int i, before, after;
	struct dirent *de;
	DIR *d;

	for (i = 0; i < 2; i++) {
		d = opendir("/proc/self/fd");
		ck_assert_ptr_nonnull(d);
		after = 0;
		while ((de = readdir(d)) != NULL)
			after++;
		closedir(d);
		if (i == 0)
			before = after;
		else
			break;
		check_owner(&sensor2);
		check_owner(&sensor3_none);
		ck_assert_int_eq(erlrc_dpkg_owner("/nonexistent", "/x",
		    &package, &version, &err), -1);
		ck_assert_int_eq(erlrc_dpkg_owner(ADMIN, "x", &package,
		    &version, &err), -1);
	}
	ck_assert_int_eq(after, before);
}
END_TEST

/* The same architecture as dpkg itself says. */
START_TEST(test_native_arch)
{
	const char *arch = erlrc_dpkg_native_arch();
	char line[64] = "";
	FILE *p;

	p = popen("dpkg --print-architecture", "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(line, sizeof(line), p));
	ck_assert_int_eq(pclose(p), 0);
	line[strcspn(line, "\n")] = '\0';
	ck_assert_ptr_nonnull(arch);
	ck_assert_str_eq(arch, line);
	ck_assert_ptr_eq(erlrc_dpkg_native_arch(), arch);
}
END_TEST

#ifdef PLAIN_MALLOC
/*
 * Each call drops the database it loaded.  libdpkg keeps a few static
 * buffers, which fill over the first calls (versiondescribe() rotates
 * through ten): warm them up first.
 */
START_TEST(test_owner_no_growth)
{
	struct mallinfo2 before, after;
	int i;

	for (i = 0; i < 20; i++) {
		check_owner(&sensor2);
		check_owner(&sensor3);
	}
	before = mallinfo2();
	for (i = 0; i < 200; i++) {
		check_owner(&sensor2);
		check_owner(&sensor3);
	}
	after = mallinfo2();
	ck_assert_msg(after.uordblks <= before.uordblks + 4096,
	    "heap grew from %zu to %zu bytes", before.uordblks,
	    after.uordblks);
}
END_TEST
#endif


/* erlrc_test_dpkg_suite - the check suite of dpkg.c */
Suite *
erlrc_test_dpkg_suite(void)
{
	Suite *s = suite_create("dpkg");
	TCase *tc = tcase_create("version");

	tcase_add_loop_test(tc, test_compare_order, 0, COUNT(order_cases));
	tcase_add_loop_test(tc, test_check_good, 0, COUNT(good_versions));
	tcase_add_loop_test(tc, test_check_bad, 0, COUNT(bad_cases));
	tcase_add_loop_test(tc, test_compare_bad, 0, COUNT(bad_cases));
	tcase_add_test(tc, test_compare_first_bad);
	tcase_add_test(tc, test_compare_unknown);
	tcase_add_test(tc, test_long_version);
	tcase_add_test(tc, test_silent);
#ifdef PLAIN_MALLOC
	tcase_add_test(tc, test_no_growth);
	tcase_add_exit_test(tc, test_oom_exits, 2);
#endif
	tcase_add_test(tc, test_agrees_with_dpkg);
	suite_add_tcase(s, tc);

	tc = tcase_create("database");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_owner, 0, COUNT(owner_cases));
	tcase_add_test(tc, test_owner_in_a_row);
	tcase_add_test(tc, test_owner_env);
	tcase_add_test(tc, test_owner_agrees_with_query);
	tcase_add_test(tc, test_owner_silent);
	tcase_add_test(tc, test_owner_no_database);
	tcase_add_test(tc, test_owner_not_absolute);
	tcase_add_loop_test(tc, test_owner_broken, 0, COUNT(broken_cases));
	tcase_add_test(tc, test_owner_no_fd_leak);
#ifdef PLAIN_MALLOC
	tcase_add_test(tc, test_owner_no_growth);
#endif
	tcase_add_test(tc, test_native_arch);
	suite_add_tcase(s, tc);
	return s;
}
