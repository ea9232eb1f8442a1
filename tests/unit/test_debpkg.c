/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_debpkg.c - unit tests of debpkg.c: staging and building a .deb */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <md5.h>
#include <zlib.h>

#include <erlrc/buf.h>
#include <erlrc/debpkg.h>
#include <erlrc/license.h>
#include <erlrc/term.h>
#include <erlrc/error.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* 2023-11-14 22:13:20 UTC: every sample package is dated this. */
#define EPOCH ((time_t)1700000000)
#define EPOCH_DATE "Tue, 14 Nov 2023 22:13:20 +0000"
#define EPOCH_LISTED "2023-11-14 22:13"	/* as dpkg-deb -c shows it */

#define TREE "/usr/lib/erlang/lib/foo-1.0"	/* where the sample goes */
#define MAINTAINER "A Maintainer <a@example.org>"
#define DEB_NAME "foo_1.0-1_all.deb"

/* Names */

static const struct name_case {
	const char *name;
	int ok;
} name_cases[] = {
	{ "ab", 1 },
	{ "erlang-sensor", 1 },
	{ "g++", 1 },
	{ "0ad", 1 },
	{ "a.b+c-d", 1 },
	{ "9", 0 },
	{ "", 0 },
	{ "a", 0 },
	{ "Ab", 0 },
	{ "aB", 0 },
	{ "-ab", 0 },
	{ ".ab", 0 },
	{ "+ab", 0 },
	{ "a_b", 0 },
	{ "a b", 0 },
	{ "ab\n", 0 },
	{ "erlang-Sensor", 0 },
	{ "UTF-8", 0 },
	{ "caf\xc3\xa9", 0 },
	{ "\xc3\xa9t\xc3\xa9", 0 },
};

START_TEST(test_name_ok)
{
	const struct name_case *t = &name_cases[_i];

	ck_assert_msg(erlrc_debpkg_name_ok(t->name) == t->ok, "'%s': "
	    "expected %s", t->name, t->ok ? "good" : "bad");
}
END_TEST

/* Descriptions */

static const struct description_case {
	const char *synopsis, *extended, *want;
} description_cases[] = {
	{ "a sensor", NULL, "Description: a sensor\n" },
	{ "a sensor", "", "Description: a sensor\n" },
	{ "a sensor", "It reads.", "Description: a sensor\n It reads.\n" },
	{ "s", "one\ntwo\nthree", "Description: s\n one\n two\n three\n" },
	/* the same with a newline at the end: no blank line for it */
	{ "s", "one\ntwo\nthree\n", "Description: s\n one\n two\n three\n" },
	{ "s", "one\n\ntwo", "Description: s\n one\n .\n two\n" },
	{ "s", "one\n  \t \ntwo\n \n", "Description: s\n one\n .\n two\n .\n" },
	{ "s", "\nfirst", "Description: s\n .\n first\n" },
	{ "s", "  indented\n\tcode", "Description: s\n   indented\n \tcode\n" },
	{ "s", "a\n\n\nb", "Description: s\n a\n .\n .\n b\n" },
};

START_TEST(test_description)
{
	const struct description_case *t = &description_cases[_i];
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *want = erlrc_xasprintf("Package: foo\n%s", t->want);

	/* it appends */
	erlrc_buf_adds(&b, "Package: foo\n");
	erlrc_debpkg_description(&b, t->synopsis, t->extended);
	ck_assert_str_eq(erlrc_buf_str(&b), want);
	free(want);
	erlrc_buf_destroy(&b);
}
END_TEST

/* Helpers */

static void
write_file(const char *path, const char *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	ck_assert_int_eq(close(fd), 0);
}

/* The contents of PATH, a new string. */
static char *
slurp(const char *path, size_t *len)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;

	ck_assert_msg(erlrc_buf_read_file(&b, path, &err) == 0, "%s",
	    err.msg);
	if (len)
		*len = b.len;
	erlrc_buf_addc(&b, '\0');	/* so that "" is a string too */
	return erlrc_buf_detach(&b);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort the lines of TEXT in place (each ends with a newline). */
static void
sort_lines(char *text)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char **lines = NULL, *p, *nl;
	size_t n = 0, cap = 0, i;

	for (p = text; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		ck_assert_ptr_nonnull(nl);
		lines = erlrc_xgrow(lines, &cap, n, sizeof(*lines));
		lines[n++] = erlrc_xstrndup(p, (size_t)(nl - p + 1));
	}
	if (n)
		qsort(lines, n, sizeof(*lines), cmp_str);
	for (i = 0; i < n; i++) {
		erlrc_buf_adds(&b, lines[i]);
		free(lines[i]);
	}
	free(lines);
	memcpy(text, erlrc_buf_str(&b), b.len);
	erlrc_buf_destroy(&b);
}

/*
 * The output of the shell command CMD (a new string), which must exit
 * 0: its status is checked, not hidden behind the pipe.
 */
static char *
run(const char *cmd)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char chunk[4096];
	size_t got;
	FILE *p;
	int st;

	p = popen(cmd, "r");
	ck_assert_msg(p != NULL, "%s: %s", cmd, strerror(errno));
	while ((got = fread(chunk, 1, sizeof(chunk), p)) > 0)
		erlrc_buf_add(&b, chunk, got);
	st = pclose(p);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: status "
	    "%#x", cmd, st);
	erlrc_buf_addc(&b, '\0');
	return erlrc_buf_detach(&b);
}

/* The staged path of target path DEST (a new string). */
static char *
staged(const struct erlrc_debpkg *d, const char *dest)
{
	return erlrc_xasprintf("%s%s", d->stage, dest);
}

/* Check that target path DEST is staged as a file or directory, MODE. */
static void
check_staged(const struct erlrc_debpkg *d, const char *dest, int dir,
    mode_t mode, const char *data)
{
	char *path = staged(d, dest), *got;
	struct stat st;

	ck_assert_msg(lstat(path, &st) == 0, "%s: %s", dest, strerror(errno));
	if (dir)
		ck_assert_msg(S_ISDIR(st.st_mode), "%s: not a directory",
		    dest);
	else
		ck_assert_msg(S_ISREG(st.st_mode), "%s: not a file", dest);
	ck_assert_msg((st.st_mode & 07777) == mode, "%s: mode %o, not %o",
	    dest, (unsigned)(st.st_mode & 07777), (unsigned)mode);
	if (data) {
		got = slurp(path, NULL);
		ck_assert_str_eq(got, data);
		free(got);
	}
	free(path);
}

static void
check_missing(const struct erlrc_debpkg *d, const char *dest)
{
	char *path = staged(d, dest);
	struct stat st;

	ck_assert_msg(lstat(path, &st) < 0 && errno == ENOENT,
	    "%s: staged", dest);
	free(path);
}

/* The sample source tree: what add_tree copies and leaves out. */

static const struct src_entry {
	const char *path;
	char type;		/* 'd'ir, 'f'ile, 'l'ink */
	mode_t mode;
	const char *data;	/* a file's contents, a link's target */
	size_t len;		/* of data, for files */
} src_entries[] = {
	{ "data.txt", 'f', 0644, "some data\n", 10 },
	{ "run", 'f', 0705, "#!/bin/sh\nexit 0\n", 17 },
	{ "group-exec", 'f', 0614, "x", 1 },
	{ "link", 'l', 0, "data.txt", 0 },
	{ "sub", 'd', 0700, NULL, 0 },
	{ "sub/big.bin", 'f', 0604, NULL, 1025 },
	{ "sub/exact.bin", 'f', 0444, NULL, 1024 },
	{ "sub/empty", 'f', 0604, "", 0 },
	{ "sub/.gitignore", 'f', 0644, "*.o\n", 4 },
	{ ".git", 'd', 0755, NULL, 0 },
	{ ".git/HEAD", 'f', 0644, "ref: refs/heads/main\n", 21 },
	{ ".gitignore", 'f', 0644, "*.o\n", 4 },
	{ ".svn", 'd', 0755, NULL, 0 },
};

/* A new sample source tree (a new string); directories get modes last. */
static char *
make_src(void)
{
	char *dir = erlrc_xstrdup(erlrc_scratch_dir("src")), *path, *fill;
	const struct src_entry *e;
	size_t i;

	fill = erlrc_xmalloc(2048);
	memset(fill, 'z', 2048);
	for (i = 0; i < COUNT(src_entries); i++) {
		e = &src_entries[i];
		path = erlrc_xpathjoin(dir, e->path);
		if (e->type == 'd')
			ck_assert_int_eq(mkdir(path, 0755), 0);
		else if (e->type == 'f')
			write_file(path, e->data ? e->data : fill, e->len,
			    e->mode);
		else
			ck_assert_int_eq(symlink(e->data, path), 0);
		free(path);
	}
	for (i = 0; i < COUNT(src_entries); i++) {
		e = &src_entries[i];
		if (e->type != 'd')
			continue;
		path = erlrc_xpathjoin(dir, e->path);
		ck_assert_int_eq(chmod(path, e->mode), 0);
		free(path);
	}
	free(fill);
	return dir;
}

/*
 * The whole sample package, staged in D (opened in OUTDIR): the sample
 * tree, a program, a data file, a conffile, a script and the docs.
 */
static void
stage_sample(struct erlrc_debpkg *d, const char *outdir)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = make_src(), *copyright;

	copyright = erlrc_xpathjoin(erlrc_scratch_dir("doc"), "COPYING");
	write_file(copyright, "Copyright 2023 A Maintainer\n", 28, 0604);
	ck_assert_msg(erlrc_debpkg_open(d, outdir, &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_add_tree(d, src, TREE, &err) == 0, "%s",
	    err.msg);
	ck_assert_msg(erlrc_debpkg_add_file(d, "/usr/bin/foo", "#!/bin/sh\n",
	    10, 1, &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_add_file(d, "/usr/share/foo/notes",
	    "notes\n", 6, 0, &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_add_conffile(d, "/etc/foo/foo.conf",
	    "a = 1\n", 6, &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_add_script(d, "postinst",
	    "#!/bin/sh\nset -e\nexit 0\n", &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_add_docs(d, "foo", "1.0-1", MAINTAINER,
	    EPOCH, copyright, NULL, "First release.", &err) == 0, "%s", err.msg);
	free(copyright);
	free(src);
}

/*
 * Counted by hand (each file rounded up to a KiB, 1 per directory; the
 * root and DEBIAN/ left out):
 * directories usr, usr/lib, usr/lib/erlang, usr/lib/erlang/lib, TREE,
 * TREE/sub, usr/bin, usr/share, usr/share/foo, usr/share/doc,
 * usr/share/doc/foo, etc, etc/foo: 13; files TREE/data.txt 1, run 1,
 * group-exec 1, link 1, sub/big.bin (1025 bytes) 2, sub/exact.bin (1024)
 * 1, sub/empty 0, usr/bin/foo 1, notes 1, foo.conf 1, copyright 1,
 * changelog.Debian.gz 1: 12.
 */
#define SAMPLE_KIB 25

/* What data.tar holds, as dpkg-deb -c lists it, but the owners. */
static const char sample_contents[] =
	"drwxr-xr-x ./\n"
	"drwxr-xr-x ./etc/\n"
	"drwxr-xr-x ./etc/foo/\n"
	"-rw-r--r-- ./etc/foo/foo.conf\n"
	"drwxr-xr-x ./usr/\n"
	"drwxr-xr-x ./usr/bin/\n"
	"-rwxr-xr-x ./usr/bin/foo\n"
	"drwxr-xr-x ./usr/lib/\n"
	"drwxr-xr-x ./usr/lib/erlang/\n"
	"drwxr-xr-x ./usr/lib/erlang/lib/\n"
	"drwxr-xr-x ./usr/lib/erlang/lib/foo-1.0/\n"
	"-rw-r--r-- ./usr/lib/erlang/lib/foo-1.0/data.txt\n"
	"-rwxr-xr-x ./usr/lib/erlang/lib/foo-1.0/group-exec\n"
	"-rw-r--r-- ./usr/lib/erlang/lib/foo-1.0/link\n"
	"-rwxr-xr-x ./usr/lib/erlang/lib/foo-1.0/run\n"
	"drwxr-xr-x ./usr/lib/erlang/lib/foo-1.0/sub/\n"
	"-rw-r--r-- ./usr/lib/erlang/lib/foo-1.0/sub/big.bin\n"
	"-rw-r--r-- ./usr/lib/erlang/lib/foo-1.0/sub/empty\n"
	"-rw-r--r-- ./usr/lib/erlang/lib/foo-1.0/sub/exact.bin\n"
	"drwxr-xr-x ./usr/share/\n"
	"drwxr-xr-x ./usr/share/doc/\n"
	"drwxr-xr-x ./usr/share/doc/foo/\n"
	"-rw-r--r-- ./usr/share/doc/foo/changelog.Debian.gz\n"
	"-rw-r--r-- ./usr/share/doc/foo/copyright\n"
	"drwxr-xr-x ./usr/share/foo/\n"
	"-rw-r--r-- ./usr/share/foo/notes\n";

/* The files md5sums lists: all but the conffile. */
static const char *const sample_sums[] = {
	"usr/bin/foo",
	"usr/lib/erlang/lib/foo-1.0/data.txt",
	"usr/lib/erlang/lib/foo-1.0/group-exec",
	"usr/lib/erlang/lib/foo-1.0/link",
	"usr/lib/erlang/lib/foo-1.0/run",
	"usr/lib/erlang/lib/foo-1.0/sub/big.bin",
	"usr/lib/erlang/lib/foo-1.0/sub/empty",
	"usr/lib/erlang/lib/foo-1.0/sub/exact.bin",
	"usr/share/doc/foo/changelog.Debian.gz",
	"usr/share/doc/foo/copyright",
	"usr/share/foo/notes",
};

/* The control file of the sample (a new string). */
static char *
sample_control(void)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;

	erlrc_buf_addf(&b, "Package: foo\nVersion: 1.0-1\nArchitecture: all\n"
	    "Maintainer: %s\nInstalled-Size: %d\n", MAINTAINER, SAMPLE_KIB);
	erlrc_debpkg_description(&b, "a sample", "Nothing much.\n\nReally.");
	return erlrc_buf_detach(&b);
}

/* Adding a tree */

START_TEST(test_add_tree)
{
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out")), *path;
	struct stat st;

	stage_sample(&d, outdir);
	ck_assert_ptr_nonnull(d.stage);
	ck_assert_msg(strncmp(d.stage, outdir, strlen(outdir)) == 0 &&
	    strncmp(d.stage + strlen(outdir), "/.makedeb-", 10) == 0, "%s",
	    d.stage);
	check_staged(&d, "", 1, 0755, NULL);
	check_staged(&d, "/DEBIAN", 1, 0755, NULL);
	check_staged(&d, TREE, 1, 0755, NULL);
	check_staged(&d, TREE "/data.txt", 0, 0644, "some data\n");
	check_staged(&d, TREE "/run", 0, 0755, "#!/bin/sh\nexit 0\n");
	/* any execute bit makes it a program */
	check_staged(&d, TREE "/group-exec", 0, 0755, "x");
	check_staged(&d, TREE "/sub", 1, 0755, NULL);
	check_staged(&d, TREE "/sub/exact.bin", 0, 0644, NULL);
	check_staged(&d, TREE "/sub/empty", 0, 0644, "");
	/* a symbolic link is followed: its target copied as a file */
	check_staged(&d, TREE "/link", 0, 0644, "some data\n");
	path = staged(&d, TREE "/sub/big.bin");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 1025);
	free(path);
	/* the parents of the target path are made too */
	check_staged(&d, "/usr/lib/erlang", 1, 0755, NULL);
	CHECK_LISTING(d.stage, "DEBIAN etc usr");
	path = staged(&d, TREE);
	CHECK_LISTING(path, "data.txt group-exec link run sub");
	free(path);
	path = staged(&d, TREE "/sub");
	CHECK_LISTING(path, "big.bin empty exact.bin");
	free(path);
	check_missing(&d, TREE "/.git");
	check_missing(&d, TREE "/.gitignore");
	check_missing(&d, TREE "/sub/.gitignore");
	erlrc_debpkg_destroy(&d);
	free(outdir);
}
END_TEST

/* A FIFO cannot go into a package: an error that names it. */
START_TEST(test_add_tree_fifo)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *src = make_src(), *fifo, *want;

	fifo = erlrc_xpathjoin(src, "sub/pipe");
	ck_assert_int_eq(mkfifo(fifo, 0644), 0);
	ck_assert_msg(erlrc_debpkg_open(&d, erlrc_scratch_dir("out"),
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(erlrc_debpkg_add_tree(&d, src, TREE, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	want = erlrc_xasprintf("'%s' is neither a file nor a directory: it "
	    "cannot go into a package", fifo);
	ck_assert_str_eq(err.msg, want);
	check_missing(&d, TREE "/sub/pipe");
	erlrc_debpkg_destroy(&d);
	free(want);
	free(fifo);
	free(src);
}
END_TEST

START_TEST(test_add_tree_missing_src)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *src, *want;

	src = erlrc_xpathjoin(erlrc_scratch_top, "missing");
	ck_assert_msg(erlrc_debpkg_open(&d, erlrc_scratch_dir("out"),
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(erlrc_debpkg_add_tree(&d, src, TREE, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	want = erlrc_xasprintf("cannot read '%s': No such file or "
	    "directory", src);
	ck_assert_str_eq(err.msg, want);
	erlrc_debpkg_destroy(&d);
	free(want);
	free(src);
}
END_TEST

/* Files, conffiles, scripts */

START_TEST(test_add_files)
{
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out")), *path;

	stage_sample(&d, outdir);
	check_staged(&d, "/usr/bin", 1, 0755, NULL);
	check_staged(&d, "/usr/bin/foo", 0, 0755, "#!/bin/sh\n");
	check_staged(&d, "/usr/share/foo/notes", 0, 0644, "notes\n");
	check_staged(&d, "/etc/foo", 1, 0755, NULL);
	check_staged(&d, "/etc/foo/foo.conf", 0, 0644, "a = 1\n");
	ck_assert_uint_eq(d.nconffiles, 1);
	ck_assert_str_eq(d.conffiles[0], "/etc/foo/foo.conf");
	check_staged(&d, "/DEBIAN/postinst", 0, 0755,
	    "#!/bin/sh\nset -e\nexit 0\n");
	path = staged(&d, "/DEBIAN");
	CHECK_LISTING(path, "postinst");
	free(path);
	erlrc_debpkg_destroy(&d);
	free(outdir);
}
END_TEST

/* A file is added once: a second time is an error, the first kept. */
START_TEST(test_add_file_twice)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;

	ck_assert_msg(erlrc_debpkg_open(&d, erlrc_scratch_dir("out"),
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, "/etc/x", "1", 1, 0,
	    &err), 0);
	ck_assert_int_eq(erlrc_debpkg_add_conffile(&d, "/etc/x", "2", 1,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_ptr_nonnull(strstr(err.msg, "File exists"));
	ck_assert_uint_eq(d.nconffiles, 0);
	check_staged(&d, "/etc/x", 0, 0644, "1");
	erlrc_debpkg_destroy(&d);
}
END_TEST

/* Documentation */

static const struct docs_case {
	const char *version;
	time_t epoch;
	const char *changelog;	/* its name */
	const char *date;
} docs_cases[] = {
	{ "1.0", EPOCH, "changelog.gz", EPOCH_DATE },
	{ "1.0-1", EPOCH, "changelog.Debian.gz", EPOCH_DATE },
	{ "1:1.0-1", EPOCH, "changelog.Debian.gz", EPOCH_DATE },
	{ "1:1.0", EPOCH, "changelog.gz", EPOCH_DATE },
	{ "1.0-rc1-2", 0, "changelog.Debian.gz",
	    "Thu, 01 Jan 1970 00:00:00 +0000" },
	{ "2:1.0~rc1+dfsg", 86400 * 4 + 3661, "changelog.gz",
	    "Mon, 05 Jan 1970 01:01:01 +0000" },
};

START_TEST(test_add_docs)
{
	const struct docs_case *t = &docs_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	unsigned char head[10];
	char *copyright, *path, *dir, *want, *got, *ls, text[512];
	size_t len;
	gzFile gz;
	int n, fd;

	copyright = erlrc_xpathjoin(erlrc_scratch_dir("doc"), "LICENSE");
	write_file(copyright, "Some\nlicence\n", 13, 0604);
	ck_assert_msg(erlrc_debpkg_open(&d, erlrc_scratch_dir("out"),
	    &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_add_docs(&d, "erlang-foo", t->version,
	    MAINTAINER, t->epoch, copyright, NULL, "Packaged.", &err) == 0, "%s",
	    err.msg);

	dir = staged(&d, "/usr/share/doc/erlang-foo");
	ls = erlrc_xasprintf("%s copyright", t->changelog);
	CHECK_LISTING(dir, ls);
	check_staged(&d, "/usr/share/doc/erlang-foo/copyright", 0, 0644,
	    "Some\nlicence\n");

	path = erlrc_xpathjoin(dir, t->changelog);
	check_staged(&d, path + strlen(d.stage), 0, 0644, NULL);
	want = erlrc_xasprintf("erlang-foo (%s) unstable; urgency=medium\n\n"
	    "  * Packaged.\n\n -- " MAINTAINER "  %s\n", t->version, t->date);
	gz = gzopen(path, "rb");
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzdirect(gz), 0);
	n = gzread(gz, text, sizeof(text) - 1);
	ck_assert_int_ge(n, 0);
	text[n] = '\0';
	ck_assert_int_eq(gzclose(gz), Z_OK);
	ck_assert_str_eq(text, want);

	/* gzip -n: no name, no time, so the same text gives the same bytes */
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(read(fd, head, sizeof(head)), (ssize_t)sizeof(head));
	close(fd);
	ck_assert_int_eq(head[0], 0x1f);
	ck_assert_int_eq(head[1], 0x8b);
	ck_assert_int_eq(head[3], 0);		/* no FNAME, no FEXTRA */
	ck_assert_int_eq(head[4] | head[5] | head[6] | head[7], 0);

	/* and gzip itself reads it */
	free(want);
	want = erlrc_xasprintf("gzip -dc '%s'", path);
	got = run(want);
	ck_assert_str_eq(got, text);
	free(got);
	got = slurp(path, &len);
	ck_assert_uint_gt(len, 18);
	free(got);

	erlrc_debpkg_destroy(&d);
	free(want);
	free(path);
	free(ls);
	free(dir);
	free(copyright);
}
END_TEST

START_TEST(test_add_docs_no_copyright)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *copyright, *want, *dir;

	copyright = erlrc_xpathjoin(erlrc_scratch_top, "COPYING");
	ck_assert_msg(erlrc_debpkg_open(&d, erlrc_scratch_dir("out"),
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(erlrc_debpkg_add_docs(&d, "foo", "1.0", MAINTAINER,
	    EPOCH, copyright, NULL, "x", &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	want = erlrc_xasprintf("cannot read '%s': No such file or directory",
	    copyright);
	ck_assert_str_eq(err.msg, want);
	dir = staged(&d, "/usr/share/doc/foo");
	CHECK_LISTING(dir, "-");
	erlrc_debpkg_destroy(&d);
	free(dir);
	free(want);
	free(copyright);
}
END_TEST

/* ELF files */

START_TEST(test_has_elf)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	int has = 7;

	stage_sample(&d, outdir);
	ck_assert_msg(erlrc_debpkg_has_elf(&d, TREE, &has, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(has, 0);

	/* almost ELF, and ELF outside TREE: still not */
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, TREE "/priv/short",
	    "\177EL", 3, 0, &err), 0);
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, TREE "/priv/elg",
	    "\177ELG\2\1\1", 7, 0, &err), 0);
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, "/usr/lib/x.so",
	    "\177ELF\2\1\1", 7, 0, &err), 0);
	has = 7;
	ck_assert_msg(erlrc_debpkg_has_elf(&d, TREE, &has, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(has, 0);
	ck_assert_int_eq(erlrc_debpkg_has_elf(&d, "/usr/lib", &has, &err), 0);
	ck_assert_int_eq(has, 1);

	/* a NIF, deep down */
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, TREE "/priv/lib/nif.so",
	    "\177ELF\2\1\1", 7, 1, &err), 0);
	has = 7;
	ck_assert_msg(erlrc_debpkg_has_elf(&d, TREE, &has, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(has, 1);

	/* nothing there: nothing to find */
	has = 7;
	ck_assert_msg(erlrc_debpkg_has_elf(&d, TREE "/no/such", &has,
	    &err) == 0, "%s", err.msg);
	ck_assert_int_eq(has, 0);
	erlrc_debpkg_destroy(&d);
	free(outdir);
}
END_TEST

/* dpkg-shlibdeps */

/* ELF headers, up to e_type: 64-bit little-endian and 32-bit big-endian. */
#define ELF_LSB(type) "\177ELF\2\1\1\0\0\0\0\0\0\0\0\0" type "\0"
#define ELF_MSB(type) "\177ELF\1\2\1\0\0\0\0\0\0\0\0\0\0" type
#define ELF_LEN 18

/*
 * A dpkg-shlibdeps of our own, first in PATH, running BODY (sh) after it
 * wrote to SCRATCH/shlibdeps.log the directory it runs in, its arguments
 * and debian/control, a line each.  The log's path, a new string.
 */
static char *
fake_shlibdeps(const char *body)
{
	char *bin = erlrc_xstrdup(erlrc_scratch_dir("bin"));
	char *log = erlrc_xpathjoin(erlrc_scratch_top, "shlibdeps.log");
	char *prog = erlrc_xpathjoin(bin, "dpkg-shlibdeps");
	char *path = erlrc_xasprintf("%s:/usr/bin:/bin", bin);
	char *text = erlrc_xasprintf("#!/bin/sh\n{ pwd -P; for a; do "
	    "echo \"$a\"; done; cat debian/control; } >'%s'\n%s\n", log, body);

	write_file(prog, text, strlen(text), 0755);
	ck_assert_int_eq(setenv("PATH", path, 1), 0);
	free(text);
	free(path);
	free(prog);
	free(bin);
	return log;
}

/* The sample, and native code: what dpkg-shlibdeps is given and not. */
static void
stage_native(struct erlrc_debpkg *d, const char *outdir)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	static const struct {
		const char *dest, *data;
		size_t len;
	} files[] = {
		{ TREE "/priv/nif.so", ELF_LSB("\3"), ELF_LEN },
		{ TREE "/priv/lib/port", ELF_MSB("\2"), ELF_LEN },
		/* an object file, and one too short to say: no libraries */
		{ TREE "/priv/obj.o", ELF_LSB("\1"), ELF_LEN },
		{ TREE "/priv/short", "\177ELF\2\1\1", 7 },
		/* outside TREE */
		{ "/usr/lib/x.so", ELF_LSB("\3"), ELF_LEN },
	};
	size_t i;

	stage_sample(d, outdir);
	for (i = 0; i < COUNT(files); i++)
		ck_assert_msg(erlrc_debpkg_add_file(d, files[i].dest,
		    files[i].data, files[i].len, 0, &err) == 0, "%s", err.msg);
}

/*
 * What dpkg-shlibdeps is given: the ELF executables and shared objects
 * of TREE, each joined to its -e, in name order, with --admindir when
 * asked; it runs in the private directory beside the stage, which has
 * a debian/control for it.  Its Depends is the value of its line
 * shlibs:Depends, whatever else it prints.
 */
START_TEST(test_shlibdeps_args)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *log = fake_shlibdeps("echo 'dpkg-shlibdeps: warning: noise' >&2"
	    "\nprintf 'misc:Depends=x\\nshlibs:Depends=libfoo1 (>= 1.2), "
	    "libbar2\\nshlibs:Recommends=y\\n'");
	char *depends = NULL, *got, *want, *work, *root, *dir, *cwd;

	stage_native(&d, outdir);
	work = realpath(d.work, NULL);
	root = realpath(d.stage, NULL);
	ck_assert_msg(erlrc_debpkg_shlibdeps(&d, TREE, "foo", "/var/lib/dpkg",
	    &depends, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(depends, "libfoo1 (>= 1.2), libbar2");
	got = slurp(log, NULL);
	want = erlrc_xasprintf("%s/shlibdeps\n--admindir=/var/lib/dpkg\n-O\n"
	    "-e%s%s/priv/lib/port\n-e%s%s/priv/nif.so\n"
	    "Source: foo\n\nPackage: foo\nArchitecture: any\n", work, root,
	    TREE, root, TREE);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(depends);
	/* not in the package, not in the output directory */
	check_missing(&d, "/debian");
	dir = erlrc_xasprintf("%s", strrchr(d.work, '/') + 1);
	CHECK_LISTING(outdir, dir);
	CHECK_LISTING(d.work, "root shlibdeps");
	free(dir);

	/* again, without an admindir, for another package */
	ck_assert_msg(erlrc_debpkg_shlibdeps(&d, TREE, "bar", NULL, &depends,
	    &err) == 0, "%s", err.msg);
	got = slurp(log, NULL);
	want = erlrc_xasprintf("%s/shlibdeps\n-O\n-e%s%s/priv/lib/port\n"
	    "-e%s%s/priv/nif.so\nSource: bar\n\nPackage: bar\n"
	    "Architecture: any\n", work, root, TREE, root, TREE);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	free(depends);

	/* a relative admindir is relative to our directory, not its */
	cwd = getcwd(NULL, 0);
	ck_assert_ptr_nonnull(cwd);
	ck_assert_msg(erlrc_debpkg_shlibdeps(&d, TREE, "foo", "db/dpkg",
	    &depends, &err) == 0, "%s", err.msg);
	got = slurp(log, NULL);
	want = erlrc_xasprintf("%s/shlibdeps\n--admindir=%s/db/dpkg\n-O\n",
	    work, cwd);
	ck_assert_msg(strncmp(got, want, strlen(want)) == 0, "%s", got);
	free(got);
	free(want);
	free(depends);
	free(cwd);
	erlrc_debpkg_destroy(&d);
	free(work);
	free(root);
	free(log);
	free(outdir);
}
END_TEST

/* What it prints, and the Depends made of it. */
static const struct shlibs_case {
	const char *body;	/* of the fake dpkg-shlibdeps */
	const char *dest;
	int ret;
	enum erlrc_errcode code;
	const char *want;	/* *DEPENDS, or the message */
} shlibs_cases[] = {
	{ "echo 'shlibs:Depends=libc6 (>= 2.34)'", TREE, 0, ERLRC_ERR_NONE,
	    "libc6 (>= 2.34)" },
	/* a static executable: no line, or an empty one */
	{ "true", TREE, 0, ERLRC_ERR_NONE, "" },
	{ "echo shlibs:Depends=", TREE, 0, ERLRC_ERR_NONE, "" },
	{ "printf 'shlibs:Depends=libc6'", TREE, 0, ERLRC_ERR_NONE, "libc6" },
	/* nothing to read: not run at all */
	{ "exit 9", TREE "/ebin", 0, ERLRC_ERR_NONE, "" },
	{ "exit 9", TREE "/no/such", 0, ERLRC_ERR_NONE, "" },
	{ "echo 'dpkg-shlibdeps: error: no dependency information found for "
	    "/usr/lib/libx.so.1' >&2; exit 2", TREE, -1, ERLRC_ERR_FAILED,
	    "cannot find the libraries that the ELF files in " TREE " link "
	    "with: dpkg-shlibdeps exited with status 2: dpkg-shlibdeps: "
	    "error: no dependency information found for /usr/lib/libx.so.1" },
	{ "kill -TERM $$", TREE, -1, ERLRC_ERR_FAILED,
	    "cannot find the libraries that the ELF files in " TREE " link "
	    "with: dpkg-shlibdeps was killed by signal 15" },
};

START_TEST(test_shlibdeps_output)
{
	const struct shlibs_case *t = &shlibs_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *log = fake_shlibdeps(t->body), *depends = NULL;

	stage_native(&d, outdir);
	ck_assert_int_eq(erlrc_debpkg_shlibdeps(&d, t->dest, "foo", NULL,
	    &depends, &err), t->ret);
	ck_assert_int_eq(err.code, t->code);
	if (t->ret == 0)
		ck_assert_str_eq(depends, t->want);
	else {
		ck_assert_ptr_null(depends);
		ck_assert_str_eq(err.msg, t->want);
	}
	erlrc_debpkg_destroy(&d);
	free(depends);
	free(log);
	free(outdir);
}
END_TEST

/* dpkg-dev not installed: could not try, and what to install. */
START_TEST(test_shlibdeps_missing)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *depends = NULL;

	stage_native(&d, outdir);
	ck_assert_int_eq(setenv("PATH", erlrc_scratch_dir("empty"), 1), 0);
	ck_assert_int_eq(erlrc_debpkg_shlibdeps(&d, TREE, "foo", NULL,
	    &depends, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, "the ELF files in " TREE " need "
	    "dpkg-shlibdeps to find the libraries they link with, and it is "
	    "not installed: install dpkg-dev");
	ck_assert_ptr_null(depends);
	erlrc_debpkg_destroy(&d);
	free(outdir);
}
END_TEST

/* The real one, on a real executable: at least libc6. */
START_TEST(test_shlibdeps_real)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *depends = NULL;
	struct erlrc_buf exe = ERLRC_BUF_INIT;

	ck_assert_msg(erlrc_buf_read_file(&exe, "/bin/true", &err) == 0, "%s",
	    err.msg);
	stage_sample(&d, outdir);
	ck_assert_msg(erlrc_debpkg_add_file(&d, TREE "/priv/true", exe.s,
	    exe.len, 1, &err) == 0, "%s", err.msg);
	ck_assert_msg(erlrc_debpkg_shlibdeps(&d, TREE, "foo", NULL, &depends,
	    &err) == 0, "%s", err.msg);
	ck_assert_msg(strncmp(depends, "libc6 (>= ", 10) == 0, "Depends: %s",
	    depends);
	erlrc_debpkg_destroy(&d);
	erlrc_buf_destroy(&exe);
	free(depends);
	free(outdir);
}
END_TEST

/* Installed-Size */

START_TEST(test_installed_size)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out")), *big;
	unsigned long kib = 7;

	ck_assert_msg(erlrc_debpkg_open(&d, outdir, &err) == 0, "%s",
	    err.msg);
	/* DEBIAN does not count, nor does the root */
	ck_assert_int_eq(erlrc_debpkg_add_script(&d, "postinst", "#!/bin/sh\n",
	    &err), 0);
	ck_assert_int_eq(erlrc_debpkg_installed_size(&d, &kib, &err), 0);
	ck_assert_uint_eq(kib, 0);
	erlrc_debpkg_destroy(&d);

	stage_sample(&d, outdir);
	ck_assert_msg(erlrc_debpkg_installed_size(&d, &kib, &err) == 0, "%s",
	    err.msg);
	ck_assert_uint_eq(kib, SAMPLE_KIB);

	/* 3 MiB and a byte: 3073 KiB, and /var, /var/lib: 2 more */
	big = erlrc_xmalloc(3 * 1024 * 1024 + 1);
	memset(big, 'b', 3 * 1024 * 1024 + 1);
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, "/var/lib/big", big,
	    3 * 1024 * 1024 + 1, 0, &err), 0);
	ck_assert_int_eq(erlrc_debpkg_installed_size(&d, &kib, &err), 0);
	ck_assert_uint_eq(kib, SAMPLE_KIB + 3073 + 2);
	free(big);
	erlrc_debpkg_destroy(&d);
	free(outdir);
}
END_TEST

/* Building */

/* The md5sums dpkg-deb should show: sums of the staged files, sorted. */
static char *
expected_sums(const struct erlrc_debpkg *d)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char hex[MD5_DIGEST_STRING_LENGTH], *path, *data;
	size_t i, len;

	for (i = 0; i < COUNT(sample_sums); i++) {
		path = erlrc_xasprintf("%s/%s", d->stage, sample_sums[i]);
		data = slurp(path, &len);
		MD5Data((const uint8_t *)data, len, hex);
		erlrc_buf_addf(&b, "%s  %s\n", hex, sample_sums[i]);
		free(data);
		free(path);
	}
	erlrc_buf_addc(&b, '\0');
	sort_lines(b.s);
	return erlrc_buf_detach(&b);
}

/*
 * What dpkg-deb -c lists, as "MODE PATH" lines, sorted; every entry
 * must be root's and dated EPOCH (mtimes clamped).
 */
static char *
contents(const char *deb)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *cmd, *out, *line, *save = NULL;
	char mode[16], owner[64], day[16], hm[16], path[PATH_MAX];
	unsigned long size;

	cmd = erlrc_xasprintf("TZ=UTC dpkg-deb -c '%s'", deb);
	out = run(cmd);
	for (line = strtok_r(out, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		ck_assert_msg(sscanf(line, "%15s %63s %lu %15s %15s %4095s",
		    mode, owner, &size, day, hm, path) == 6, "%s", line);
		ck_assert_msg(strcmp(owner, "root/root") == 0, "%s", line);
		ck_assert_msg(strncmp(day, EPOCH_LISTED, 10) == 0 &&
		    strcmp(hm, EPOCH_LISTED + 11) == 0, "%s", line);
		erlrc_buf_addf(&b, "%s %s\n", mode, path);
	}
	erlrc_buf_addc(&b, '\0');
	sort_lines(b.s);
	free(out);
	free(cmd);
	return erlrc_buf_detach(&b);
}

/* The control file NAME of DEB, as dpkg-deb -I shows it (new string). */
static char *
control_file(const char *deb, const char *name)
{
	char *cmd = erlrc_xasprintf("dpkg-deb -I '%s' %s", deb, name);
	char *out = run(cmd);

	free(cmd);
	return out;
}

START_TEST(test_build)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *control = sample_control(), *deb, *want, *got, *sums;

	stage_sample(&d, outdir);
	sums = expected_sums(&d);
	ck_assert_msg(erlrc_debpkg_build(&d, control, DEB_NAME, EPOCH, &deb,
	    &err) == 0, "%s", err.msg);
	want = erlrc_xasprintf("%s/%s", outdir, DEB_NAME);
	ck_assert_str_eq(deb, want);
	free(want);

	got = control_file(deb, "control");
	ck_assert_str_eq(got, control);
	free(got);
	got = control_file(deb, "md5sums");
	sort_lines(got);
	ck_assert_str_eq(got, sums);
	ck_assert_ptr_null(strstr(got, "foo.conf"));
	free(got);
	got = control_file(deb, "conffiles");
	ck_assert_str_eq(got, "/etc/foo/foo.conf\n");
	free(got);
	got = control_file(deb, "postinst");
	ck_assert_str_eq(got, "#!/bin/sh\nset -e\nexit 0\n");
	free(got);
	got = contents(deb);
	want = erlrc_xstrdup(sample_contents);
	sort_lines(want);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);

	/* the .deb beside the staging directory until destroy */
	ck_assert_ptr_nonnull(d.stage);
	want = erlrc_xasprintf("%s %s", strrchr(d.work, '/') + 1, DEB_NAME);
	CHECK_LISTING(outdir, want);
	free(want);
	erlrc_debpkg_destroy(&d);
	ck_assert_ptr_null(d.stage);
	CHECK_LISTING(outdir, DEB_NAME);

	free(sums);
	free(deb);
	free(control);
	free(outdir);
}
END_TEST

/* No conffile: no conffiles list at all, not an empty one. */
START_TEST(test_build_no_conffiles)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out")), *deb, *got;
	char *cmd, *ctrl;

	ck_assert_msg(erlrc_debpkg_open(&d, outdir, &err) == 0, "%s",
	    err.msg);
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, "/usr/share/x/y", "y\n", 2,
	    0, &err), 0);
	ck_assert_msg(erlrc_debpkg_build(&d, "Package: x\nVersion: 1\n"
	    "Architecture: all\nMaintainer: " MAINTAINER "\nDescription: x\n",
	    "x_1_all.deb", EPOCH, &deb, &err) == 0, "%s", err.msg);
	ctrl = erlrc_xpathjoin(erlrc_scratch_dir("ctrl"), "DEBIAN");
	cmd = erlrc_xasprintf("dpkg-deb -e '%s' '%s'", deb, ctrl);
	free(run(cmd));
	CHECK_LISTING(ctrl, "control md5sums");
	got = control_file(deb, "md5sums");
	ck_assert_str_eq(got, "009520053b00386d1173f3988c55d192  "
	    "usr/share/x/y\n");
	free(got);
	erlrc_debpkg_destroy(&d);
	CHECK_LISTING(outdir, "x_1_all.deb");
	free(ctrl);
	free(cmd);
	free(deb);
	free(outdir);
}
END_TEST

/* The same inputs and epoch give the same bytes, whatever the mtimes. */
START_TEST(test_build_reproducible)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	struct timespec times[2];
	char *outdir[2], *deb[2], *bytes[2], *control = sample_control();
	char *path;
	size_t len[2];
	int i;

	for (i = 0; i < 2; i++) {
		outdir[i] = erlrc_xstrdup(erlrc_scratch_dir("out"));
		stage_sample(&d, outdir[i]);
		if (i == 1) {
			/* younger than EPOCH, older than now */
			times[0].tv_sec = times[1].tv_sec = EPOCH + 12345;
			times[0].tv_nsec = times[1].tv_nsec = 0;
			path = staged(&d, TREE "/data.txt");
			ck_assert_int_eq(utimensat(AT_FDCWD, path, times, 0),
			    0);
			free(path);
		}
		ck_assert_msg(erlrc_debpkg_build(&d, control, DEB_NAME, EPOCH,
		    &deb[i], &err) == 0, "%s", err.msg);
		erlrc_debpkg_destroy(&d);
		bytes[i] = slurp(deb[i], &len[i]);
	}
	ck_assert_uint_gt(len[0], 0);
	ck_assert_msg(len[0] == len[1] && memcmp(bytes[0], bytes[1],
	    len[0]) == 0, "%s and %s differ", deb[0], deb[1]);
	for (i = 0; i < 2; i++) {
		free(bytes[i]);
		free(deb[i]);
		free(outdir[i]);
	}
	free(control);
}
END_TEST

/* dpkg-deb refuses a control file without Package: nothing is left. */
START_TEST(test_build_fails)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *deb = (char *)"x", *want;

	stage_sample(&d, outdir);
	ck_assert_int_eq(erlrc_debpkg_build(&d, "Version: 1.0-1\n"
	    "Architecture: all\nMaintainer: " MAINTAINER "\n"
	    "Description: x\n", DEB_NAME, EPOCH, &deb, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_FAILED);
	ck_assert_ptr_null(deb);
	ck_assert_msg(strncmp(err.msg, "dpkg-deb exited with status 2: "
	    "dpkg-deb: error: ", 41) == 0, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "missing 'Package' field") != NULL,
	    "%s", err.msg);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	want = erlrc_xasprintf("%s", strrchr(d.work, '/') + 1);
	CHECK_LISTING(outdir, want);
	erlrc_debpkg_destroy(&d);
	CHECK_LISTING(outdir, "");
	free(want);
	free(outdir);
}
END_TEST

/*
 * dpkg-deb refuses a file name with a newline only once it has begun
 * writing the .deb: the half-written file is removed too.
 */
START_TEST(test_build_fails_late)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	char *control = sample_control(), *deb = (char *)"x", *want;

	stage_sample(&d, outdir);
	ck_assert_int_eq(erlrc_debpkg_add_file(&d, "/usr/share/foo/a\nb", "",
	    0, 0, &err), 0);
	ck_assert_int_eq(erlrc_debpkg_build(&d, control, DEB_NAME, EPOCH, &deb,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_FAILED);
	ck_assert_ptr_null(deb);
	ck_assert_msg(strncmp(err.msg, "dpkg-deb exited with status 2: ",
	    31) == 0, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "newline not allowed") != NULL, "%s",
	    err.msg);
	want = erlrc_xasprintf("%s", strrchr(d.work, '/') + 1);
	CHECK_LISTING(outdir, want);
	erlrc_debpkg_destroy(&d);
	CHECK_LISTING(outdir, "");
	free(want);
	free(control);
	free(outdir);
}
END_TEST

/* Opening */

START_TEST(test_open_missing_outdir)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *outdir, *want;

	outdir = erlrc_xpathjoin(erlrc_scratch_top, "missing");
	ck_assert_int_eq(erlrc_debpkg_open(&d, outdir, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	want = erlrc_xasprintf("cannot create a directory in '%s': No such "
	    "file or directory", outdir);
	ck_assert_str_eq(err.msg, want);
	ck_assert_ptr_null(d.stage);
	erlrc_debpkg_destroy(&d);	/* safe after a failed open */
	CHECK_LISTING(outdir, "-");
	free(want);
	free(outdir);
}
END_TEST

/* Target paths */

static const char *const bad_dests[] = {
	"usr/bin/x",
	"",
	"x",
	"/usr/../etc/x",
	"/../x",
	"/usr/./x",
	"/./x",
};

START_TEST(test_bad_dest)
{
	const char *dest = bad_dests[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *src = make_src(), *outdir, *want;
	int has = 7;

	outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	want = erlrc_xasprintf("bad target path '%s'", dest);
	ck_assert_msg(erlrc_debpkg_open(&d, outdir, &err) == 0, "%s",
	    err.msg);

	ck_assert_int_eq(erlrc_debpkg_add_file(&d, dest, "x", 1, 0, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, want);

	erlrc_error_clear(&err);
	ck_assert_int_eq(erlrc_debpkg_add_conffile(&d, dest, "x", 1, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, want);
	ck_assert_uint_eq(d.nconffiles, 0);

	erlrc_error_clear(&err);
	ck_assert_int_eq(erlrc_debpkg_add_tree(&d, src, dest, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, want);

	erlrc_error_clear(&err);
	ck_assert_int_eq(erlrc_debpkg_has_elf(&d, dest, &has, &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(has, 0);

	/* nothing staged, nothing written beside */
	CHECK_LISTING(d.stage, "DEBIAN");
	free(want);
	want = erlrc_xasprintf("%s", strrchr(d.work, '/') + 1);
	CHECK_LISTING(outdir, want);
	erlrc_debpkg_destroy(&d);
	free(want);
	free(outdir);
	free(src);
}
END_TEST

/*
 * A target path whose last part is ".." or "." would put SRC outside the
 * package (OUTDIR itself, for "/.."): refused like the others.
 */
static const char *const escaping_dests[] = {
	"/..",
	"/usr/..",
};

START_TEST(test_bad_dest_at_end)
{
	const char *dest = escaping_dests[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_debpkg d;
	char *src = make_src(), *outdir, *want;
	struct stat st;
	int rc;

	outdir = erlrc_xstrdup(erlrc_scratch_dir("out"));
	ck_assert_int_eq(chmod(outdir, 0700), 0);
	ck_assert_msg(erlrc_debpkg_open(&d, outdir, &err) == 0, "%s",
	    err.msg);
	want = erlrc_xasprintf("%s", strrchr(d.work, '/') + 1);
	rc = erlrc_debpkg_add_tree(&d, src, dest, &err);
	CHECK_LISTING(outdir, want);
	ck_assert_int_eq(stat(outdir, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0700);
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	erlrc_debpkg_destroy(&d);
	free(want);
	free(outdir);
	free(src);
}
END_TEST

/* A copyright file from a .app's licenses */

static const struct license_case {
	const char *licenses;	/* the term */
	const char *want;	/* in the output, or the error's start */
	int ok;
} license_cases[] = {
	{ "[\"Apache-2.0\"]", "Copyright: 2026 the authors of foo\n"
	  "License: Apache-2.0\n\nLicense: Apache-2.0\n On Debian systems, "
	  "the complete text of the Apache License, Version 2.0 can be found "
	  "in\n /usr/share/common-licenses/Apache-2.0.\n", 1 },
	/* as erlang-p1-tls's fast_tls.app writes it */
	{ "[\"Apache 2.0\"]", "License: Apache-2.0\n", 1 },
	{ "[\"GPL-2.0-or-later\", \"MPL-2.0\"]",
	  "License: GPL-2.0-or-later or MPL-2.0\n", 1 },
	{ "[\"MIT\"]", "foo.app says the license 'MIT', whose text Debian "
	  "does not ship in /usr/share/common-licenses", 0 },
	{ "[]", "foo.app says no licenses", 0 },
	{ "\"Apache-2.0\"", "foo.app: licenses is one string, not a list of "
	  "them: write {licenses, [\"Apache-2.0\"]}", 0 },
	/* said twice: once */
	{ "[\"GPL-2.0-or-later\", \"GPLv2+\"]", "License: GPL-2.0-or-later\n"
	  "\nLicense: GPL-2.0-or-later\n On Debian", 1 },
	{ "[apache]", "foo.app: licenses must be a list of SPDX identifiers",
	  0 },
};

START_TEST(test_license)
{
	const struct license_case *t = &license_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	struct erlrc_termfile tf;
	char *text = erlrc_xasprintf("%s.\n", t->licenses);

	erlrc_termfile_init(&tf);
	ck_assert_msg(erlrc_term_parse(&tf, "t", text, strlen(text),
	    &err) == 0, "%s", err.msg);
	if (t->ok) {
		ck_assert_msg(erlrc_license_copyright("foo", "foo.app", 2026,
		    tf.terms[0], &out, &err) == 0, "%s", err.msg);
		ck_assert_msg(strncmp(erlrc_buf_str(&out), "Format: https://"
		    "www.debian.org/doc/packaging-manuals/copyright-format/"
		    "1.0/\n", 70) == 0, "%s", erlrc_buf_str(&out));
		ck_assert_msg(strstr(erlrc_buf_str(&out), t->want), "%s",
		    erlrc_buf_str(&out));
	} else {
		ck_assert_int_eq(erlrc_license_copyright("foo", "foo.app",
		    2026, tf.terms[0], &out, &err), -1);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		ck_assert_msg(strncmp(err.msg, t->want, strlen(t->want)) == 0,
		    "%s", err.msg);
	}
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&tf);
	free(text);
}
END_TEST

Suite *
erlrc_test_debpkg_suite(void)
{
	Suite *s = suite_create("debpkg");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_loop_test(tc, test_name_ok, 0, COUNT(name_cases));
	tcase_add_loop_test(tc, test_description, 0,
	    COUNT(description_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("stage");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_add_test(tc, test_add_tree);
	tcase_add_test(tc, test_add_tree_fifo);
	tcase_add_test(tc, test_add_tree_missing_src);
	tcase_add_test(tc, test_add_files);
	tcase_add_test(tc, test_add_file_twice);
	tcase_add_loop_test(tc, test_add_docs, 0, COUNT(docs_cases));
	tcase_add_test(tc, test_add_docs_no_copyright);
	tcase_add_test(tc, test_has_elf);
	tcase_add_test(tc, test_installed_size);
	tcase_add_test(tc, test_open_missing_outdir);
	tcase_add_loop_test(tc, test_bad_dest, 0, COUNT(bad_dests));
	tcase_add_loop_test(tc, test_bad_dest_at_end, 0,
	    COUNT(escaping_dests));
	suite_add_tcase(s, tc);

	/* dpkg-shlibdeps takes a second or two */
	tc = tcase_create("shlibdeps");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_shlibdeps_args);
	tcase_add_loop_test(tc, test_shlibdeps_output, 0,
	    COUNT(shlibs_cases));
	tcase_add_test(tc, test_shlibdeps_missing);
	tcase_add_test(tc, test_shlibdeps_real);
	suite_add_tcase(s, tc);

	tc = tcase_create("build");
	tcase_add_unchecked_fixture(tc, erlrc_scratch_setup,
	    erlrc_scratch_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_build_no_conffiles);
	tcase_add_test(tc, test_build_reproducible);
	tcase_add_test(tc, test_build_fails);
	tcase_add_test(tc, test_build_fails_late);
	suite_add_tcase(s, tc);

	tc = tcase_create("license");
	tcase_add_loop_test(tc, test_license, 0,
	    sizeof(license_cases) / sizeof(license_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}
