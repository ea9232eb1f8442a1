/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_tree.c - unit tests of tree.c */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/tree.h>
#include <erlrc/xalloc.h>

#include "scratch.h"
#include "suites.h"

#define OTHER_UID 12345
#define BIG_SIZE 200000	/* more than tree.c copies at a time */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A second file system for the copy (not link) path; "" when none. */
static char other_top[PATH_MAX / 2];

/* Make PATH and everything under it writable, so it can be removed. */
static void
make_removable(const char *path)
{
	struct dirent *de;
	struct stat st;
	char *sub;
	DIR *d;

	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return;
	(void)chmod(path, 0700);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = erlrc_xpathjoin(path, de->d_name);
		make_removable(sub);
		free(sub);
	}
	closedir(d);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void
remove_all(const char *path)
{
	make_removable(path);
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
tree_setup(void)
{
	erlrc_scratch_setup();
	snprintf(other_top, sizeof(other_top), "/dev/shm/erlrc-unit.XXXXXX");
	if (!mkdtemp(other_top))
		other_top[0] = '\0';
}

static void
tree_teardown(void)
{
	make_removable(erlrc_scratch_top);
	erlrc_scratch_teardown();
	if (other_top[0])
		remove_all(other_top);
}

/*
 * A new directory on another file system than the scratch directory, or
 * NULL (with a note on stderr) when there is none: /dev/shm is usually a
 * tmpfs while TMPDIR is on disk.
 */
static const char *
other_fs_dir(const char *test)
{
	static char dir[PATH_MAX];
	struct stat a, b;

	if (!other_top[0] || stat(other_top, &a) < 0 ||
	    stat(erlrc_scratch_top, &b) < 0 || a.st_dev == b.st_dev) {
		fprintf(stderr, "%s: skipped: /dev/shm is missing or on the "
		    "same file system as %s\n", test, erlrc_scratch_top);
		return NULL;
	}
	snprintf(dir, sizeof(dir), "%s/src.XXXXXX", other_top);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

/* Give PATH and everything under it to OTHER_UID. */
static void
give_away(const char *path)
{
	struct dirent *de;
	struct stat st;
	char *sub;
	DIR *d;

	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert_int_eq(lchown(path, OTHER_UID, OTHER_UID), 0);
	if (S_ISLNK(st.st_mode))
		return;
	/* chown clears the set-user-ID bit */
	ck_assert_int_eq(chmod(path, st.st_mode & 07777), 0);
	if (!S_ISDIR(st.st_mode))
		return;
	d = opendir(path);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = erlrc_xpathjoin(path, de->d_name);
		give_away(sub);
		free(sub);
	}
	closedir(d);
}

/*
 * As root, go on as OTHER_UID, owner of A and B (either may be NULL), so
 * that permissions count; as a user, nothing to do.  back_to_root()
 * undoes it after the test.
 */
static void
drop_root(const char *a, const char *b)
{
	if (geteuid() != 0)
		return;
	if (a)
		give_away(a);
	if (b)
		give_away(b);
	ck_assert_int_eq(chmod(erlrc_scratch_top, 0711), 0);
	if (other_top[0])
		ck_assert_int_eq(chmod(other_top, 0711), 0);
	ck_assert_int_eq(seteuid(OTHER_UID), 0);
}

/*
 * A checked teardown: in the test's process, after it passed.  Also
 * LeakSanitizer, which runs at exit, cannot trace a process that changed
 * its effective uid, unless that is root.
 */
static void
back_to_root(void)
{
	if (getuid() == 0 && geteuid() != 0)
		ck_assert_int_eq(seteuid(0), 0);
}

/* A sample application directory. */

static const struct entry {
	const char *path;
	char type;		/* 'd'ir, 'f'ile, 'b'ig file, 'l'ink */
	mode_t mode;
	const char *data;	/* a file's contents, a link's target */
	size_t len;		/* of data if it holds NULs, else 0 */
} sample[] = {
	{ "ebin", 'd', 0755, NULL, 0 },
	{ "ebin/foo.app", 'f', 0644, "{application,foo,[]}.\n", 0 },
	{ "ebin/foo.beam", 'f', 0444, "FOR1\0\0\0\x10" "BEAM", 12 },
	{ "priv", 'd', 0750, NULL, 0 },
	{ "priv/bin", 'd', 0555, NULL, 0 },
	{ "priv/bin/run", 'f', 0755, "#!/bin/sh\nexit 0\n", 0 },
	{ "priv/bin/helper", 'f', 04710, "setuid\n", 0 },
	{ "priv/empty", 'd', 0700, NULL, 0 },
	{ "priv/empty.txt", 'f', 0600, "", 0 },
	{ "priv/big.dat", 'b', 0640, NULL, 0 },
	{ "priv/lib.so", 'l', 0, "../ebin/foo.beam", 0 },
	{ "priv/dangling", 'l', 0, "no/such/file", 0 },
	{ "README", 'f', 0640, "read me\n", 0 },
};

#define SAMPLE_MODE 0751

static void
big_data(struct erlrc_buf *b)
{
	size_t i;

	for (i = 0; i < BIG_SIZE; i++)
		erlrc_buf_addc(b, (char)('a' + i * 7 % 26));
}

static void
write_file(const char *path, const char *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, data, len), (ssize_t)len);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	ck_assert_int_eq(close(fd), 0);
}

static size_t
entry_len(const struct entry *e)
{
	return e->len ? e->len : strlen(e->data);
}

/* Fill DIR with the sample; directories get their modes last. */
static void
make_sample(const char *dir)
{
	struct erlrc_buf big = ERLRC_BUF_INIT;
	const struct entry *e;
	char *path;
	size_t i;

	big_data(&big);
	for (i = 0; i < COUNT(sample); i++) {
		e = &sample[i];
		path = erlrc_xpathjoin(dir, e->path);
		if (e->type == 'd')
			ck_assert_int_eq(mkdir(path, 0700), 0);
		else if (e->type == 'f')
			write_file(path, e->data, entry_len(e), e->mode);
		else if (e->type == 'b')
			write_file(path, big.s, big.len, e->mode);
		else
			ck_assert_int_eq(symlink(e->data, path), 0);
		free(path);
	}
	for (i = COUNT(sample); i-- > 0;) {
		e = &sample[i];
		if (e->type != 'd')
			continue;
		path = erlrc_xpathjoin(dir, e->path);
		ck_assert_int_eq(chmod(path, e->mode), 0);
		free(path);
	}
	ck_assert_int_eq(chmod(dir, SAMPLE_MODE), 0);
	erlrc_buf_destroy(&big);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A new sample application directory under the scratch directory. */
static char *
new_sample(void)
{
	char *dir = erlrc_xstrdup(erlrc_scratch_dir("src"));

	make_sample(dir);
	return dir;
}

static size_t
count_entries(const char *dir)
{
	struct dirent *de;
	struct stat st;
	size_t n = 0;
	char *sub;
	DIR *d;

	d = opendir(dir);
	ck_assert_msg(d != NULL, "%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		n++;
		sub = erlrc_xpathjoin(dir, de->d_name);
		ck_assert_int_eq(lstat(sub, &st), 0);
		if (S_ISDIR(st.st_mode))
			n += count_entries(sub);
		free(sub);
	}
	closedir(d);
	return n;
}

static void
check_contents(const char *path, const char *want, size_t len)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;

	ck_assert_msg(erlrc_buf_read_file(&b, path, &err) == 0, "%s",
	    err.msg);
	ck_assert_msg(b.len == len && memcmp(b.s ? b.s : "", want, len) == 0,
	    "%s: wrong contents", path);
	erlrc_buf_destroy(&b);
}

/*
 * Check that DEST holds the sample as SRC does, with files linked to
 * SRC's when LINKED, copied otherwise.
 */
static void
check_sample(const char *dest, const char *src, int linked)
{
	struct erlrc_buf big = ERLRC_BUF_INIT;
	struct stat st, sst;
	char target[PATH_MAX];
	const struct entry *e;
	char *path, *spath;
	ssize_t len;
	size_t i;

	big_data(&big);
	ck_assert_int_eq(lstat(dest, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, SAMPLE_MODE);
	for (i = 0; i < COUNT(sample); i++) {
		e = &sample[i];
		path = erlrc_xpathjoin(dest, e->path);
		spath = erlrc_xpathjoin(src, e->path);
		ck_assert_msg(lstat(path, &st) == 0, "%s: %s", path,
		    strerror(errno));
		ck_assert_int_eq(lstat(spath, &sst), 0);
		switch (e->type) {
		case 'd':
			ck_assert_msg(S_ISDIR(st.st_mode), "%s", path);
			ck_assert_msg((st.st_mode & 07777) == e->mode,
			    "%s: mode %o", path, st.st_mode & 07777);
			break;
		case 'f':
		case 'b':
			ck_assert_msg(S_ISREG(st.st_mode), "%s", path);
			ck_assert_msg((st.st_mode & 07777) == e->mode,
			    "%s: mode %o", path, st.st_mode & 07777);
			if (e->type == 'f')
				check_contents(path, e->data, entry_len(e));
			else
				check_contents(path, big.s, big.len);
			if (linked) {
				ck_assert_msg(st.st_dev == sst.st_dev &&
				    st.st_ino == sst.st_ino,
				    "%s: not a hard link", path);
			} else {
				ck_assert_msg(st.st_dev != sst.st_dev,
				    "%s: same device", path);
				ck_assert_uint_eq(st.st_nlink, 1);
			}
			break;
		default:
			ck_assert_msg(S_ISLNK(st.st_mode), "%s", path);
			len = readlink(path, target, sizeof(target) - 1);
			ck_assert_int_ge(len, 0);
			target[len] = '\0';
			ck_assert_str_eq(target, e->data);
			break;
		}
		free(path);
		free(spath);
	}
	ck_assert_uint_eq(count_entries(dest), COUNT(sample));
	erlrc_buf_destroy(&big);
}

static char *
new_libdir(void)
{
	/* two levels that do not exist yet: copy makes them */
	return erlrc_xpathjoin(erlrc_scratch_dir("state"), "a/lib");
}

/* "NAME+ID", ID the content id of DIR (new string). */
static char *
copy_name(const char *dir, const char *name)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char id[ERLRC_TREE_ID_LEN + 1];

	ck_assert_msg(erlrc_tree_digest(dir, id, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(strlen(id), ERLRC_TREE_ID_LEN);
	return erlrc_xasprintf("%s+%s", name, id);
}

/* Copying */

START_TEST(test_copy_linked)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = new_sample(), *libdir = new_libdir(), *dest, *want;

	char *box = copy_name(src, "foo-1.0");

	ck_assert_msg(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err) == 0, "%s", err.msg);
	want = erlrc_xasprintf("%s/%s/foo-1.0", libdir, box);
	ck_assert_str_eq(dest, want);
	check_sample(dest, src, 1);
	CHECK_LISTING(libdir, box);
	free(want);
	free(box);
	free(dest);
	free(libdir);
	free(src);
}
END_TEST

START_TEST(test_copy_other_fs)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const char *other = other_fs_dir("test_copy_other_fs");
	char *src, *libdir = new_libdir(), *dest;

	if (!other) {
		free(libdir);
		return;
	}
	src = erlrc_xstrdup(other);
	make_sample(src);
	ck_assert_msg(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err) == 0, "%s", err.msg);
	check_sample(dest, src, 0);
	free(dest);
	dest = copy_name(src, "foo-1.0");
	CHECK_LISTING(libdir, dest);
	free(dest);
	free(libdir);
	free(src);
}
END_TEST

/*
 * The same content again is the same copy; another content of the same
 * version (a package's new revision) is another copy, and the first stays.
 */
START_TEST(test_copy_by_content)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = new_sample(), *libdir = new_libdir(), *dest, *first;
	char *box1, *box2, *file, *want, *path;
	struct stat st;

	box1 = copy_name(src, "foo-1.0");
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &first,
	    &err), 0);
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err), 0);
	ck_assert_str_eq(dest, first);
	check_sample(dest, src, 1);
	free(dest);
	ck_assert_int_eq(erlrc_tree_copy_path(libdir, "foo", "1.0", src,
	    &dest, &err), 0);
	ck_assert_str_eq(dest, first);
	free(dest);

	/* dpkg replaces a file by renaming a new one over it */
	file = erlrc_xpathjoin(src, "ebin/new.tmp");
	write_file(file, "changed", 7, 0644);
	path = erlrc_xpathjoin(src, "ebin/foo.beam");
	ck_assert_int_eq(rename(file, path), 0);
	box2 = copy_name(src, "foo-1.0");
	ck_assert_str_ne(box1, box2);
	ck_assert_msg(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err) == 0, "%s", err.msg);
	want = erlrc_xasprintf("%s/%s/foo-1.0", libdir, box2);
	ck_assert_str_eq(dest, want);
	free(want);
	want = strcmp(box1, box2) < 0 ? erlrc_xasprintf("%s %s", box1, box2) :
	    erlrc_xasprintf("%s %s", box2, box1);
	CHECK_LISTING(libdir, want);
	/* the first copy keeps the old file */
	free(path);
	path = erlrc_xpathjoin(first, "ebin/foo.beam");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_ne(st.st_size, 7);
	free(want);
	free(path);
	free(dest);

	/* Not a directory: that is not what erlrc makes. */
	free(file);
	want = copy_name(src, "foo-2.0");
	file = erlrc_xpathjoin(libdir, want);
	free(want);
	write_file(file, "", 0, 0644);
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "2.0", src, &dest,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_ptr_null(dest);
	free(file);
	free(first);
	free(box1);
	free(box2);
	free(libdir);
	free(src);
}
END_TEST

static const struct leftover {
	const char *name;
	int kept;
} leftovers[] = {
	{ ".foo-1.0.a1B2c3", 0 },
	{ ".foo-0.9.zzzzzz", 0 },
	{ ".foo-2", 0 },
	{ ".foo-", 0 },
	{ ".foo", 1 },
	{ ".foo_bar-1.0.a1b2c3", 1 },
	{ ".bar-1.abcdef", 1 },
	{ "foo-0.9", 1 },
	{ "foo_bar-1", 1 },
	{ "..foo-1.abcdef", 1 },
};

/* What an interrupted run left: half a tree with a read-only directory. */
static void
make_leftover(const char *libdir, const char *name)
{
	char *dir = erlrc_xpathjoin(libdir, name);
	char *ebin = erlrc_xpathjoin(dir, "ebin");
	char *beam = erlrc_xpathjoin(ebin, "x.beam");

	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(mkdir(ebin, 0755), 0);
	write_file(beam, "x", 1, 0444);
	ck_assert_int_eq(chmod(ebin, 0555), 0);
	free(beam);
	free(ebin);
	free(dir);
}

static char *
expected_left(const char *with)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const char *names[COUNT(leftovers) + 1];
	size_t i, n = 0;

	for (i = 0; i < COUNT(leftovers); i++)
		if (leftovers[i].kept)
			names[n++] = leftovers[i].name;
	if (with)
		names[n++] = with;
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++)
		erlrc_buf_addf(&b, "%s%s", i ? " " : "", names[i]);
	return erlrc_buf_detach(&b);
}

START_TEST(test_copy_removes_leftovers)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = new_sample(), *libdir, *dest, *want;
	size_t i;

	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	for (i = 0; i < COUNT(leftovers); i++)
		make_leftover(libdir, leftovers[i].name);
	drop_root(libdir, src);
	ck_assert_msg(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err) == 0, "%s", err.msg);
	check_sample(dest, src, 1);
	free(dest);
	dest = copy_name(src, "foo-1.0");
	want = expected_left(dest);
	CHECK_LISTING(libdir, want);
	free(want);
	free(dest);
	free(libdir);
	free(src);
}
END_TEST

START_TEST(test_copy_missing_src)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *libdir = new_libdir(), *src, *want, *dest = (char *)"x";

	src = erlrc_xpathjoin(erlrc_scratch_top, "foo-1.0");
	want = erlrc_xasprintf("cannot open directory '%s': No such file or "
	    "directory", src);
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	ck_assert_str_eq(err.msg, want);
	ck_assert_ptr_null(dest);
	CHECK_LISTING(libdir, "-");

	/* An existing LIBDIR stays empty. */
	free(libdir);
	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_NOTFOUND);
	CHECK_LISTING(libdir, "");
	free(want);
	free(src);
	free(libdir);
}
END_TEST

START_TEST(test_copy_src_not_dir)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *libdir = new_libdir(), *src, *want, *dest;

	src = erlrc_xpathjoin(erlrc_scratch_top, "file");
	write_file(src, "", 0, 0644);
	want = erlrc_xasprintf("cannot open directory '%s': Not a directory",
	    src);
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err), -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_str_eq(err.msg, want);
	CHECK_LISTING(libdir, "-");
	free(want);
	free(src);
	free(libdir);
}
END_TEST

/* What cannot be copied, put in SRC/priv. */
enum bad_kind { BAD_FIFO, BAD_SOCKET, BAD_UNREADABLE_DIR, BAD_UNREADABLE };

static const struct bad_case {
	enum bad_kind kind;
	const char *name;
	int other_fs;		/* only copies read files: link them not */
	const char *op;		/* the message: OP 'SRC/priv/NAME'WHY */
	const char *why;
} bad_cases[] = {
	{ BAD_FIFO, "fifo", 0, "cannot copy",
	    ": a fifo, not a file, directory or symbolic link" },
	{ BAD_SOCKET, "sock", 0, "cannot copy",
	    ": a socket, not a file, directory or symbolic link" },
	{ BAD_UNREADABLE_DIR, "locked", 0, "cannot open directory",
	    ": Permission denied" },
	{ BAD_UNREADABLE_DIR, "locked", 1, "cannot open directory",
	    ": Permission denied" },
	{ BAD_UNREADABLE, "secret.key", 1, "cannot open",
	    ": Permission denied" },
	{ BAD_FIFO, "fifo", 1, "cannot copy",
	    ": a fifo, not a file, directory or symbolic link" },
};

static void
make_bad(const struct bad_case *t, const char *path)
{
	struct sockaddr_un sa;
	char *sub;
	int fd;

	switch (t->kind) {
	case BAD_FIFO:
		ck_assert_int_eq(mkfifo(path, 0644), 0);
		break;
	case BAD_SOCKET:
		memset(&sa, 0, sizeof(sa));
		sa.sun_family = AF_UNIX;
		ck_assert_uint_lt(strlen(path), sizeof(sa.sun_path));
		strcpy(sa.sun_path, path);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa,
		    sizeof(sa)), 0);
		close(fd);
		break;
	case BAD_UNREADABLE_DIR:
		ck_assert_int_eq(mkdir(path, 0755), 0);
		sub = erlrc_xpathjoin(path, "x");
		write_file(sub, "x", 1, 0644);
		free(sub);
		ck_assert_int_eq(chmod(path, 0), 0);
		break;
	case BAD_UNREADABLE:
		write_file(path, "key", 3, 0);
		break;
	}
}

START_TEST(test_copy_bad_entry)
{
	const struct bad_case *t = &bad_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src, *libdir, *priv, *bad, *want, *dest = (char *)"x";
	const char *other = NULL;

	if (t->other_fs) {
		other = other_fs_dir("test_copy_bad_entry");
		if (!other)
			return;
	}
	src = erlrc_xstrdup(other ? other : erlrc_scratch_dir("src"));
	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	make_sample(src);
	priv = erlrc_xpathjoin(src, "priv");
	ck_assert_int_eq(chmod(priv, 0755), 0);
	bad = erlrc_xpathjoin(priv, t->name);
	make_bad(t, bad);
	drop_root(src, libdir);

	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err), -1);
	want = erlrc_xasprintf("%s '%s'%s", t->op, bad, t->why);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_ptr_null(dest);
	CHECK_LISTING(libdir, "");
	free(want);
	free(bad);
	free(priv);
	free(libdir);
	free(src);
}
END_TEST

static const struct args_case {
	const char *app, *vsn, *msg;
	int bad_app;		/* erlrc_tree_versions refuses it too */
} bad_args[] = {
	{ "", "1.0", "empty application name", 1 },
	{ "a/b", "1.0", "invalid application name 'a/b': contains '/'", 1 },
	{ "/", "1.0", "invalid application name '/': contains '/'", 1 },
	{ ".", "1.0", "invalid application name '.': begins with '.'", 1 },
	{ "..", "1.0", "invalid application name '..': begins with '.'", 1 },
	{ ".foo", "1.0", "invalid application name '.foo': begins with '.'",
	    1 },
	{ "foo", "", "empty version", 0 },
	{ "foo", "1/0", "invalid version '1/0': contains '/'", 0 },
	{ "foo", ".", "invalid version '.'", 0 },
	{ "foo", "..", "invalid version '..'", 0 },
};

START_TEST(test_bad_args)
{
	const struct args_case *t = &bad_args[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = new_sample(), *libdir, *dest = (char *)"x", **vsns;
	size_t n;

	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	ck_assert_int_eq(erlrc_tree_copy(libdir, t->app, t->vsn, src, &dest,
	    &err), -1);
	ck_assert_str_eq(err.msg, t->msg);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
	ck_assert_ptr_null(dest);
	CHECK_LISTING(libdir, "");

	erlrc_error_clear(&err);
	ck_assert_int_eq(erlrc_tree_remove(libdir, t->app, t->vsn, &err), -1);
	ck_assert_str_eq(err.msg, t->msg);
	ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);

	erlrc_error_clear(&err);
	if (t->bad_app) {
		ck_assert_int_eq(erlrc_tree_versions(libdir, t->app, &vsns, &n,
		    &err), -1);
		ck_assert_str_eq(err.msg, t->msg);
		ck_assert_int_eq(err.code, ERLRC_ERR_INPUT);
		ck_assert_uint_eq(n, 0);
	}
	free(libdir);
	free(src);
}
END_TEST

/* Removing */

START_TEST(test_remove)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = new_sample(), *libdir, *dest, *file, *box1, *box2, *want;
	int i;

	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	make_leftover(libdir, ".foo-0.1.abcdef");
	drop_root(libdir, src);
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &dest,
	    &err), 0);
	free(dest);
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "2.0", src, &dest,
	    &err), 0);
	free(dest);
	make_leftover(libdir, ".foo-0.1.abcdef");
	box1 = copy_name(src, "1.0");
	box2 = copy_name(src, "2.0");
	want = erlrc_xasprintf(".foo-0.1.abcdef foo-%s foo-%s", box1, box2);
	CHECK_LISTING(libdir, want);
	free(want);

	/* Twice: nothing to do the second time is no error. */
	want = erlrc_xasprintf("foo-%s", box2);
	for (i = 0; i < 2; i++) {
		ck_assert_msg(erlrc_tree_remove(libdir, "foo", box1,
		    &err) == 0, "%s", err.msg);
		CHECK_LISTING(libdir, want);
	}
	dest = erlrc_xasprintf("%s/foo-%s/foo-2.0", libdir, box2);
	check_sample(dest, src, 1);
	free(dest);

	/* Not a directory: removed all the same. */
	file = erlrc_xpathjoin(libdir, "foo-3");
	write_file(file, "", 0, 0644);
	ck_assert_int_eq(erlrc_tree_remove(libdir, "foo", "3", &err), 0);
	CHECK_LISTING(libdir, want);
	free(want);
	free(box1);
	free(box2);
	free(file);

	file = erlrc_xpathjoin(libdir, "missing");
	ck_assert_int_eq(erlrc_tree_remove(file, "foo", "1.0", &err), 0);
	CHECK_LISTING(file, "-");
	free(file);
	free(libdir);
	free(src);
}
END_TEST

/* Versions */

static const char *const version_entries[] = {
	"foo-1.9", "foo-1.10", "foo-2.0", "foo-2.0-rc1", "foo_bar-1",
	"foobar-3", "bar-1", "bazooka-1", "foo", "foo-", ".foo-4.abcdef",
	".foo-5",
};

static const struct versions_case {
	const char *app;
	const char *want;	/* separated by spaces */
} versions_cases[] = {
	{ "foo", "1.10 1.9 2.0 2.0-rc1" },
	{ "foo_bar", "1" },
	{ "bar", "1" },
	{ "baz", "" },
	{ "fo", "" },
};

START_TEST(test_versions)
{
	const struct versions_case *t = &versions_cases[_i];
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char *libdir, *path, **vsns;
	size_t i, n;

	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	for (i = 0; i < COUNT(version_entries); i++) {
		path = erlrc_xpathjoin(libdir, version_entries[i]);
		ck_assert_int_eq(mkdir(path, 0755), 0);
		free(path);
	}
	/* Only directories count. */
	path = erlrc_xpathjoin(libdir, "foo-9");
	write_file(path, "", 0, 0644);
	free(path);
	path = erlrc_xpathjoin(libdir, "foo-8");
	ck_assert_int_eq(symlink("foo-2.0", path), 0);
	free(path);

	ck_assert_msg(erlrc_tree_versions(libdir, t->app, &vsns, &n,
	    &err) == 0, "%s", err.msg);
	for (i = 0; i < n; i++)
		erlrc_buf_addf(&b, "%s%s", i ? " " : "", vsns[i]);
	ck_assert_str_eq(erlrc_buf_str(&b), t->want);
	erlrc_tree_free_versions(vsns, n);
	erlrc_buf_destroy(&b);
	free(libdir);
}
END_TEST

START_TEST(test_versions_no_libdir)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *libdir, **vsns = (char **)"x";
	size_t n = 7;

	libdir = erlrc_xpathjoin(erlrc_scratch_top, "missing");
	ck_assert_int_eq(erlrc_tree_versions(libdir, "foo", &vsns, &n, &err),
	    0);
	ck_assert_uint_eq(n, 0);
	erlrc_tree_free_versions(vsns, n);

	/* A file where LIBDIR should be is an error. */
	write_file(libdir, "", 0, 0644);
	ck_assert_int_eq(erlrc_tree_versions(libdir, "foo", &vsns, &n, &err),
	    -1);
	ck_assert_int_eq(err.code, ERLRC_ERR_SYSTEM);
	ck_assert_uint_eq(n, 0);
	free(libdir);
}
END_TEST

/* Content ids */

/* The content id of DIR after CHANGE (a shell command run in DIR). */
static char *
id_after(const char *dir, const char *change)
{
	char *cmd = erlrc_xasprintf("cd '%s' && %s", dir, change);

	ck_assert_msg(system(cmd) == 0, "%s", cmd);
	free(cmd);
	return copy_name(dir, "");
}

START_TEST(test_digest)
{
	static const char *const changes[] = {
		"chmod 0755 ebin/foo.app",
		"printf x >>ebin/foo.app",
		"ln -sfn elsewhere priv/dangling",
		"mv ebin/foo.app ebin/foo.app2",
		"chmod u+w priv/bin && touch priv/bin/new",
		"rmdir priv/empty && touch priv/empty",
	};
	char *src = new_sample(), *id0, *id;
	size_t i;

	id0 = copy_name(src, "");
	/* times and owners are not content */
	id = id_after(src, "touch -d @0 ebin/foo.app . && chown -R 1:1 ebin");
	ck_assert_str_eq(id, id0);
	free(id);
	for (i = 0; i < COUNT(changes); i++) {
		id = id_after(src, changes[i]);
		ck_assert_msg(strcmp(id, id0) != 0, "%s", changes[i]);
		free(id0);
		id0 = id;
	}
	free(id0);
	free(src);
}
END_TEST

START_TEST(test_find_and_apps)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char *src = new_sample(), *libdir, *dir, *want, *box, **apps, *cmd;
	size_t n;

	libdir = erlrc_xstrdup(erlrc_scratch_dir("lib"));
	ck_assert_int_eq(erlrc_tree_find(libdir, "foo", "1.0", &dir, &err), 0);
	ck_assert_ptr_null(dir);
	/* made before content ids: APP-VSN itself */
	cmd = erlrc_xasprintf("mkdir %s/foo-1.0 %s/foo-1.0+abc %s/bar-2 && "
	    "touch -d @1 %s/foo-1.0", libdir, libdir, libdir, libdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	ck_assert_int_eq(erlrc_tree_find(libdir, "foo", "1.0", &dir, &err), 0);
	want = erlrc_xpathjoin(libdir, "foo-1.0");
	ck_assert_str_eq(dir, want);
	free(want);
	free(dir);
	/* the most recent copy */
	ck_assert_int_eq(erlrc_tree_copy(libdir, "foo", "1.0", src, &want,
	    &err), 0);
	ck_assert_int_eq(erlrc_tree_find(libdir, "foo", "1.0", &dir, &err), 0);
	ck_assert_str_eq(dir, want);
	free(dir);
	free(want);
	ck_assert_int_eq(erlrc_tree_find(libdir, "foo", "1", &dir, &err), 0);
	ck_assert_ptr_null(dir);

	ck_assert_int_eq(erlrc_tree_apps(libdir, &apps, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(apps[0], "bar");
	ck_assert_str_eq(apps[1], "foo");
	erlrc_tree_free_versions(apps, n);
	box = erlrc_xpathjoin(libdir, "missing");
	ck_assert_int_eq(erlrc_tree_apps(box, &apps, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	free(box);
	free(libdir);
	free(src);
}
END_TEST

Suite *
erlrc_test_tree_suite(void)
{
	Suite *s = suite_create("tree");
	TCase *tc;

	tc = tcase_create("copy");
	tcase_add_unchecked_fixture(tc, tree_setup, tree_teardown);
	tcase_add_checked_fixture(tc, NULL, back_to_root);
	tcase_add_test(tc, test_copy_linked);
	tcase_add_test(tc, test_copy_other_fs);
	tcase_add_test(tc, test_copy_by_content);
	tcase_add_test(tc, test_copy_removes_leftovers);
	tcase_add_test(tc, test_copy_missing_src);
	tcase_add_test(tc, test_copy_src_not_dir);
	tcase_add_loop_test(tc, test_copy_bad_entry, 0, COUNT(bad_cases));
	tcase_add_loop_test(tc, test_bad_args, 0, COUNT(bad_args));
	suite_add_tcase(s, tc);

	tc = tcase_create("remove");
	tcase_add_unchecked_fixture(tc, tree_setup, tree_teardown);
	tcase_add_checked_fixture(tc, NULL, back_to_root);
	tcase_add_test(tc, test_remove);
	suite_add_tcase(s, tc);

	tc = tcase_create("versions");
	tcase_add_unchecked_fixture(tc, tree_setup, tree_teardown);
	tcase_add_checked_fixture(tc, NULL, back_to_root);
	tcase_add_loop_test(tc, test_versions, 0, COUNT(versions_cases));
	tcase_add_test(tc, test_versions_no_libdir);
	suite_add_tcase(s, tc);

	tc = tcase_create("content");
	tcase_add_unchecked_fixture(tc, tree_setup, tree_teardown);
	tcase_add_checked_fixture(tc, NULL, back_to_root);
	tcase_add_test(tc, test_digest);
	tcase_add_test(tc, test_find_and_apps);
	suite_add_tcase(s, tc);
	return s;
}
