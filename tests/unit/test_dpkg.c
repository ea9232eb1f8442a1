/* test_dpkg.c - unit tests of dpkg.c: Debian versions through libdpkg */
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

#include <erlrc/dpkg.h>
#include <erlrc/error.h>

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
	return s;
}
