/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_registry.c - unit tests of paths.c and registry.c */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/paths.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define SECRET "S3cr3t-Cookie-Value"
#define OTHER_UID 12345
#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))


/* A fresh directory to be ERLRC_ROOT; returns it (static storage). */
static const char *
new_root(void)
{
	const char *root = erlrc_scratch_dir("root");

	ck_assert_int_eq(setenv("ERLRC_ROOT", root, 1), 0);
	ck_assert_int_eq(setenv("ERLRC_STATE", erlrc_scratch_top, 1), 0);
	ck_assert_int_eq(unsetenv("DPKG_ROOT"), 0);
	return root;
}

static void
make_dir(const char *root, const char *name)
{
	char *path = erlrc_xpathjoin(root, name);

	ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path,
	    strerror(errno));
	free(path);
}

/* Write LEN bytes of TEXT to ROOT/NAME with MODE; returns the path. */
static char *
make_file_len(const char *root, const char *name, const char *text,
    size_t len, mode_t mode)
{
	char *path = erlrc_xpathjoin(root, name);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	ck_assert_int_eq(close(fd), 0);
	return path;
}

static void
make_file(const char *root, const char *name, const char *text, mode_t mode)
{
	free(make_file_len(root, name, text, strlen(text), mode));
}

static void
make_link(const char *root, const char *name, const char *target)
{
	char *path = erlrc_xpathjoin(root, name);

	ck_assert_int_eq(symlink(target, path), 0);
	free(path);
}

/* What erl -sname would use as host: gethostname up to the first '.'. */
static char *
short_host(void)
{
	char host[HOST_NAME_MAX + 1];

	ck_assert_int_eq(gethostname(host, sizeof(host)), 0);
	host[sizeof(host) - 1] = '\0';
	host[strcspn(host, ".")] = '\0';
	return erlrc_xstrdup(host);
}

/* paths */

static const struct paths_case {
	const char *dpkg_root, *erlrc_root, *erlrc_state;
	const char *root, *etc, *state;	/* or the error message in root */
} paths_cases[] = {
	{ NULL, NULL, NULL, "", "/etc/erlrc.d", "/var/lib/erlrc" },
	{ "", "", "", "", "/etc/erlrc.d", "/var/lib/erlrc" },
	{ "/", NULL, NULL, "", "/etc/erlrc.d", "/var/lib/erlrc" },
	{ "/srv/r", NULL, NULL,
	    "/srv/r", "/srv/r/etc/erlrc.d", "/srv/r/var/lib/erlrc" },
	{ "/srv/r//", NULL, NULL,
	    "/srv/r", "/srv/r/etc/erlrc.d", "/srv/r/var/lib/erlrc" },
	{ NULL, "/e/", "/s", "", "/e", "/s" },
	{ "/r", "/e", NULL, "/r", "/e", "/r/var/lib/erlrc" },
	{ "/r", NULL, "/s//", "/r", "/r/etc/erlrc.d", "/s" },
	{ "r", NULL, NULL,
	    "DPKG_ROOT: expected an absolute path, got 'r'", NULL, NULL },
	{ NULL, "etc", NULL,
	    "ERLRC_ROOT: expected an absolute path, got 'etc'", NULL, NULL },
	{ "/r", "/e", "./s",
	    "ERLRC_STATE: expected an absolute path, got './s'", NULL, NULL },
};

static void
set_or_unset(const char *var, const char *value)
{
	if (value)
		ck_assert_int_eq(setenv(var, value, 1), 0);
	else
		ck_assert_int_eq(unsetenv(var), 0);
}

START_TEST(test_paths_env)
{
	const struct paths_case *t = &paths_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_paths p;

	set_or_unset("DPKG_ROOT", t->dpkg_root);
	set_or_unset("ERLRC_ROOT", t->erlrc_root);
	set_or_unset("ERLRC_STATE", t->erlrc_state);
	if (!t->etc) {
		ck_assert_int_eq(erlrc_paths_init(&p, &err), -1);
		ck_assert_str_eq(err.msg, t->root);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		erlrc_paths_destroy(&p);
		return;
	}
	ck_assert_msg(erlrc_paths_init(&p, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(p.root, t->root);
	ck_assert_str_eq(p.etc, t->etc);
	ck_assert_str_eq(p.state, t->state);
	erlrc_paths_destroy(&p);
	ck_assert_ptr_null(p.root);
}
END_TEST

/* Check a new string S against WANT and free it. */
#define CHECK_STR(s, want) \
	do { \
		char *s_ = (s); \
		ck_assert_str_eq(s_, want); \
		free(s_); \
	} while (0)

START_TEST(test_paths_files)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_paths p;

	ck_assert_int_eq(unsetenv("ERLRC_ROOT"), 0);
	ck_assert_int_eq(unsetenv("ERLRC_STATE"), 0);
	ck_assert_int_eq(unsetenv("DPKG_ROOT"), 0);
	ck_assert_int_eq(erlrc_paths_init(&p, &err), 0);
	CHECK_STR(erlrc_paths_config_file(&p), "/etc/erlrc.d/erlrc.yaml");
	CHECK_STR(erlrc_paths_apps_dir(&p), "/etc/erlrc.d/applications");
	CHECK_STR(erlrc_paths_nodes_dir(&p), "/etc/erlrc.d/nodes");
	CHECK_STR(erlrc_paths_lib_dir(&p), "/var/lib/erlrc/lib");
	CHECK_STR(erlrc_paths_lock_file(&p), "/var/lib/erlrc/lock");
	CHECK_STR(erlrc_paths_target(&p, "/usr/lib/erlang/lib"),
	    "/usr/lib/erlang/lib");
	erlrc_paths_destroy(&p);

	ck_assert_int_eq(setenv("DPKG_ROOT", "/sandbox/", 1), 0);
	ck_assert_int_eq(setenv("ERLRC_STATE", "/st", 1), 0);
	ck_assert_int_eq(erlrc_paths_init(&p, &err), 0);
	CHECK_STR(erlrc_paths_config_file(&p),
	    "/sandbox/etc/erlrc.d/erlrc.yaml");
	CHECK_STR(erlrc_paths_apps_dir(&p),
	    "/sandbox/etc/erlrc.d/applications");
	CHECK_STR(erlrc_paths_nodes_dir(&p), "/sandbox/etc/erlrc.d/nodes");
	CHECK_STR(erlrc_paths_lib_dir(&p), "/st/lib");
	CHECK_STR(erlrc_paths_lock_file(&p), "/st/lock");
	CHECK_STR(erlrc_paths_target(&p, "/usr/lib/erlang/lib"),
	    "/sandbox/usr/lib/erlang/lib");
	CHECK_STR(erlrc_paths_target(&p, "/"), "/sandbox/");
	erlrc_paths_destroy(&p);
}
END_TEST

/* erlrc_paths_mkdirs: the paths are under a scratch directory. */
static const struct mkdirs_case {
	const char *dirs[3];	/* made first, in order (mode 0755) */
	const char *link;	/* a symbolic link to dirs[0] made first */
	const char *file;	/* a regular file made first */
	const char *path;
	const char *bad;	/* NULL: done; else the path the error names */
	const char *made[4];	/* the directories made, mode 0750 */
} mkdirs_cases[] = {
	{ { NULL }, NULL, NULL, "a", NULL, { "a" } },
	{ { NULL }, NULL, NULL, "a/b/c", NULL, { "a", "a/b", "a/b/c" } },
	{ { NULL }, NULL, NULL, "a//b/", NULL, { "a", "a/b" } },
	{ { "a" }, NULL, NULL, "a", NULL, { NULL } },
	{ { "a" }, NULL, NULL, "a/b/c", NULL, { "a/b", "a/b/c" } },
	{ { "a", "a/b" }, NULL, NULL, "a/b/c", NULL, { "a/b/c" } },
	{ { "d" }, "l", NULL, "l", NULL, { NULL } },
	{ { "d" }, "l", NULL, "l/x", NULL, { "d/x" } },
	{ { "d" }, NULL, "d/f", "d/f/g", "d/f/g", { NULL } },
	{ { NULL }, NULL, "f", "f/g/h", "f/g", { NULL } },
	/* PATH itself is left to the caller's use of it */
	{ { NULL }, NULL, "f", "f", NULL, { NULL } },
};

START_TEST(test_paths_mkdirs)
{
	const struct mkdirs_case *t = &mkdirs_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *top = erlrc_xstrdup(erlrc_scratch_dir("mkdirs"));
	char *path = erlrc_xpathjoin(top, t->path), *sub, *want;
	struct stat st;
	mode_t mask;
	size_t i;

	mask = umask(022);
	for (i = 0; i < NELEMS(t->dirs) && t->dirs[i]; i++)
		make_dir(top, t->dirs[i]);
	if (t->link)
		make_link(top, t->link, t->dirs[0]);
	if (t->file)
		make_file(top, t->file, "", 0644);
	if (t->bad) {
		ck_assert_int_eq(erlrc_paths_mkdirs(path, 0750, &err), -1);
		want = erlrc_xasprintf("cannot create directory '%s/%s': "
		    "Not a directory", top, t->bad);
		ck_assert_str_eq(err.msg, want);
		ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
		free(want);
	} else {
		ck_assert_msg(erlrc_paths_mkdirs(path, 0750, &err) == 0, "%s",
		    err.msg);
	}
	umask(mask);
	for (i = 0; i < NELEMS(t->made) && t->made[i]; i++) {
		sub = erlrc_xpathjoin(top, t->made[i]);
		ck_assert_int_eq(lstat(sub, &st), 0);
		ck_assert(S_ISDIR(st.st_mode));
		ck_assert_uint_eq(st.st_mode & 07777, 0750);
		free(sub);
	}
	for (i = 0; i < NELEMS(t->dirs) && t->dirs[i]; i++) {
		sub = erlrc_xpathjoin(top, t->dirs[i]);
		ck_assert_int_eq(lstat(sub, &st), 0);
		ck_assert_uint_eq(st.st_mode & 07777, 0755);
		free(sub);
	}
	if (t->file) {
		sub = erlrc_xpathjoin(top, t->file);
		ck_assert_int_eq(lstat(sub, &st), 0);
		ck_assert(S_ISREG(st.st_mode));
		free(sub);
	}
	free(path);
	free(top);
}
END_TEST

/* Application names */

static const struct name_case {
	const char *name;
	int valid;
} app_names[] = {
	{ "a", 1 },
	{ "myapp", 1 },
	{ "my_app2", 1 },
	{ "camelCase", 1 },
	{ "x@y", 1 },
	{ "z9_@AZ", 1 },
	{ "ok", 1 },
	{ "endx", 1 },
	{ "", 0 },
	{ "MyApp", 0 },
	{ "_app", 0 },
	{ "1app", 0 },
	{ "@app", 0 },
	{ "my-app", 0 },
	{ "my.app", 0 },
	{ "my app", 0 },
	{ "app\n", 0 },
	{ "caf\xc3\xa9", 0 },
	{ "'quoted'", 0 },
	{ "after", 0 }, { "and", 0 }, { "andalso", 0 }, { "band", 0 },
	{ "begin", 0 }, { "bnot", 0 }, { "bor", 0 }, { "bsl", 0 },
	{ "bsr", 0 }, { "bxor", 0 }, { "case", 0 }, { "catch", 0 },
	{ "cond", 0 }, { "div", 0 }, { "else", 0 }, { "end", 0 },
	{ "fun", 0 }, { "if", 0 }, { "let", 0 }, { "maybe", 0 },
	{ "not", 0 }, { "of", 0 }, { "or", 0 }, { "orelse", 0 },
	{ "receive", 0 }, { "rem", 0 }, { "try", 0 }, { "when", 0 },
	{ "xor", 0 },
};

START_TEST(test_valid_app_name)
{
	const struct name_case *t = &app_names[_i];

	ck_assert_msg(erlrc_registry_valid_app_name(t->name) == t->valid,
	    "'%s' should be %s", t->name, t->valid ? "valid" : "invalid");
}
END_TEST

START_TEST(test_app_name_length)
{
	char name[ERLRC_NAME_MAX + 2];

	memset(name, 'a', sizeof(name));
	name[ERLRC_NAME_MAX] = '\0';
	ck_assert_int_eq(erlrc_registry_valid_app_name(name), 1);
	name[ERLRC_NAME_MAX] = 'a';
	name[ERLRC_NAME_MAX + 1] = '\0';
	ck_assert_int_eq(erlrc_registry_valid_app_name(name), 0);
}
END_TEST

static const struct name_case leftovers[] = {
	{ "app.dpkg-new", 1 },
	{ "app.dpkg-old", 1 },
	{ "app.dpkg-tmp", 1 },
	{ "app.dpkg-dist", 1 },
	{ "app.dpkg-bak", 1 },
	{ "app.dpkg-remove", 1 },
	{ "Bad-Name!.dpkg-new", 1 },
	{ ".dpkg-new", 1 },
	{ "app", 0 },
	{ "app.dpkg-new.x", 0 },
	{ "app.dpkg-neww", 0 },
	{ "app.dpkg", 0 },
	{ "app.ucf-dist", 0 },
	{ "dpkg-new", 0 },
};

START_TEST(test_dpkg_leftover)
{
	const struct name_case *t = &leftovers[_i];

	ck_assert_msg(erlrc_registry_dpkg_leftover(t->name) == t->valid,
	    "'%s'", t->name);
}
END_TEST

/* ETC/applications */

static void
read_apps_ok(struct erlrc_registry *r)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_paths p;

	ck_assert_int_eq(erlrc_paths_init(&p, &err), 0);
	erlrc_registry_init(r);
	ck_assert_msg(erlrc_registry_read_apps(r, &p, &err) == 0, "%s",
	    err.msg);
	erlrc_paths_destroy(&p);
}

/* Read ETC/applications expecting an error, left in ERR. */
static void
read_apps_fails(struct erlrc_error *err)
{
	struct erlrc_registry r;
	struct erlrc_paths p;

	ck_assert_int_eq(erlrc_paths_init(&p, err), 0);
	erlrc_registry_init(&r);
	ck_assert_int_eq(erlrc_registry_read_apps(&r, &p, err), -1);
	ck_assert_uint_eq(r.napps, 0);
	ck_assert_ptr_null(r.apps);
	erlrc_registry_destroy(&r);
	erlrc_paths_destroy(&p);
}

/*
 * The directory reads, each bad entry left out with a message that starts
 * with WANT (freed), the good ones kept.
 */
static void
read_apps_skips(char *want, size_t ngood)
{
	struct erlrc_registry r;

	read_apps_ok(&r);
	ck_assert_uint_eq(r.napps, ngood);
	ck_assert_uint_eq(r.nskipped, 1);
	ck_assert_msg(strncmp(r.skipped[0], want, strlen(want)) == 0,
	    "'%s' does not start with '%s'", r.skipped[0], want);
	erlrc_registry_destroy(&r);
	free(want);
}

START_TEST(test_apps_missing_dir)
{
	struct erlrc_registry r;

	new_root();
	read_apps_ok(&r);
	ck_assert_uint_eq(r.napps, 0);
	ck_assert_int_eq(erlrc_registry_has_app(&r, "a"), 0);
	erlrc_registry_destroy(&r);
}
END_TEST

START_TEST(test_apps_empty_dir)
{
	struct erlrc_registry r;
	const char *root = new_root();

	make_dir(root, "applications");
	read_apps_ok(&r);
	ck_assert_uint_eq(r.napps, 0);
	erlrc_registry_destroy(&r);
}
END_TEST

START_TEST(test_apps_sorted)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	struct erlrc_paths p;
	const char *root = new_root();
	char *dir, *path;

	make_dir(root, "applications");
	dir = erlrc_xpathjoin(root, "applications");
	make_file(dir, "zeta", "", 0644);
	make_file(dir, "alpha", "", 0644);
	make_file(dir, "mid_1", "# settings\nstart: true\n", 0600);
	make_file(dir, "b@x", "", 0444);
	make_file(dir, "alpha2", "", 0644);
	make_file(dir, "Bad-Name.dpkg-new", "", 0644);
	make_file(dir, "zeta.dpkg-old", "", 0644);
	make_file(dir, "x.dpkg-tmp", "", 0644);
	make_file(dir, "x.dpkg-dist", "", 0644);
	make_file(dir, "x.dpkg-bak", "", 0644);
	make_file(dir, "x.dpkg-remove", "", 0644);
	make_dir(dir, "dir.dpkg-new");
	make_file(root, "target", "", 0644);
	make_link(dir, "linked", "../target");

	read_apps_ok(&r);
	ck_assert_uint_eq(r.napps, 6);
	ck_assert_str_eq(r.apps[0], "alpha");
	ck_assert_str_eq(r.apps[1], "alpha2");
	ck_assert_str_eq(r.apps[2], "b@x");
	ck_assert_str_eq(r.apps[3], "linked");
	ck_assert_str_eq(r.apps[4], "mid_1");
	ck_assert_str_eq(r.apps[5], "zeta");
	ck_assert_int_eq(erlrc_registry_has_app(&r, "alpha"), 1);
	ck_assert_int_eq(erlrc_registry_has_app(&r, "zeta"), 1);
	ck_assert_int_eq(erlrc_registry_has_app(&r, "mid_1"), 1);
	ck_assert_int_eq(erlrc_registry_has_app(&r, "alph"), 0);
	ck_assert_int_eq(erlrc_registry_has_app(&r, "x"), 0);
	ck_assert_int_eq(erlrc_registry_has_app(&r, "zeta.dpkg-old"), 0);

	/* Reading again replaces the list. */
	path = erlrc_xpathjoin(dir, "alpha");
	ck_assert_int_eq(unlink(path), 0);
	free(path);
	ck_assert_int_eq(erlrc_paths_init(&p, &err), 0);
	ck_assert_int_eq(erlrc_registry_read_apps(&r, &p, &err), 0);
	ck_assert_uint_eq(r.napps, 5);
	ck_assert_str_eq(r.apps[0], "alpha2");
	ck_assert_int_eq(erlrc_registry_has_app(&r, "alpha"), 0);
	erlrc_paths_destroy(&p);
	erlrc_registry_destroy(&r);
	free(dir);
}
END_TEST

static const char *const bad_app_files[] = {
	"Foo",
	"1app",
	"_x",
	"a-b",
	"a.b",
	"if",
	"andalso",
	".hidden",
	"a b",
	"app~",
	"app.dpkg-new.bak",
};

START_TEST(test_apps_bad_name)
{
	const char *root = new_root();
	char *dir;

	make_dir(root, "applications");
	dir = erlrc_xpathjoin(root, "applications");
	make_file(dir, "good", "", 0644);
	make_file(dir, bad_app_files[_i], "", 0644);
	read_apps_skips(erlrc_xasprintf("%s/%s: '%s' is not an application "
	    "name erlrc accepts: ", dir, bad_app_files[_i],
	    bad_app_files[_i]), 1);
	free(dir);
}
END_TEST

START_TEST(test_apps_bad_left_out)
{
	const char *root = new_root();
	char *dir, *want;

	make_dir(root, "applications");
	dir = erlrc_xpathjoin(root, "applications");
	make_file(dir, "Zed", "", 0644);
	make_file(dir, "Bad", "", 0644);
	make_file(dir, "Kay", "", 0644);
	make_file(dir, "kay", "", 0644);
	{
		struct erlrc_registry r;

		read_apps_ok(&r);
		ck_assert_uint_eq(r.napps, 1);
		ck_assert_str_eq(r.apps[0], "kay");
		ck_assert_uint_eq(r.nskipped, 3);
		want = erlrc_xasprintf("%s/Bad: ", dir);
		ck_assert(strncmp(r.skipped[0], want, strlen(want)) == 0);
		free(want);
		erlrc_registry_destroy(&r);
	}
	free(dir);
}
END_TEST

/* What a registration file may say: whether erlrc starts the application. */
START_TEST(test_apps_settings)
{
	static const struct {
		const char *name, *text;
		int start;	/* -1: left out */
		const char *why;
	} files[] = {
		{ "empty", "", 1, NULL },
		{ "comment", "# nothing set\n", 1, NULL },
		{ "held", "# set by its package\nstart: false\n", 0, NULL },
		{ "yes", "start: true\n", 1, NULL },
		{ "one", "start: 1\n", -1,
		    "one:1:8: start: expected true or false, got '1'" },
		{ "other", "restart: false\n", -1,
		    "other:1:1: unknown key 'restart'" },
		/* in name order: the directory is read so */
		{ "scalar", "contents\n", -1,
		    "scalar:1:1: expected a mapping of settings" },
		{ "twice", "start: false\nstart: false\n", -1,
		    "twice:2:1: " },
	};
	const char *root = new_root();
	struct erlrc_registry r;
	char *dir, *want;
	size_t i, k = 0;

	make_dir(root, "applications");
	dir = erlrc_xpathjoin(root, "applications");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		make_file(dir, files[i].name, files[i].text, 0644);
	read_apps_ok(&r);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		ck_assert_int_eq(erlrc_registry_has_app(&r, files[i].name),
		    files[i].start >= 0);
		ck_assert_int_eq(erlrc_registry_starts(&r, files[i].name),
		    files[i].start == 1);
		if (files[i].start >= 0)
			continue;
		want = erlrc_xasprintf("%s/%s", dir, files[i].why);
		ck_assert_uint_lt(k, r.nskipped);
		ck_assert_msg(strncmp(r.skipped[k], want, strlen(want)) == 0,
		    "'%s' does not start with '%s'", r.skipped[k], want);
		free(want);
		k++;
	}
	ck_assert_uint_eq(r.nskipped, k);
	ck_assert_uint_eq(r.nheld, 1);
	erlrc_registry_destroy(&r);
	free(dir);
}
END_TEST

START_TEST(test_apps_not_files)
{
	const char *root = new_root();
	char *dir, *path;

	make_dir(root, "applications");
	dir = erlrc_xpathjoin(root, "applications");

	make_dir(dir, "subdir");
	read_apps_skips(erlrc_xasprintf("%s/subdir: is a directory, expected "
	    "an empty file", dir), 0);
	path = erlrc_xpathjoin(dir, "subdir");
	ck_assert_int_eq(rmdir(path), 0);
	free(path);

	make_link(dir, "dangling", "no-such-file");
	read_apps_skips(erlrc_xasprintf("%s/dangling: dangling symbolic link",
	    dir), 0);
	path = erlrc_xpathjoin(dir, "dangling");
	ck_assert_int_eq(unlink(path), 0);
	free(path);

	path = erlrc_xpathjoin(dir, "fifo");
	ck_assert_int_eq(mkfifo(path, 0644), 0);
	read_apps_skips(erlrc_xasprintf("%s/fifo: not a regular file", dir),
	    0);
	ck_assert_int_eq(unlink(path), 0);
	free(path);

	/* With the bad entries gone, the directory reads again. */
	make_file(dir, "ok", "", 0644);
	{
		struct erlrc_registry r;

		read_apps_ok(&r);
		ck_assert_uint_eq(r.napps, 1);
		erlrc_registry_destroy(&r);
	}
	free(dir);
}
END_TEST

START_TEST(test_apps_dir_is_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *root = new_root();
	char *want;

	make_file(root, "applications", "", 0644);
	read_apps_fails(&err);
	want = erlrc_xasprintf("%s/applications: Not a directory", root);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	free(want);
}
END_TEST

/* DPKG_ROOT prefixes the default ETC. */
START_TEST(test_apps_dpkg_root)
{
	struct erlrc_registry r;
	const char *root = new_root();
	char *etc;

	ck_assert_int_eq(unsetenv("ERLRC_ROOT"), 0);
	ck_assert_int_eq(setenv("DPKG_ROOT", root, 1), 0);
	make_dir(root, "etc");
	make_dir(root, "etc/erlrc.d");
	make_dir(root, "etc/erlrc.d/applications");
	etc = erlrc_xpathjoin(root, "etc/erlrc.d/applications");
	make_file(etc, "inroot", "", 0644);
	free(etc);
	read_apps_ok(&r);
	ck_assert_uint_eq(r.napps, 1);
	ck_assert_str_eq(r.apps[0], "inroot");
	erlrc_registry_destroy(&r);
}
END_TEST

/* ETC/nodes */

static int
read_nodes(struct erlrc_registry *r, struct erlrc_error *err)
{
	struct erlrc_paths p;
	int ret;

	ck_assert_int_eq(erlrc_paths_init(&p, err), 0);
	erlrc_registry_init(r);
	ret = erlrc_registry_read_nodes(r, &p, err);
	erlrc_paths_destroy(&p);
	if (ret < 0) {
		ck_assert_uint_eq(r->nnodes, 0);
		ck_assert_ptr_null(r->nodes);
	}
	return ret;
}

/* A new ETC/nodes directory under a new root; returns it (free it). */
static char *
new_nodes_dir(void)
{
	const char *root = new_root();

	make_dir(root, "nodes");
	return erlrc_xpathjoin(root, "nodes");
}

START_TEST(test_nodes_missing_dir)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;

	new_root();
	ck_assert_int_eq(read_nodes(&r, &err), 0);
	ck_assert_uint_eq(r.nnodes, 0);
	ck_assert_ptr_null(erlrc_registry_find_node(&r, "a@b"));
	erlrc_registry_destroy(&r);
}
END_TEST

START_TEST(test_nodes_read)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *host = short_host(), *name, *file;
	const struct erlrc_node *n;

	make_file(dir, "b@host.example", "cookieB\n", 0600);
	make_file(dir, "a", "cookieA\r\nsecond line is ignored\n", 0400);
	make_file(dir, "c_1-x@h", "cookie C", 0600);
	make_file(dir, "d.dpkg-new", "ignored\n", 0644);
	make_file(dir, "Bad Name!.dpkg-dist", "", 0644);
	make_file(dir, "e@h.dpkg-old", "ignored\n", 0600);
	ck_assert_msg(read_nodes(&r, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(r.nnodes, 3);

	name = erlrc_xasprintf("a@%s", host);
	file = erlrc_xpathjoin(dir, "a");
	ck_assert_str_eq(r.nodes[0].name, name);
	ck_assert_str_eq(r.nodes[0].file, file);
	ck_assert_str_eq(r.nodes[0].cookie, "cookieA");
	n = erlrc_registry_find_node(&r, name);
	ck_assert_ptr_eq(n, &r.nodes[0]);
	free(name);
	free(file);

	file = erlrc_xpathjoin(dir, "b@host.example");
	ck_assert_str_eq(r.nodes[1].name, "b@host.example");
	ck_assert_str_eq(r.nodes[1].file, file);
	ck_assert_str_eq(r.nodes[1].cookie, "cookieB");
	free(file);

	ck_assert_str_eq(r.nodes[2].name, "c_1-x@h");
	ck_assert_str_eq(r.nodes[2].cookie, "cookie C");
	ck_assert_ptr_eq(erlrc_registry_find_node(&r, "c_1-x@h"),
	    &r.nodes[2]);
	ck_assert_ptr_null(erlrc_registry_find_node(&r, "b"));
	ck_assert_ptr_null(erlrc_registry_find_node(&r, "e@h"));
	erlrc_registry_destroy(&r);
	ck_assert_uint_eq(r.nnodes, 0);
	free(host);
	free(dir);
}
END_TEST

static const struct mode_case {
	mode_t mode;
	int ok;
} modes[] = {
	{ 0600, 1 },
	{ 0400, 1 },
	{ 0700, 1 },
	{ 0500, 1 },
	{ 04600, 1 },
	{ 0640, 0 },
	{ 0644, 0 },
	{ 0604, 0 },
	{ 0660, 0 },
	{ 0606, 0 },
	{ 0610, 0 },
	{ 0601, 0 },
	{ 0620, 0 },
	{ 0602, 0 },
	{ 0666, 0 },
	{ 0777, 0 },
	{ 01604, 0 },
};

START_TEST(test_nodes_mode)
{
	const struct mode_case *t = &modes[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *want;

	make_file(dir, "n@h", SECRET "\n", t->mode);
	if (t->ok) {
		ck_assert_msg(read_nodes(&r, &err) == 0, "%s", err.msg);
		ck_assert_uint_eq(r.nnodes, 1);
		ck_assert_str_eq(r.nodes[0].cookie, SECRET);
		erlrc_registry_destroy(&r);
	} else {
		ck_assert_int_eq(read_nodes(&r, &err), -1);
		want = erlrc_xasprintf("%s/n@h: mode %04o is too open: a "
		    "cookie file must not be accessible to group or others "
		    "(chmod 600)", dir, (unsigned)t->mode);
		ck_assert_str_eq(err.msg, want);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		ck_assert_ptr_null(strstr(err.msg, SECRET));
		free(want);
		erlrc_registry_destroy(&r);
	}
	free(dir);
}
END_TEST

/* Owner checks need root to give a file away; as a user they pass. */
START_TEST(test_nodes_owner)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *path, *want;

	path = make_file_len(dir, "n@h", SECRET "\n", strlen(SECRET) + 1,
	    0600);
	if (geteuid() != 0) {
		/* Owned by the caller: accepted. */
		ck_assert_int_eq(read_nodes(&r, &err), 0);
		erlrc_registry_destroy(&r);
		free(path);
		free(dir);
		return;
	}
	ck_assert_int_eq(chown(path, 0, 0), 0);
	ck_assert_int_eq(read_nodes(&r, &err), 0);
	erlrc_registry_destroy(&r);

	ck_assert_int_eq(chown(path, OTHER_UID, OTHER_UID), 0);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s: owned by uid %d: a cookie file must be "
	    "owned by root or uid 0", path, OTHER_UID);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_ptr_null(strstr(err.msg, SECRET));
	free(want);
	erlrc_registry_destroy(&r);

	/* The same file is fine for its owner (the effective uid). */
	ck_assert_int_eq(chmod(erlrc_scratch_top, 0711), 0);
	ck_assert_int_eq(chmod(getenv("ERLRC_ROOT"), 0755), 0);
	ck_assert_int_eq(seteuid(OTHER_UID), 0);
	ck_assert_msg(read_nodes(&r, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(r.nodes[0].cookie, SECRET);
	erlrc_registry_destroy(&r);
	/* ... but not for another user, even with the file readable. */
	ck_assert_int_eq(seteuid(0), 0);
	ck_assert_int_eq(chmod(path, 0400), 0);
	ck_assert_int_eq(seteuid(OTHER_UID + 1), 0);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	ck_assert_int_eq(seteuid(0), 0);
	ck_assert_ptr_null(strstr(err.msg, SECRET));
	erlrc_registry_destroy(&r);
	free(path);
	free(dir);
}
END_TEST

static const struct cookie_case {
	int nx;			/* this many 'x' first */
	const char *text;	/* then this */
	size_t len;		/* bytes of text, when it holds NULs */
	int want_len;		/* the cookie is the first want_len bytes */
	const char *want_err;	/* or this follows "FILE: " */
} cookies[] = {
	{ 0, "secret\n", 0, 6, NULL },
	{ 0, "secret", 0, 6, NULL },
	{ 0, "secret\r\n", 0, 6, NULL },
	{ 0, "secret\nmore\n", 0, 6, NULL },
	{ 0, "secret\r\nmore", 0, 6, NULL },
	{ 0, "with space \n", 0, 11, NULL },
	{ 0, " ~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}\n", 0, 33, NULL },
	{ 255, "\n", 0, 255, NULL },
	{ 255, "\r\n", 0, 255, NULL },
	{ 255, "", 0, 255, NULL },
	{ 0, "", 0, 0, "empty cookie (it is the first line of the file)" },
	{ 0, "\n", 0, 0, "empty cookie (it is the first line of the file)" },
	{ 0, "\r\n", 0, 0, "empty cookie (it is the first line of the file)" },
	{ 0, "\nsecret\n", 0, 0,
	    "empty cookie (it is the first line of the file)" },
	{ 256, "", 0, 0, "cookie longer than 255 bytes" },
	{ 256, "\n", 0, 0, "cookie longer than 255 bytes" },
	{ 255, "\r\r\n", 0, 0, "cookie longer than 255 bytes" },
	{ 4000, "\n", 0, 0, "cookie longer than 255 bytes" },
	{ 0, "sec\tret\n", 0, 0, "the cookie may only hold printable "
	    "ASCII characters (byte 4 is not)" },
	{ 0, "sec\xc3\xa9t\n", 0, 0, "the cookie may only hold printable "
	    "ASCII characters (byte 4 is not)" },
	{ 0, "s\x7f\n", 0, 0, "the cookie may only hold printable "
	    "ASCII characters (byte 2 is not)" },
	{ 0, "sec\0ret\n", 8, 0, "the cookie may only hold printable "
	    "ASCII characters (byte 4 is not)" },
	{ 0, "secret\r", 0, 6, NULL },
	{ 0, "sec\rret\n", 0, 0, "the cookie may only hold printable "
	    "ASCII characters (byte 4 is not)" },
};

START_TEST(test_cookie_content)
{
	const struct cookie_case *t = &cookies[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	size_t tlen = t->len ? t->len : strlen(t->text);
	char *dir = new_nodes_dir(), *text, *path, *cookie, *want;

	text = erlrc_xmalloc((size_t)t->nx + tlen + 1);
	memset(text, 'x', (size_t)t->nx);
	memcpy(text + t->nx, t->text, tlen);
	path = make_file_len(dir, "n", text, (size_t)t->nx + tlen, 0600);
	if (!t->want_err) {
		ck_assert_msg(erlrc_node_read_cookie_file(path, &cookie,
		    &err) == 0, "%s", err.msg);
		ck_assert_uint_eq(strlen(cookie), (size_t)t->want_len);
		ck_assert_int_eq(memcmp(cookie, text, (size_t)t->want_len), 0);
		erlrc_node_free_cookie(cookie);
	} else {
		ck_assert_int_eq(erlrc_node_read_cookie_file(path, &cookie,
		    &err), -1);
		ck_assert_ptr_null(cookie);
		want = erlrc_xasprintf("%s: %s", path, t->want_err);
		ck_assert_str_eq(err.msg, want);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		free(want);
	}
	free(path);
	free(text);
	free(dir);
}
END_TEST

/* Whatever goes wrong, the message never shows the cookie. */
START_TEST(test_cookie_never_in_message)
{
	static const struct {
		const char *text;
		mode_t mode;
	} files[] = {
		{ SECRET "\n", 0644 },
		{ SECRET "\n", 0640 },
		{ SECRET "\t\n", 0600 },
		{ SECRET "\x01" SECRET "\n", 0600 },
		{ SECRET "\xff\n", 0600 },
		{ SECRET SECRET SECRET SECRET SECRET SECRET SECRET SECRET
		  SECRET SECRET SECRET SECRET SECRET SECRET "\n", 0600 },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *path, *cookie;
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path = make_file_len(dir, "n@h", files[i].text,
		    strlen(files[i].text), files[i].mode);
		ck_assert_int_eq(read_nodes(&r, &err), -1);
		ck_assert_msg(strstr(err.msg, SECRET) == NULL,
		    "case %zu: %s", i, err.msg);
		ck_assert_msg(strstr(err.msg, "S3cr3t") == NULL,
		    "case %zu: %s", i, err.msg);
		erlrc_registry_destroy(&r);
		ck_assert_int_eq(erlrc_node_read_cookie_file(path, &cookie,
		    &err), -1);
		ck_assert_ptr_null(strstr(err.msg, "S3cr3t"));
		ck_assert_int_eq(unlink(path), 0);
		free(path);
	}
	free(dir);
}
END_TEST

START_TEST(test_cookie_file_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *dir = new_nodes_dir(), *path, *want, *cookie;

	path = erlrc_xpathjoin(dir, "none");
	ck_assert_int_eq(erlrc_node_read_cookie_file(path, &cookie, &err), -1);
	want = erlrc_xasprintf("%s: No such file or directory", path);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	free(want);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_nodes_not_files)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *path, *want;

	/* A link is refused even to a good file (like ssh). */
	make_file(getenv("ERLRC_ROOT"), "real", SECRET "\n", 0600);
	make_link(dir, "linked@h", "../real");
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/linked@h: a cookie file must not be a "
	    "symbolic link", dir);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	free(want);
	erlrc_registry_destroy(&r);
	path = erlrc_xpathjoin(dir, "linked@h");
	ck_assert_int_eq(unlink(path), 0);
	free(path);

	make_dir(dir, "sub");
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/sub: not a regular file", dir);
	ck_assert_str_eq(err.msg, want);
	free(want);
	erlrc_registry_destroy(&r);
	path = erlrc_xpathjoin(dir, "sub");
	ck_assert_int_eq(rmdir(path), 0);

	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/sub: not a regular file", dir);
	ck_assert_str_eq(err.msg, want);
	free(want);
	erlrc_registry_destroy(&r);
	ck_assert_int_eq(unlink(path), 0);
	free(path);
	free(dir);
}
END_TEST

START_TEST(test_nodes_dir_is_file)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	const char *root = new_root();
	char *want;

	make_file(root, "nodes", "", 0600);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/nodes: Not a directory", root);
	ck_assert_str_eq(err.msg, want);
	free(want);
	erlrc_registry_destroy(&r);
}
END_TEST

static const struct bad_node_case {
	const char *file;
	const char *why;
} bad_nodes[] = {
	{ "a@", "expected a host name made of letters, digits, '.', '_' "
	    "and '-' after '@'" },
	{ "a@b@c", "expected a host name made of letters, digits, '.', '_' "
	    "and '-' after '@'" },
	{ "a@h!", "expected a host name made of letters, digits, '.', '_' "
	    "and '-' after '@'" },
	{ "a@h:1", "expected a host name made of letters, digits, '.', '_' "
	    "and '-' after '@'" },
	{ "@h", "expected alive or alive@host, alive made of letters, "
	    "digits, '_' and '-'" },
	{ "a b", "expected alive or alive@host, alive made of letters, "
	    "digits, '_' and '-'" },
	{ "a!", "expected alive or alive@host, alive made of letters, "
	    "digits, '_' and '-'" },
	{ "a.b@h", "expected alive or alive@host, alive made of letters, "
	    "digits, '_' and '-'" },
	{ ".hidden", "expected alive or alive@host, alive made of letters, "
	    "digits, '_' and '-'" },
	{ "caf\xc3\xa9", "expected alive or alive@host, alive made of "
	    "letters, digits, '_' and '-'" },
	{ "node~", "expected alive or alive@host, alive made of letters, "
	    "digits, '_' and '-'" },
};

START_TEST(test_nodes_bad_name)
{
	const struct bad_node_case *t = &bad_nodes[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *want;

	make_file(dir, "good@h", "cookie\n", 0600);
	make_file(dir, t->file, SECRET "\n", 0600);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/%s: not a valid node name (%s)", dir,
	    t->file, t->why);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	free(want);
	erlrc_registry_destroy(&r);
	free(dir);
}
END_TEST

START_TEST(test_nodes_long_name)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *want;
	char name[ERLRC_NAME_MAX + 1];

	/* 253 + "@h" is 255 bytes: the longest node name. */
	memset(name, 'a', 253);
	strcpy(name + 253, "@h");
	make_file(dir, name, "cookie\n", 0600);
	ck_assert_msg(read_nodes(&r, &err) == 0, "%s", err.msg);
	erlrc_registry_destroy(&r);

	/* 254 + "@" + the host is always too long. */
	memset(name, 'b', 254);
	name[254] = '\0';
	make_file(dir, name, "cookie\n", 0600);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/%s: node name longer than 255 bytes", dir,
	    name);
	ck_assert_str_eq(err.msg, want);
	free(want);
	erlrc_registry_destroy(&r);
	free(dir);
}
END_TEST

START_TEST(test_nodes_duplicate)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_registry r;
	char *dir = new_nodes_dir(), *host = short_host(), *full, *want;

	full = erlrc_xasprintf("n@%s", host);
	make_file(dir, full, SECRET "\n", 0600);
	make_file(dir, "n", SECRET "\n", 0600);
	ck_assert_int_eq(read_nodes(&r, &err), -1);
	want = erlrc_xasprintf("%s/%s: node '%s' is already named by %s/n",
	    dir, full, full, dir);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_ptr_null(strstr(err.msg, SECRET));
	free(want);
	erlrc_registry_destroy(&r);
	free(full);
	free(host);
	free(dir);
}
END_TEST

/* Names given directly, as a --node option would. */
START_TEST(test_node_full_name)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char name[ERLRC_NAME_MAX + 2], *full;

	memset(name, 'a', sizeof(name));
	memcpy(name + ERLRC_NAME_MAX - 2, "@h", 3);
	ck_assert_int_eq(erlrc_node_full_name(name, &full, &err), 0);
	ck_assert_str_eq(full, name);
	free(full);
	memcpy(name + ERLRC_NAME_MAX - 2, "@hh", 4);
	ck_assert_int_eq(erlrc_node_full_name(name, &full, &err), -1);
	ck_assert_str_eq(err.msg, "node name longer than 255 bytes");
	ck_assert_ptr_null(full);
	ck_assert_int_eq(erlrc_node_full_name("", &full, &err), -1);
	ck_assert_str_eq(err.msg, "not a valid node name (expected alive or "
	    "alive@host, alive made of letters, digits, '_' and '-')");
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
}
END_TEST

/*
 * The short host name, in a UTS namespace of our own so that the host
 * name can be set; needs root (or user namespaces), else passes quietly.
 */
START_TEST(test_node_short_host)
{
	static const struct {
		const char *hostname;
		const char *full;	/* of "n", or the error */
	} hosts[] = {
		{ "box.example.org", "n@box" },
		{ "box", "n@box" },
		{ "my-box_1.lan", "n@my-box_1" },
		{ ".lan", "the host name '' cannot be used in a node name" },
		{ "bad!host", "the host name 'bad!host' cannot be used in a "
		    "node name" },
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char host[HOST_NAME_MAX + 1], *full;
	size_t i;

	ck_assert_int_eq(gethostname(host, sizeof(host)), 0);
	host[sizeof(host) - 1] = '\0';
	if (unshare(CLONE_NEWUTS) < 0)
		return;
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		ck_assert_int_eq(sethostname(hosts[i].hostname,
		    strlen(hosts[i].hostname)), 0);
		if (strncmp(hosts[i].full, "n@", 2) == 0) {
			ck_assert_int_eq(erlrc_node_full_name("n", &full,
			    &err), 0);
			ck_assert_str_eq(full, hosts[i].full);
			free(full);
		} else {
			ck_assert_int_eq(erlrc_node_full_name("n", &full,
			    &err), -1);
			ck_assert_str_eq(err.msg, hosts[i].full);
			ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
			ck_assert_ptr_null(full);
		}
		/* A name with a host never looks at the host name. */
		ck_assert_int_eq(erlrc_node_full_name("n@x", &full, &err), 0);
		ck_assert_str_eq(full, "n@x");
		free(full);
	}
	/* For CK_FORK=no, where the namespace outlives the test. */
	ck_assert_int_eq(sethostname(host, strlen(host)), 0);
}
END_TEST

Suite *
erlrc_test_registry_suite(void)
{
	Suite *s = suite_create("registry");
	TCase *tc;

	tc = tcase_create("paths");
	tcase_add_loop_test(tc, test_paths_env, 0,
	    sizeof(paths_cases) / sizeof(paths_cases[0]));
	tcase_add_test(tc, test_paths_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("mkdirs");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_loop_test(tc, test_paths_mkdirs, 0,
	    sizeof(mkdirs_cases) / sizeof(mkdirs_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_valid_app_name, 0,
	    sizeof(app_names) / sizeof(app_names[0]));
	tcase_add_test(tc, test_app_name_length);
	tcase_add_loop_test(tc, test_dpkg_leftover, 0,
	    sizeof(leftovers) / sizeof(leftovers[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("apps");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_test(tc, test_apps_missing_dir);
	tcase_add_test(tc, test_apps_empty_dir);
	tcase_add_test(tc, test_apps_sorted);
	tcase_add_loop_test(tc, test_apps_bad_name, 0,
	    sizeof(bad_app_files) / sizeof(bad_app_files[0]));
	tcase_add_test(tc, test_apps_bad_left_out);
	tcase_add_test(tc, test_apps_settings);
	tcase_add_test(tc, test_apps_not_files);
	tcase_add_test(tc, test_apps_dir_is_file);
	tcase_add_test(tc, test_apps_dpkg_root);
	suite_add_tcase(s, tc);

	tc = tcase_create("nodes");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_test(tc, test_nodes_missing_dir);
	tcase_add_test(tc, test_nodes_read);
	tcase_add_loop_test(tc, test_nodes_mode, 0,
	    sizeof(modes) / sizeof(modes[0]));
	tcase_add_test(tc, test_nodes_owner);
	tcase_add_loop_test(tc, test_cookie_content, 0,
	    sizeof(cookies) / sizeof(cookies[0]));
	tcase_add_test(tc, test_cookie_never_in_message);
	tcase_add_test(tc, test_cookie_file_missing);
	tcase_add_test(tc, test_nodes_not_files);
	tcase_add_test(tc, test_nodes_dir_is_file);
	tcase_add_loop_test(tc, test_nodes_bad_name, 0,
	    sizeof(bad_nodes) / sizeof(bad_nodes[0]));
	tcase_add_test(tc, test_nodes_long_name);
	tcase_add_test(tc, test_nodes_duplicate);
	tcase_add_test(tc, test_node_full_name);
	tcase_add_test(tc, test_node_short_host);
	suite_add_tcase(s, tc);
	return s;
}
