/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_order.c - unit tests of libdir.c and order.c, the start order */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/app.h>
#include <erlrc/buf.h>
#include <erlrc/libdir.h>
#include <erlrc/order.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define OTP_LIB "/usr/lib/erlang/lib"

/* A fresh directory for one test (static storage). */
static const char *
new_dir(void)
{
	return erlrc_scratch_dir("t");
}

/* mkdir -p PATH */
static void
make_dirs(const char *path)
{
	char *p = erlrc_xstrdup(path), *s;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		ck_assert_msg(mkdir(p, 0755) == 0 || errno == EEXIST,
		    "mkdir %s: %s", p, strerror(errno));
		*s = '/';
	}
	ck_assert_msg(mkdir(p, 0755) == 0 || errno == EEXIST, "mkdir %s: %s",
	    p, strerror(errno));
	free(p);
}

static void
write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
}

/* LIB/ENTRY/ebin/NAME.app holding TEXT (a valid one if TEXT is NULL). */
static void
make_app(const char *lib, const char *entry, const char *name,
    const char *text)
{
	char *ebin = erlrc_xasprintf("%s/%s/ebin", lib, entry);
	char *file = erlrc_xasprintf("%s/%s.app", ebin, name);
	char *dflt = erlrc_xasprintf("{application, %s, [{vsn, \"1\"}]}.\n",
	    name);

	make_dirs(ebin);
	write_file(file, text ? text : dflt);
	free(dflt);
	free(file);
	free(ebin);
}

/* "a b c": the words of S, in a NULL-terminated array of at most 15. */
static size_t
split_words(char *s, const char **v)
{
	size_t n = 0;
	char *w;

	for (w = strtok(s, " "); w; w = strtok(NULL, " ")) {
		ck_assert_uint_lt(n, 15);
		v[n++] = w;
	}
	v[n] = NULL;
	return n;
}

/* S with every "$0" and "$1" replaced by LIB0 and LIB1 (new string). */
static char *
expand(const char *s, const char *lib0, const char *lib1)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;

	for (; *s; s++) {
		if (s[0] == '$' && (s[1] == '0' || s[1] == '1')) {
			erlrc_buf_adds(&b, *++s == '0' ? lib0 : lib1);
			continue;
		}
		erlrc_buf_add(&b, s, 1);
	}
	return erlrc_buf_detach(&b);
}

/* libdir: versions */

static const struct vsn_case {
	const char *a, *b;
	int sign;		/* of compare(a, b) */
} vsns[] = {
	{ "1.0", "1.0", 0 },
	{ "1.10", "1.9", 1 },
	{ "10", "9", 1 },
	{ "2", "10", -1 },
	{ "1.0", "1.0.0", -1 },
	{ "1", "1.0", -1 },
	{ "1.0.1", "1.0.0.5", 1 },
	{ "1.01", "1.1", 0 },
	{ "007", "7", 0 },
	{ "0", "00", 0 },
	{ "1..2", "1.2", 0 },
	{ "1.2.", "1.2", 0 },
	{ "abc", "0", 0 },
	{ "", "0", 0 },
	{ "1.0-rc1", "0", 0 },
	{ "1.2a", "0.1", -1 },
	{ "abc", "xyz", 0 },
	{ "0.0.1", "abc", 1 },
	{ "123456789012345678901234567890", "123456789012345678901234567891",
	  -1 },
	{ "99999999999999999999", "100000000000000000000", -1 },
};

static int
sign(int x)
{
	return x < 0 ? -1 : x > 0;
}

START_TEST(test_vsn_compare)
{
	const struct vsn_case *c = &vsns[_i];

	ck_assert_msg(sign(erlrc_libdirs_vsn_compare(c->a, c->b)) == c->sign,
	    "compare(\"%s\", \"%s\") should be %d", c->a, c->b, c->sign);
	ck_assert_msg(sign(erlrc_libdirs_vsn_compare(c->b, c->a)) == -c->sign,
	    "compare(\"%s\", \"%s\") should be %d", c->b, c->a, -c->sign);
}
END_TEST

/* libdir: scanning */

/*
 * Entries are "L:ENTRY:APP": in library directory L (0 or 1), directory
 * ENTRY with ebin/APP.app; "L:ENTRY:" has an ebin without it, "L:ENTRY:APP/"
 * has a directory as APP.app, "L:ENTRY:!" is a plain file ENTRY.
 * Library 0 is named lib-b and library 1 lib-a, so that 0 has the greater
 * paths.  Wanted: "APP L:ENTRY VSN" for each application found, by name.
 */
static const struct scan_case {
	const char *what;
	int reverse;		/* scan 1 before 0 */
	const char *entries[6];
	const char *want[4];
} scans[] = {
	{ "1.10 beats 1.9", 0,
	  { "0:foo-1.9:foo", "0:foo-1.10:foo" },
	  { "foo 0:foo-1.10 1.10" } },
	{ "1.0.0 beats 1.0", 0,
	  { "0:foo-1.0.0:foo", "0:foo-1.0:foo" },
	  { "foo 0:foo-1.0.0 1.0.0" } },
	{ "numeric beats non-numeric", 0,
	  { "0:foo-abc:foo", "0:foo-0.1:foo" },
	  { "foo 0:foo-0.1 0.1" } },
	{ "non-numeric is 0: the greater path wins", 0,
	  { "0:foo-abc:foo", "0:foo-0:foo" },
	  { "foo 0:foo-abc abc" } },
	{ "a dash in the version", 0,
	  { "0:foo-0:foo", "0:foo-1.0-rc1:foo" },
	  { "foo 0:foo-1.0-rc1 1.0-rc1" } },
	{ "no version is 0", 0,
	  { "0:foo:foo", "0:foo-1:foo" },
	  { "foo 0:foo-1 1" } },
	{ "no version ties with 0", 0,
	  { "0:foo:foo", "0:foo-0:foo" },
	  { "foo 0:foo-0 0" } },
	{ "no version alone", 0,
	  { "0:foo:foo" },
	  { "foo 0:foo " } },
	{ "leading zeros tie", 0,
	  { "0:foo-1.01:foo", "0:foo-1.1:foo" },
	  { "foo 0:foo-1.1 1.1" } },
	{ "a name with a dash", 0,
	  { "0:foo-bar-1.0:foo-bar", "0:foo-2.0:foo", "0:foo-bar-3.0:foo" },
	  { "foo 0:foo-2.0 2.0", "foo-bar 0:foo-bar-1.0 1.0" } },
	{ "a dashed name without a version", 0,
	  { "0:foo-bar:foo-bar" },
	  { "foo-bar 0:foo-bar " } },
	/*
	 * Regression: the errno of a failed stat() on an entry that is no
	 * application was once taken for a readdir() error, so a directory
	 * whose last entry holds no application failed to scan.
	 */
	{ "only a directory without an .app", 0,
	  { "0:bar-1.0:" },
	  { NULL } },
	{ "only a plain file", 0,
	  { "0:README:!" },
	  { NULL } },
	{ "not applications", 0,
	  { "0:bar-1.0:", "0:baz-1.0:baz/", "0:.hid-1.0:.hid",
	    "0:README:!" },
	  { NULL } },
	/* Debian installs fast_tls.app in p1_tls-1.1.16/: the .app
	 * decides, and its vsn; a directory named after its application
	 * says which of its .app files counts */
	{ "a directory named after another application", 0,
	  { "0:qux-1.0:other", "1:lib-2:mine", "1:lib-2:lib" },
	  { "other 0:qux-1.0 1", "lib 1:lib-2 2" } },
	/*
	 * Regression: when a better candidate replaced one already found,
	 * the map once kept the freed name as its key (a heap-use-after-free
	 * that the sanitizer build reports here and wherever a later entry
	 * wins, as in order's "the highest version's dependencies").
	 */
	{ "two directories: the second is newer", 0,
	  { "0:foo-1.0:foo", "1:foo-2.0:foo", "1:bar-1:bar" },
	  { "bar 1:bar-1 1", "foo 1:foo-2.0 2.0" } },
	{ "two directories: the first is newer", 0,
	  { "0:foo-2.0:foo", "1:foo-1.0:foo" },
	  { "foo 0:foo-2.0 2.0" } },
	{ "two directories: a tie goes to the greater path", 0,
	  { "0:foo-1.0:foo", "1:foo-1.0:foo" },
	  { "foo 0:foo-1.0 1.0" } },
	{ "two directories: the same, scanned the other way", 1,
	  { "0:foo-1.0:foo", "1:foo-1.0:foo" },
	  { "foo 0:foo-1.0 1.0" } },
	{ "two directories: 1.0 and 1.00 tie", 1,
	  { "0:foo-1.00:foo", "1:foo-1.0:foo" },
	  { "foo 0:foo-1.00 1.00" } },
};

static void
scan_libs(struct erlrc_libdirs *l, const char *lib0, const char *lib1,
    int reverse)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;

	ck_assert_msg(erlrc_libdirs_scan(l, reverse ? lib1 : lib0, &err) == 0,
	    "%s", err.msg);
	ck_assert_msg(erlrc_libdirs_scan(l, reverse ? lib0 : lib1, &err) == 0,
	    "%s", err.msg);
}

START_TEST(test_scan)
{
	const struct scan_case *c = &scans[_i];
	const char *dir = new_dir();
	char *lib[2], *s, *entry, *app, *path, *want;
	const struct erlrc_libapp *a;
	struct erlrc_libdirs l;
	size_t i, n;

	lib[0] = erlrc_xpathjoin(dir, "lib-b");
	lib[1] = erlrc_xpathjoin(dir, "lib-a");
	make_dirs(lib[0]);
	make_dirs(lib[1]);
	for (i = 0; i < COUNT(c->entries) && c->entries[i]; i++) {
		s = erlrc_xstrdup(c->entries[i]);
		entry = s + 2;
		app = strchr(entry, ':');
		*app++ = '\0';
		path = erlrc_xasprintf("%s/%s", lib[s[0] - '0'], entry);
		if (strcmp(app, "!") == 0) {
			write_file(path, "not an application\n");
		} else if (*app == '\0') {
			free(path);
			path = erlrc_xasprintf("%s/%s/ebin", lib[s[0] - '0'],
			    entry);
			make_dirs(path);
		} else if (app[strlen(app) - 1] == '/') {
			free(path);
			path = erlrc_xasprintf("%s/%s/ebin/%.*s.app",
			    lib[s[0] - '0'], entry, (int)strlen(app) - 1, app);
			make_dirs(path);
		} else {
			make_app(lib[s[0] - '0'], entry, app, NULL);
		}
		free(path);
		free(s);
	}

	erlrc_libdirs_init(&l);
	scan_libs(&l, lib[0], lib[1], c->reverse);
	for (n = 0; n < COUNT(c->want) && c->want[n]; n++) {
		s = erlrc_xstrdup(c->want[n]);
		entry = strchr(s, ' ');
		*entry++ = '\0';
		want = strchr(entry, ' ');
		*want++ = '\0';
		a = erlrc_libdirs_find(&l, s);
		ck_assert_msg(a != NULL, "%s: %s not found", c->what, s);
		path = erlrc_xasprintf("%s/%s", lib[entry[0] - '0'],
		    entry + 2);
		ck_assert_str_eq(a->name, s);
		ck_assert_str_eq(a->dir, path);
		ck_assert_str_eq(a->entry, entry + 2);
		ck_assert_str_eq(a->dirvsn, want);
		free(path);
		path = erlrc_xasprintf("%s/%s/ebin/%s.app",
		    lib[entry[0] - '0'], entry + 2, s);
		ck_assert_str_eq(a->app_file, path);
		free(path);
		free(s);
	}
	ck_assert_msg(l.n == n, "%s: %zu applications found, not %zu",
	    c->what, l.n, n);
	ck_assert_uint_eq(l.ndirs, 2);
	erlrc_libdirs_destroy(&l);
	free(lib[0]);
	free(lib[1]);
}
END_TEST

/* A missing directory holds nothing; it is still named in messages. */
START_TEST(test_scan_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *dir = new_dir();
	char *missing = erlrc_xpathjoin(dir, "none");
	char *file = erlrc_xpathjoin(dir, "file");
	char *both, *names;
	struct erlrc_libdirs l;

	write_file(file, "");
	erlrc_libdirs_init(&l);
	names = erlrc_libdirs_describe(&l);
	ck_assert_str_eq(names, "");
	free(names);
	ck_assert_int_eq(erlrc_libdirs_scan(&l, missing, &err), 0);
	ck_assert_int_eq(erlrc_libdirs_scan(&l, file, &err), 0);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(erlrc_libdirs_find(&l, "kernel"));
	names = erlrc_libdirs_describe(&l);
	both = erlrc_xasprintf("%s, %s", missing, file);
	ck_assert_str_eq(names, both);
	free(both);
	free(names);
	erlrc_libdirs_destroy(&l);
	free(file);
	free(missing);
}
END_TEST

/* A directory that cannot be read is an error. */
START_TEST(test_scan_unreadable)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *dir = new_dir();
	char *loop = erlrc_xpathjoin(dir, "loop");
	char *want = erlrc_xasprintf("%s: %s", loop, strerror(ELOOP));
	struct erlrc_libdirs l;

	ck_assert_int_eq(symlink("loop", loop), 0);
	erlrc_libdirs_init(&l);
	ck_assert_int_eq(erlrc_libdirs_scan(&l, loop, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_str_eq(err.msg, want);
	erlrc_libdirs_destroy(&l);
	free(want);
	free(loop);
}
END_TEST

/* Scanning a directory again changes nothing. */
START_TEST(test_scan_twice)
{
	const char *dir = new_dir();
	char *lib = erlrc_xpathjoin(dir, "lib");
	struct erlrc_libdirs l;

	make_app(lib, "foo-1.0", "foo", NULL);
	make_app(lib, "foo-1.1", "foo", NULL);
	make_app(lib, "bar", "bar", NULL);
	erlrc_libdirs_init(&l);
	scan_libs(&l, lib, lib, 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(erlrc_libdirs_find(&l, "foo")->entry, "foo-1.1");
	ck_assert_str_eq(erlrc_libdirs_find(&l, "bar")->entry, "bar");
	erlrc_libdirs_destroy(&l);
	free(lib);
}
END_TEST

/* order: checks that hold for any order computed */

/* Does APP include NAME, directly or through what it includes? */
static int
includes(const struct erlrc_order *o, const struct erlrc_app *app,
    const char *name)
{
	size_t i, j;

	for (i = 0; i < app->included.n; i++) {
		if (strcmp(app->included.v[i], name) == 0)
			return 1;
		for (j = 0; j < o->napps; j++)
			if (strcmp(o->apps[j]->name, app->included.v[i]) == 0 &&
			    includes(o, o->apps[j], name))
				return 1;
	}
	return 0;
}

/* Where NAME starts: its own place, or its includer's; -1 if nowhere. */
static long
position(const struct erlrc_order *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->items[i].name, name) == 0)
			return (long)i;
	for (i = 0; i < o->n; i++)
		if (includes(o, o->items[i].app, name))
			return (long)i;
	return -1;
}

/* Every dependency of APP (read again from its file) starts before AT. */
static void
check_deps(const struct erlrc_order *o, const struct erlrc_libdirs *l,
    const char *name, long at)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const struct erlrc_libapp *lib = erlrc_libdirs_find(l, name);
	struct erlrc_app app;
	size_t j;
	long p;

	ck_assert_ptr_nonnull(lib);
	erlrc_app_init(&app);
	ck_assert_msg(erlrc_app_read(&app, lib->app_file, &err) == 0, "%s",
	    err.msg);
	for (j = 0; j < app.applications.n; j++) {
		const char *dep = app.applications.v[j];

		if (erlrc_names_has(&app.optional, dep) &&
		    !erlrc_libdirs_find(l, dep))
			continue;
		p = position(o, dep);
		ck_assert_msg(p >= 0 && p < at, "%s (at %ld) needs %s (at %ld)",
		    name, at, dep, p);
	}
	for (j = 0; j < app.included.n; j++) {
		ck_assert_int_eq(position(o, app.included.v[j]), at);
		check_deps(o, l, app.included.v[j], at);
	}
	erlrc_app_destroy(&app);
}

/* O starts REG and what they need, once each, dependencies first. */
static void
check_order(const struct erlrc_order *o, const struct erlrc_libdirs *l,
    const char *const *reg, size_t nreg)
{
	size_t i, j;

	for (i = 0; i < o->n; i++) {
		for (j = 0; j < i; j++)
			ck_assert_str_ne(o->items[i].name, o->items[j].name);
		ck_assert_str_eq(o->items[i].app->name, o->items[i].name);
		ck_assert_str_eq(o->items[i].app->vsn, o->items[i].vsn);
		ck_assert_str_eq(o->items[i].dir,
		    erlrc_libdirs_find(l, o->items[i].name)->dir);
		check_deps(o, l, o->items[i].name, (long)i);
	}
	for (i = 0; i < nreg; i++)
		ck_assert_msg(position(o, reg[i]) >= 0, "%s is not started",
		    reg[i]);
}

/* "c b a*": the names in order, '*' after those registered. */
static char *
describe(const struct erlrc_order *o)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;

	erlrc_buf_adds(&b, "");
	for (i = 0; i < o->n; i++)
		erlrc_buf_addf(&b, "%s%s%s", i ? " " : "", o->items[i].name,
		    o->items[i].registered ? "*" : "");
	return erlrc_buf_detach(&b);
}

/* order: the OTP installed here */

START_TEST(test_otp)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_order o, again;
	struct erlrc_libdirs l;
	const char **reg;
	size_t i;

	erlrc_libdirs_init(&l);
	ck_assert_msg(erlrc_libdirs_scan(&l, OTP_LIB, &err) == 0, "%s",
	    err.msg);
	ck_assert_ptr_nonnull(erlrc_libdirs_find(&l, "kernel"));
	ck_assert_ptr_nonnull(erlrc_libdirs_find(&l, "stdlib"));
	ck_assert_uint_ge(l.n, 10);
	reg = erlrc_xcalloc(l.n, sizeof(*reg));
	for (i = 0; i < l.n; i++)
		reg[i] = l.apps[i].name;

	erlrc_order_init(&o);
	ck_assert_msg(erlrc_order_compute(&o, &l, reg, l.n, &err) == 0, "%s",
	    err.msg);
	check_order(&o, &l, reg, l.n);
	ck_assert_uint_eq(o.n, l.n);	/* OTP includes no application */
	ck_assert_str_eq(o.items[0].name, "kernel");
	for (i = 0; i < o.n; i++)
		ck_assert_int_eq(o.items[i].registered, 1);

	erlrc_order_init(&again);
	ck_assert_int_eq(erlrc_order_compute(&again, &l, reg, l.n, &err), 0);
	ck_assert_uint_eq(again.n, o.n);
	for (i = 0; i < o.n; i++)
		ck_assert_str_eq(again.items[i].name, o.items[i].name);
	erlrc_order_destroy(&again);

	erlrc_order_destroy(&o);
	free(reg);
	erlrc_libdirs_destroy(&l);
}
END_TEST

/* order: constructed cases */

/*
 * Each application is "L:NAME-VSN" in library L (0 or 1; "$0" and "$1" in
 * messages), with OPTS after its vsn in its .app file; OPTS starting with
 * "{application," or '%' is the whole file instead.  REG is the registered
 * applications; WANT the order ("c b a*", '*' for the registered ones) or
 * NULL, then ERR the message.
 */
struct spec {
	const char *where;
	const char *opts;
};

static const struct order_case {
	const char *what;
	struct spec apps[8];
	const char *reg;
	const char *want;
	const char *err;
} orders[] = {
	{ "a chain",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "0:b-1.0", "{applications, [c]}" },
	    { "1:c-1.0", "" },
	    { "1:unused-1.0", "{applications, [a]}" } },
	  "a", "c b a*", NULL },
	{ "a diamond",
	  { { "0:a-1.0", "{applications, [b, c]}" },
	    { "0:b-1.0", "{applications, [d]}" },
	    { "0:c-1.0", "{applications, [d]}" },
	    { "0:d-1.0", "" } },
	  "a", "d b c a*", NULL },
	{ "dependencies in the order listed",
	  { { "0:a-1.0", "{applications, [c, b]}" },
	    { "0:b-1.0", "{applications, [d]}" },
	    { "0:c-1.0", "{applications, [d]}" },
	    { "0:d-1.0", "" } },
	  "a", "d c b a*", NULL },
	{ "registered applications by name",
	  { { "0:a-1.0", "{applications, [z, m]}" },
	    { "0:b-1.0", "{applications, [m, y]}" },
	    { "0:c-1.0", "{applications, [y, x]}" },
	    { "0:m-1.0", "" }, { "0:x-1.0", "" }, { "0:y-1.0", "" },
	    { "0:z-1.0", "" } },
	  "c a b", "z m a* y b* x c*", NULL },
	{ "a registered dependency",
	  { { "0:a-1.0", "{applications, [b]}" }, { "0:b-1.0", "" } },
	  "b a", "b* a*", NULL },
	{ "registered twice",
	  { { "0:a-1.0", "" } },
	  "a a", "a*", NULL },
	{ "nothing registered",
	  { { "0:a-1.0", "" } },
	  "", "", NULL },
	{ "a broken .app not needed",
	  { { "0:a-1.0", "" }, { "0:b-1.0", "{application, b, x}." } },
	  "a", "a*", NULL },
	{ "the highest version's dependencies",
	  { { "0:a-1.0", "{applications, [old]}" },
	    { "1:a-2.0", "{applications, [new]}" },
	    { "0:new-1", "" } },
	  "a", "new a*", NULL },
	/* included applications */
	{ "an included application starts with its includer",
	  { { "0:e-1.0", "{applications, [a]}" },
	    { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "{applications, [d]}" },
	    { "0:d-1.0", "" } },
	  "e", "d a e*", NULL },
	{ "the includer's dependencies, then the included's",
	  { { "0:a-1.0", "{applications, [k]}, "
	      "{included_applications, [x]}" },
	    { "0:x-1.0", "{applications, [d, k]}" },
	    { "0:d-1.0", "" }, { "0:k-1.0", "" } },
	  "a", "k d a*", NULL },
	{ "included twice over",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "{included_applications, [y]}" },
	    { "0:y-1.0", "{applications, [d]}" },
	    { "0:d-1.0", "" } },
	  "a", "d a*", NULL },
	{ "a registered application another includes",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "" } },
	  "x a", "a*", NULL },
	{ "a registered application its includer's dependant needs",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "" },
	    { "0:z-1.0", "{applications, [a]}" } },
	  "z x", "a z*", NULL },
	{ "a registered application whose includer is not needed",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "" } },
	  "x", "x*", NULL },
	/* optional applications */
	{ "an optional application not installed",
	  { { "0:a-1.0", "{applications, [b, o]}, "
	      "{optional_applications, [o]}" },
	    { "0:b-1.0", "" } },
	  "a", "b a*", NULL },
	{ "an optional application installed",
	  { { "0:a-1.0", "{applications, [o, b]}, "
	      "{optional_applications, [o]}" },
	    { "0:b-1.0", "" }, { "1:o-1.0", "" } },
	  "a", "o b a*", NULL },
	{ "optional but not in applications",
	  { { "0:a-1.0", "{applications, [b]}, "
	      "{optional_applications, [o]}" },
	    { "0:b-1.0", "" }, { "0:o-1.0", "" } },
	  "a", "b a*", NULL },
	{ "optional for one, needed by another",
	  { { "0:a-1.0", "{applications, [o]}, "
	      "{optional_applications, [o]}" },
	    { "0:c-1.0", "{applications, [o]}" } },
	  "a c", NULL,
	  "application 'o', needed by 'c', is not installed: no o/ebin/o.app "
	  "in $0, $1" },
	/* errors */
	{ "a cycle",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "0:b-1.0", "{applications, [c]}" },
	    { "0:c-1.0", "{applications, [a]}" } },
	  "a", NULL,
	  "cycle in application dependencies: a -> b -> c -> a" },
	{ "a cycle further on",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "0:b-1.0", "{applications, [c]}" },
	    { "0:c-1.0", "{applications, [d, b]}" },
	    { "0:d-1.0", "" } },
	  "a", NULL,
	  "cycle in application dependencies: b -> c -> b" },
	{ "a cycle through an includer",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "0:b-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "{applications, [a]}" } },
	  "a", NULL,
	  "cycle in application dependencies: a -> b -> a" },
	/*
	 * Regression: an application that depends on itself, or an included
	 * application that depends on its includer, was once taken as no
	 * dependency at all.
	 */
	{ "a self-dependency",
	  { { "0:a-1.0", "{applications, [a]}" } },
	  "a", NULL,
	  "cycle in application dependencies: a -> a" },
	{ "an included application depending on its includer",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "{applications, [a]}" } },
	  "a", NULL,
	  "cycle in application dependencies: x -> a, which includes x" },
	{ "a dependency that another includes",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:b-1.0", "{applications, [x]}" },
	    { "0:x-1.0", "" } },
	  "a b", NULL,
	  "application 'x' is a dependency of 'b' and included by 'a': an "
	  "included application is not started on its own" },
	{ "a dependency its includer includes",
	  { { "0:a-1.0", "{applications, [x]}, "
	      "{included_applications, [x]}" },
	    { "0:x-1.0", "" } },
	  "a", NULL,
	  "application 'x' is a dependency of 'a' and included by 'a': an "
	  "included application is not started on its own" },
	{ "included by two",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:b-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "" } },
	  "b a", NULL,
	  "application 'x' is included by both 'a' and 'b'" },
	{ "applications including each other",
	  { { "0:a-1.0", "{included_applications, [b]}" },
	    { "0:b-1.0", "{included_applications, [a]}" } },
	  "a", NULL,
	  "applications include each other: a <- b <- a "
	  "(X <- Y: Y includes X)" },
	{ "an application including itself",
	  { { "0:a-1.0", "{included_applications, [a]}" } },
	  "a", NULL,
	  "applications include each other: a <- a (X <- Y: Y includes X)" },
	{ "a registered application not installed",
	  { { "0:a-1.0", "" } },
	  "a nope", NULL,
	  "registered application 'nope' is not installed: no "
	  "nope/ebin/nope.app in $0, $1" },
	{ "a dependency not installed",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "1:b-1.0", "{applications, [kernel, gone]}" },
	    { "0:kernel-1.0", "" } },
	  "a", NULL,
	  "application 'gone', needed by 'b', is not installed: no "
	  "gone/ebin/gone.app in $0, $1" },
	{ "an included application not installed",
	  { { "0:a-1.0", "{included_applications, [gone]}" } },
	  "a", NULL,
	  "application 'gone', needed by 'a', is not installed: no "
	  "gone/ebin/gone.app in $0, $1" },
	{ "a dependency's bad .app",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "1:b-1.0", "{application, b, [{vsn, 1}]}.\n" } },
	  "a", NULL,
	  "$1/b-1.0/ebin/b.app:1:25: vsn: expected a string, got 1" },
	{ "a registered application's bad .app",
	  { { "0:a-1.0", "{application, z, [{vsn, \"1\"}]}.\n" } },
	  "a", NULL,
	  "$0/a-1.0/ebin/a.app:1:15: application 'z' must be in a file "
	  "named z.app" },
	{ "an included application's bad .app",
	  { { "0:a-1.0", "{included_applications, [x]}" },
	    { "0:x-1.0", "%% x\n{application, x,\n [{vsn, \"1\"},\n"
	      "  {env, [{1, 2}]}]}.\n" } },
	  "a", NULL,
	  "$0/x-1.0/ebin/x.app:4:10: env: expected a {Key, Value} tuple "
	  "with an atom key, got {1,2}" },
};

/* Build the libraries of C under DIR; their paths in lib[0], lib[1]. */
static void
make_libs(const struct order_case *c, const char *dir, char **lib)
{
	size_t i;

	lib[0] = erlrc_xpathjoin(dir, "lib0");
	lib[1] = erlrc_xpathjoin(dir, "lib1");
	make_dirs(lib[0]);
	make_dirs(lib[1]);
	for (i = 0; i < COUNT(c->apps) && c->apps[i].where; i++) {
		const struct spec *a = &c->apps[i];
		char *name = erlrc_xstrdup(a->where + 2);
		char *vsn = strrchr(name, '-');
		char *text;

		ck_assert_ptr_nonnull(vsn);
		*vsn++ = '\0';
		if (strncmp(a->opts, "{application,", 13) == 0 ||
		    a->opts[0] == '%')
			text = erlrc_xstrdup(a->opts);
		else
			text = erlrc_xasprintf("{application, %s, [{vsn, "
			    "\"%s\"}%s%s]}.\n", name, vsn,
			    a->opts[0] ? ", " : "", a->opts);
		make_app(lib[a->where[0] - '0'], a->where + 2, name, text);
		free(text);
		free(name);
	}
}

START_TEST(test_order)
{
	const struct order_case *c = &orders[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_order o, again;
	struct erlrc_libdirs l;
	const char *reg[16];
	char *lib[2], *words, *got = NULL, *want;
	size_t nreg;
	int ret;

	make_libs(c, new_dir(), lib);
	erlrc_libdirs_init(&l);
	scan_libs(&l, lib[0], lib[1], 0);
	words = erlrc_xstrdup(c->reg);
	nreg = split_words(words, reg);

	erlrc_order_init(&o);
	ret = erlrc_order_compute(&o, &l, reg, nreg, &err);
	if (c->want) {
		ck_assert_msg(ret == 0, "%s: %s", c->what, err.msg);
		got = describe(&o);
		ck_assert_msg(strcmp(got, c->want) == 0, "%s: \"%s\", not "
		    "\"%s\"", c->what, got, c->want);
		check_order(&o, &l, reg, nreg);

		erlrc_order_init(&again);
		ck_assert_int_eq(erlrc_order_compute(&again, &l, reg, nreg,
		    &err), 0);
		free(got);
		got = describe(&again);
		ck_assert_str_eq(got, c->want);
		erlrc_order_destroy(&again);
	} else {
		if (ret != -1) {
			got = describe(&o);
			ck_abort_msg("%s: no error, order \"%s\"", c->what,
			    got);
		}
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		want = expand(c->err, lib[0], lib[1]);
		ck_assert_str_eq(err.msg, want);
		free(want);
	}
	free(got);
	erlrc_order_destroy(&o);
	free(words);
	erlrc_libdirs_destroy(&l);
	free(lib[0]);
	free(lib[1]);
}
END_TEST

/* What the items say besides their names. */
START_TEST(test_items)
{
	static const struct order_case c = {
		"items",
		{ { "0:a-1.0", "{applications, [b]}" },
		  { "1:a-2.0", "{applications, [b]}, {description, \"A\"}" },
		  { "0:b-0.9", "" }, { "0:b-0.10", "" } },
		"a", "b a*", NULL
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *reg[] = { "a" };
	struct erlrc_order o;
	struct erlrc_libdirs l;
	char *lib[2], *path;

	make_libs(&c, new_dir(), lib);
	erlrc_libdirs_init(&l);
	scan_libs(&l, lib[0], lib[1], 0);
	erlrc_order_init(&o);
	ck_assert_msg(erlrc_order_compute(&o, &l, reg, 1, &err) == 0, "%s",
	    err.msg);
	ck_assert_uint_eq(o.n, 2);
	ck_assert_uint_eq(o.napps, 2);

	ck_assert_str_eq(o.items[0].name, "b");
	ck_assert_str_eq(o.items[0].vsn, "0.10");
	path = erlrc_xpathjoin(lib[0], "b-0.10");
	ck_assert_str_eq(o.items[0].dir, path);
	free(path);
	ck_assert_int_eq(o.items[0].registered, 0);
	ck_assert_str_eq(o.items[0].app->name, "b");

	ck_assert_str_eq(o.items[1].name, "a");
	ck_assert_str_eq(o.items[1].vsn, "2.0");
	path = erlrc_xpathjoin(lib[1], "a-2.0");
	ck_assert_str_eq(o.items[1].dir, path);
	free(path);
	ck_assert_int_eq(o.items[1].registered, 1);
	ck_assert_str_eq(o.items[1].app->description, "A");

	erlrc_order_destroy(&o);
	ck_assert_uint_eq(o.n, 0);
	ck_assert_ptr_null(o.items);
	erlrc_libdirs_destroy(&l);
	free(lib[0]);
	free(lib[1]);
}
END_TEST

/* Each item as NAME(INCLUDED,...)<DEPENDENCY,...>, space-separated. */
static char *
describe_links(const struct erlrc_order *o)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i, j;

	for (i = 0; i < o->n; i++) {
		const struct erlrc_order_item *it = &o->items[i];

		erlrc_buf_addf(&b, "%s%s(", i ? " " : "", it->name);
		ck_assert_uint_ge(it->nmembers, 1);
		ck_assert_str_eq(it->members[0].name, it->name);
		ck_assert_str_eq(it->members[0].dir, it->dir);
		for (j = 1; j < it->nmembers; j++)
			erlrc_buf_addf(&b, "%s%s-%s", j > 1 ? "," : "",
			    it->members[j].name, it->members[j].vsn);
		erlrc_buf_adds(&b, ")<");
		for (j = 0; j < it->ndeps; j++) {
			ck_assert_uint_lt(it->deps[j], i);
			erlrc_buf_addf(&b, "%s%s", j ? "," : "",
			    o->items[it->deps[j]].name);
		}
		erlrc_buf_adds(&b, ">");
	}
	return erlrc_buf_detach(&b);
}

/* What starting each item starts, and what it needs running first. */
static const struct order_case links[] = {
	{ "a chain",
	  { { "0:a-1.0", "{applications, [b]}" },
	    { "0:b-1.0", "{applications, [c]}" }, { "0:c-1.0", "" } },
	  "a", "c()<> b()<c> a()<b>", NULL },
	{ "included, with their dependencies",
	  { { "0:top-1.0", "{included_applications, [mid]}" },
	    { "0:mid-2.0", "{applications, [dep]}, "
	      "{included_applications, [leaf, leaf2]}" },
	    { "0:leaf-3.0", "{applications, [dep2]}" },
	    { "0:leaf2-1", "" }, { "0:dep-1.0", "" }, { "0:dep2-1.0", "" } },
	  "top", "dep()<> dep2()<> top(mid-2.0,leaf-3.0,leaf2-1)<dep,dep2>",
	  NULL },
	{ "depending on what an includer starts",
	  { { "0:user-1.0", "{applications, [top]}" },
	    { "0:top-1.0", "{included_applications, [inc]}" },
	    { "0:inc-1.0", "" } },
	  "user", "top(inc-1.0)<> user()<top>", NULL },
};

START_TEST(test_links)
{
	const struct order_case *c = &links[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_order o;
	struct erlrc_libdirs l;
	const char *reg[16];
	char *lib[2], *words, *got;
	size_t nreg;

	make_libs(c, new_dir(), lib);
	erlrc_libdirs_init(&l);
	scan_libs(&l, lib[0], lib[1], 0);
	words = erlrc_xstrdup(c->reg);
	nreg = split_words(words, reg);
	erlrc_order_init(&o);
	ck_assert_msg(erlrc_order_compute(&o, &l, reg, nreg, &err) == 0,
	    "%s: %s", c->what, err.msg);
	got = describe_links(&o);
	ck_assert_msg(strcmp(got, c->want) == 0, "%s: \"%s\", not \"%s\"",
	    c->what, got, c->want);
	free(got);
	erlrc_order_destroy(&o);
	free(words);
	erlrc_libdirs_destroy(&l);
	free(lib[0]);
	free(lib[1]);
}
END_TEST

/*
 * Regression: when the first application of the closure was included by
 * one of an inclusion cycle but was not on it, the loop that printed the
 * cycle waited to come back to it and never did.  Here aa (first by name) is
 * included by b, and b and c include each other.  The test runs with a
 * short timeout and, outside ASan, a memory limit.
 */
START_TEST(test_inclusion_cycle_beyond)
{
	static const struct order_case c = {
		"beyond",
		{ { "0:aa-1.0", "" },
		  { "0:b-1.0", "{included_applications, [aa, c]}" },
		  { "0:c-1.0", "{included_applications, [b]}" } },
		"aa b", NULL, NULL
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *reg[] = { "aa", "b" };
	struct erlrc_order o;
	struct erlrc_libdirs l;
	char *lib[2];
#ifndef __SANITIZE_ADDRESS__
	struct rlimit rl = { 256L << 20, 256L << 20 };

	ck_assert_int_eq(setrlimit(RLIMIT_AS, &rl), 0);
#endif
	make_libs(&c, new_dir(), lib);
	erlrc_libdirs_init(&l);
	scan_libs(&l, lib[0], lib[1], 0);
	erlrc_order_init(&o);
	ck_assert_int_eq(erlrc_order_compute(&o, &l, reg, 2, &err), -1);
	ck_assert_str_eq(err.msg, "applications include each other: "
	    "b <- c <- b (X <- Y: Y includes X)");
	erlrc_order_destroy(&o);
	erlrc_libdirs_destroy(&l);
	free(lib[0]);
	free(lib[1]);
}
END_TEST

Suite *
erlrc_test_order_suite(void)
{
	Suite *s = suite_create("order");
	TCase *tc;

	tc = tcase_create("libdir");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_loop_test(tc, test_vsn_compare, 0, COUNT(vsns));
	tcase_add_loop_test(tc, test_scan, 0, COUNT(scans));
	tcase_add_test(tc, test_scan_missing);
	tcase_add_test(tc, test_scan_unreadable);
	tcase_add_test(tc, test_scan_twice);
	suite_add_tcase(s, tc);

	tc = tcase_create("otp");
	tcase_add_test(tc, test_otp);
	suite_add_tcase(s, tc);

	tc = tcase_create("order");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_loop_test(tc, test_order, 0, COUNT(orders));
	tcase_add_test(tc, test_items);
	tcase_add_loop_test(tc, test_links, 0, COUNT(links));
	suite_add_tcase(s, tc);

	tc = tcase_create("runaway");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_set_timeout(tc, 2);
	tcase_add_test(tc, test_inclusion_cycle_beyond);
	suite_add_tcase(s, tc);
	return s;
}
