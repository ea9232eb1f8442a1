/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tree.c - erlrc's own copies of application directories (STATE/lib) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <md5.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/paths.h>
#include <erlrc/tree.h>
#include <erlrc/xalloc.h>

#define COPY_CHUNK 65536

/* APP and VSN become one path component: APP-VSN. */
static int
check_part(const char *what, const char *s, struct erlrc_error *err)
{
	if (*s == '\0')
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "empty %s", what);
	if (strchr(s, '/'))
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "invalid %s '%s': contains '/'", what, s);
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "invalid %s '%s'",
		    what, s);
	return 0;
}

/*
 * Names beginning with '.' are erlrc's temporary directories: an
 * application ".foo" would have its copy taken for what an interrupted
 * run of "foo" left.
 */
static int
check_app(const char *app, struct erlrc_error *err)
{
	if (app[0] == '.')
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "invalid application name '%s': begins with '.'", app);
	return check_part("application name", app, err);
}

static int
check_names(const char *app, const char *vsn, struct erlrc_error *err)
{
	if (check_app(app, err) < 0)
		return -1;
	return check_part("version", vsn, err);
}

static int
sync_dir(const char *path, struct erlrc_error *err)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return erlrc_error_errno(err, "cannot open directory '%s'",
		    path);
	if (fsync(fd) < 0) {
		erlrc_error_errno(err, "cannot sync '%s'", path);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * Open directory NAME in AT (a directory fd or AT_FDCWD) for reading,
 * with FLAGS (O_NOFOLLOW or 0) added to open's; PATH names it in
 * messages.  NULL on error.
 */
static DIR *
open_dir_at(int at, const char *name, int flags, const char *path,
    struct erlrc_error *err)
{
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	    flags);
	DIR *d;

	if (fd < 0) {
		erlrc_error_errno(err, "cannot open directory '%s'", path);
		return NULL;
	}
	d = fdopendir(fd);
	if (!d) {
		erlrc_error_errno(err, "cannot read directory '%s'", path);
		close(fd);
	}
	return d;
}

/*
 * The next entry of D but "." and "..": NULL at the end (errno 0) or on
 * error (errno set).
 */
static struct dirent *
next_entry(DIR *d)
{
	struct dirent *de;

	do {
		errno = 0;
		de = readdir(d);
	} while (de && (strcmp(de->d_name, ".") == 0 ||
	    strcmp(de->d_name, "..") == 0));
	return de;
}

static int remove_at(int at, const char *name, const char *path,
    struct erlrc_error *err);

/*
 * Remove the entries of directory D (PATH in messages) whose names begin
 * with PREFIX, or all when PREFIX is NULL.  Entries removed while readdir
 * runs may make it skip others, so it goes over the directory again until
 * a pass finds nothing to remove.
 */
static int
remove_entries(DIR *d, const char *path, const char *prefix,
    struct erlrc_error *err)
{
	size_t plen = prefix ? strlen(prefix) : 0;
	struct dirent *de;
	char *sub;
	int removed;

	do {
		removed = 0;
		rewinddir(d);
		for (;;) {
			de = next_entry(d);
			if (!de)
				break;
			if (prefix && strncmp(de->d_name, prefix, plen) != 0)
				continue;
			sub = erlrc_xpathjoin(path, de->d_name);
			if (remove_at(dirfd(d), de->d_name, sub, err) < 0) {
				free(sub);
				return -1;
			}
			free(sub);
			removed = 1;
		}
		if (errno)
			return erlrc_error_errno(err,
			    "cannot read directory '%s'", path);
	} while (removed);
	return 0;
}

/* rm -rf NAME in AT (PATH in messages); a missing NAME is no error. */
static int
remove_at(int at, const char *name, const char *path,
    struct erlrc_error *err)
{
	struct stat st;
	DIR *d;

	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		return erlrc_error_errno(err, "cannot stat '%s'", path);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlinkat(at, name, 0) < 0 && errno != ENOENT)
			return erlrc_error_errno(err, "cannot remove '%s'",
			    path);
		return 0;
	}
	d = open_dir_at(at, name, O_NOFOLLOW, path, err);
	if (!d)
		return -1;
	/* A copy keeps the source's modes: a read-only directory must be
	 * made writable before its entries can go. */
	if ((st.st_mode & 0700) != 0700)
		(void)fchmod(dirfd(d), 0700);
	if (remove_entries(d, path, NULL, err) < 0) {
		closedir(d);
		return -1;
	}
	closedir(d);
	if (unlinkat(at, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return erlrc_error_errno(err, "cannot remove '%s'", path);
	return 0;
}

/* erlrc_tree_rmrf - see tree.h. */
int
erlrc_tree_rmrf(const char *path, struct erlrc_error *err)
{
	return remove_at(AT_FDCWD, path, path, err);
}

/*
 * Remove what an interrupted copy or removal of APP left in LIBDIR: its
 * entries named ".APP-...".  A missing LIBDIR holds none.
 */
static int
remove_leftovers(const char *libdir, const char *app,
    struct erlrc_error *err)
{
	char *prefix = erlrc_xasprintf(".%s-", app);
	int ret = -1;
	DIR *d;

	d = opendir(libdir);
	if (!d) {
		if (errno == ENOENT)
			ret = 0;
		else
			erlrc_error_errno(err, "cannot read directory '%s'",
			    libdir);
		goto out;
	}
	ret = remove_entries(d, libdir, prefix, err);
	closedir(d);
out:
	free(prefix);
	return ret;
}

static const char *
type_name(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "a fifo";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	return "of an unknown type";
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t w;

	while (len > 0) {
		w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Copy the data of regular file NAME from SFD to DFD, mode MODE, synced. */
static int
copy_file(int sfd, int dfd, const char *name, mode_t mode, const char *spath,
    const char *dpath, struct erlrc_error *err)
{
	char *chunk = erlrc_xmalloc(COPY_CHUNK);
	int in, out = -1, ret = -1;
	ssize_t r;

	in = openat(sfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0) {
		erlrc_error_errno(err, "cannot open '%s'", spath);
		goto out;
	}
	out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (out < 0) {
		erlrc_error_errno(err, "cannot create '%s'", dpath);
		goto out;
	}
	for (;;) {
		r = read(in, chunk, COPY_CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			erlrc_error_errno(err, "cannot read '%s'", spath);
			goto out;
		}
		if (r == 0)
			break;
		if (write_all(out, chunk, (size_t)r) < 0) {
			erlrc_error_errno(err, "cannot copy '%s' to '%s'",
			    spath, dpath);
			goto out;
		}
	}
	if (fchmod(out, mode & 07777) < 0) {
		erlrc_error_errno(err, "cannot set the mode of '%s'", dpath);
		goto out;
	}
	if (fsync(out) < 0) {
		erlrc_error_errno(err, "cannot copy '%s' to '%s'", spath,
		    dpath);
		goto out;
	}
	ret = close(out);
	out = -1;
	if (ret < 0)
		erlrc_error_errno(err, "cannot copy '%s' to '%s'", spath,
		    dpath);
out:
	if (out >= 0)
		close(out);
	if (in >= 0)
		close(in);
	free(chunk);
	return ret;
}

/* Reproduce symbolic link NAME of SFD in DFD. */
static int
copy_symlink(int sfd, int dfd, const char *name, const char *spath,
    const char *dpath, struct erlrc_error *err)
{
	size_t size = 256;
	char *target = NULL;
	ssize_t len;
	int ret = -1;

	for (;;) {
		target = erlrc_xrealloc(target, size);
		len = readlinkat(sfd, name, target, size);
		if (len < 0) {
			erlrc_error_errno(err,
			    "cannot read symbolic link '%s'", spath);
			goto out;
		}
		if ((size_t)len < size)
			break;
		size *= 2;
	}
	target[len] = '\0';
	if (symlinkat(target, dfd, name) < 0) {
		erlrc_error_errno(err, "cannot create symbolic link '%s'",
		    dpath);
		goto out;
	}
	ret = 0;
out:
	free(target);
	return ret;
}

static int copy_dir(DIR *sd, int dfd, const char *spath, const char *dpath,
    struct erlrc_error *err);

/* Give the filled directory FD (PATH in messages) MODE, then sync it. */
static int
finish_dir(int fd, mode_t mode, const char *path, struct erlrc_error *err)
{
	if (fchmod(fd, mode & 07777) < 0)
		return erlrc_error_errno(err, "cannot set the mode of '%s'",
		    path);
	if (fsync(fd) < 0)
		return erlrc_error_errno(err, "cannot sync '%s'", path);
	return 0;
}

/* Make directory NAME of SFD in DFD, fill it, then give it MODE. */
static int
copy_subdir(int sfd, int dfd, const char *name, mode_t mode,
    const char *spath, const char *dpath, struct erlrc_error *err)
{
	int sub = -1, ret = -1;
	DIR *d = NULL;

	/* Owner-writable until filled: the source's mode may not be. */
	if (mkdirat(dfd, name, 0700) < 0) {
		erlrc_error_errno(err, "cannot create directory '%s'", dpath);
		goto out;
	}
	sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (sub < 0) {
		erlrc_error_errno(err, "cannot open directory '%s'", dpath);
		goto out;
	}
	d = open_dir_at(sfd, name, O_NOFOLLOW, spath, err);
	if (!d)
		goto out;
	if (copy_dir(d, sub, spath, dpath, err) < 0 ||
	    finish_dir(sub, mode, dpath, err) < 0)
		goto out;
	ret = 0;
out:
	if (d)
		closedir(d);
	if (sub >= 0)
		close(sub);
	return ret;
}

/* Copy entry NAME of SD into DFD. */
static int
copy_entry(DIR *sd, int dfd, const char *name, const char *spath,
    const char *dpath, struct erlrc_error *err)
{
	int sfd = dirfd(sd);
	struct stat st;

	if (fstatat(sfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return erlrc_error_errno(err, "cannot stat '%s'", spath);
	if (S_ISDIR(st.st_mode))
		return copy_subdir(sfd, dfd, name, st.st_mode, spath, dpath,
		    err);
	if (S_ISLNK(st.st_mode))
		return copy_symlink(sfd, dfd, name, spath, dpath, err);
	if (!S_ISREG(st.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM,
		    "cannot copy '%s': %s, not a file, directory or "
		    "symbolic link", spath, type_name(st.st_mode));
	if (linkat(sfd, name, dfd, name, 0) == 0)
		return 0;
	/* Another file system, a file we may not link (protected_hardlinks)
	 * or one with too many links: its data, then. */
	if (errno != EXDEV && errno != EPERM && errno != EMLINK)
		return erlrc_error_errno(err, "cannot link '%s' to '%s'",
		    spath, dpath);
	return copy_file(sfd, dfd, name, st.st_mode, spath, dpath, err);
}

/*
 * Copy the entries of SD into directory DFD.  Messages name the source
 * SPATH and the final destination DPATH, not the temporary directory.
 */
static int
copy_dir(DIR *sd, int dfd, const char *spath, const char *dpath,
    struct erlrc_error *err)
{
	struct dirent *de;
	char *sp, *dp;
	int r;

	for (;;) {
		de = next_entry(sd);
		if (!de)
			break;
		sp = erlrc_xpathjoin(spath, de->d_name);
		dp = erlrc_xpathjoin(dpath, de->d_name);
		r = copy_entry(sd, dfd, de->d_name, sp, dp, err);
		free(sp);
		free(dp);
		if (r < 0)
			return -1;
	}
	if (errno)
		return erlrc_error_errno(err, "cannot read directory '%s'",
		    spath);
	return 0;
}

/* Fill the new directory TMP (mode 0700) with a copy of SD, mode MODE. */
static int
fill_tmp(DIR *sd, const char *tmp, mode_t mode, const char *src,
    const char *target, struct erlrc_error *err)
{
	int dfd, ret = -1;

	dfd = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return erlrc_error_errno(err, "cannot open directory '%s'",
		    tmp);
	if (copy_dir(sd, dfd, src, target, err) < 0 ||
	    finish_dir(dfd, mode, tmp, err) < 0)
		goto out;
	ret = 0;
out:
	close(dfd);
	return ret;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in D but "." and "..", sorted, as new strings. */
static int
sorted_names(DIR *d, const char *path, char ***names, size_t *n,
    struct erlrc_error *err)
{
	struct dirent *de;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	for (;;) {
		de = next_entry(d);
		if (!de)
			break;
		*names = erlrc_xgrow(*names, &cap, *n, sizeof(**names));
		(*names)[(*n)++] = erlrc_xstrdup(de->d_name);
	}
	if (errno) {
		erlrc_tree_free_versions(*names, *n);
		*names = NULL;
		*n = 0;
		return erlrc_error_errno(err, "cannot read directory '%s'",
		    path);
	}
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), cmp_str);
	return 0;
}

static void
digest_u64(MD5_CTX *ctx, uint64_t v)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	MD5Update(ctx, b, sizeof(b));
}

/* Add the data of regular file NAME of AT to CTX. */
static int
digest_file(int at, const char *name, const char *path, MD5_CTX *ctx,
    struct erlrc_error *err)
{
	unsigned char *chunk = erlrc_xmalloc(COPY_CHUNK);
	int fd, ret = -1;
	ssize_t r;

	fd = openat(at, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		free(chunk);
		return erlrc_error_errno(err, "cannot open '%s'", path);
	}
	for (;;) {
		r = read(fd, chunk, COPY_CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			erlrc_error_errno(err, "cannot read '%s'", path);
			goto out;
		}
		if (r == 0)
			break;
		MD5Update(ctx, chunk, (size_t)r);
	}
	ret = 0;
out:
	close(fd);
	free(chunk);
	return ret;
}

static int digest_dir(DIR *d, const char *path, MD5_CTX *ctx,
    struct erlrc_error *err);

/*
 * Add entry NAME of D to CTX: its name, type, permission bits, and its
 * data (a file's bytes and size, a link's target, a directory's entries).
 */
static int
digest_entry(DIR *d, const char *name, const char *path, MD5_CTX *ctx,
    struct erlrc_error *err)
{
	char target[4096];
	struct stat st;
	ssize_t len;
	DIR *sub;
	int ret;

	if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return erlrc_error_errno(err, "cannot stat '%s'", path);
	MD5Update(ctx, (const unsigned char *)name, strlen(name) + 1);
	digest_u64(ctx, (uint64_t)(st.st_mode & (S_IFMT | 07777)));
	if (S_ISDIR(st.st_mode)) {
		sub = open_dir_at(dirfd(d), name, O_NOFOLLOW, path, err);
		if (!sub)
			return -1;
		ret = digest_dir(sub, path, ctx, err);
		closedir(sub);
		return ret;
	}
	if (S_ISLNK(st.st_mode)) {
		len = readlinkat(dirfd(d), name, target, sizeof(target));
		if (len < 0 || (size_t)len >= sizeof(target))
			return erlrc_error_errno(err, len < 0 ? "cannot read "
			    "symbolic link '%s'" : "symbolic link '%s' is too "
			    "long", path);
		digest_u64(ctx, (uint64_t)len);
		MD5Update(ctx, (const unsigned char *)target, (size_t)len);
		return 0;
	}
	if (!S_ISREG(st.st_mode))
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM,
		    "cannot copy '%s': %s, not a file, directory or "
		    "symbolic link", path, type_name(st.st_mode));
	digest_u64(ctx, (uint64_t)st.st_size);
	return digest_file(dirfd(d), name, path, ctx, err);
}

/* Add the entries of D, in name order, to CTX, then an end mark. */
static int
digest_dir(DIR *d, const char *path, MD5_CTX *ctx, struct erlrc_error *err)
{
	char **names, *sub;
	size_t i, n;
	int ret = 0;

	if (sorted_names(d, path, &names, &n, err) < 0)
		return -1;
	for (i = 0; i < n && ret == 0; i++) {
		sub = erlrc_xpathjoin(path, names[i]);
		ret = digest_entry(d, names[i], sub, ctx, err);
		free(sub);
	}
	erlrc_tree_free_versions(names, n);
	MD5Update(ctx, (const unsigned char *)"", 1);
	return ret;
}

/* erlrc_tree_digest - see tree.h. */
int
erlrc_tree_digest(const char *dir, char id[ERLRC_TREE_ID_LEN + 1],
    struct erlrc_error *err)
{
	unsigned char md5[MD5_DIGEST_LENGTH];
	MD5_CTX ctx;
	DIR *d;
	int i, ret;

	d = open_dir_at(AT_FDCWD, dir, 0, dir, err);
	if (!d)
		return -1;
	MD5Init(&ctx);
	ret = digest_dir(d, dir, &ctx, err);
	closedir(d);
	MD5Final(md5, &ctx);
	for (i = 0; i < ERLRC_TREE_ID_LEN / 2; i++)
		snprintf(id + 2 * i, 3, "%02x", md5[i]);
	return ret;
}

/* LIBDIR/APP-VSN+ID, and the copy in it: LIBDIR/APP-VSN+ID/APP-VSN. */
static char *
copy_path(const char *libdir, const char *app, const char *vsn,
    const char *id)
{
	return erlrc_xasprintf("%s/%s-%s+%s/%s-%s", libdir, app, vsn, id,
	    app, vsn);
}

/* erlrc_tree_copy_path - see tree.h. */
int
erlrc_tree_copy_path(const char *libdir, const char *app, const char *vsn,
    const char *src, char **dest, struct erlrc_error *err)
{
	char id[ERLRC_TREE_ID_LEN + 1];

	*dest = NULL;
	if (check_names(app, vsn, err) < 0 ||
	    erlrc_tree_digest(src, id, err) < 0)
		return -1;
	*dest = copy_path(libdir, app, vsn, id);
	return 0;
}

/* Is PATH a directory?  1 yes, 0 it does not exist, -1 anything else. */
static int
is_dir(const char *path, struct erlrc_error *err)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 1;
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM, "'%s' exists "
		    "and is not a directory", path);
	}
	if (errno == ENOENT || errno == ENOTDIR)
		return 0;
	return erlrc_error_errno(err, "cannot stat '%s'", path);
}

/*
 * erlrc_tree_copy - see tree.h.  The copy is named after the digest of
 * the copy itself, not of SRC: a file SRC changes while it is copied
 * makes another name, never a copy whose name lies.
 */
int
erlrc_tree_copy(const char *libdir, const char *app, const char *vsn,
    const char *src, char **dest, struct erlrc_error *err)
{
	char id[ERLRC_TREE_ID_LEN + 1], *target = NULL, *tmp = NULL;
	char *inner = NULL, *box = NULL;
	struct erlrc_error ignored;
	struct stat st;
	DIR *sd = NULL;
	int r, ret = -1;

	*dest = NULL;
	if (check_names(app, vsn, err) < 0 ||
	    remove_leftovers(libdir, app, err) < 0)
		return -1;
	sd = open_dir_at(AT_FDCWD, src, 0, src, err);
	if (!sd)
		return -1;
	if (fstat(dirfd(sd), &st) < 0) {
		erlrc_error_errno(err, "cannot stat '%s'", src);
		goto out;
	}
	if (erlrc_tree_digest(src, id, err) < 0)
		goto out;
	target = copy_path(libdir, app, vsn, id);
	r = is_dir(target, err);
	if (r < 0)
		goto out;
	if (r > 0)
		goto done;	/* complete when renamed into place */

	if (erlrc_paths_mkdirs(libdir, 0755, err) < 0)
		goto out;
	/* The leading dot: never taken for a copy. */
	tmp = erlrc_xasprintf("%s/.%s-%s.XXXXXX", libdir, app, vsn);
	if (!mkdtemp(tmp)) {
		erlrc_error_errno(err, "cannot create directory '%s'", tmp);
		free(tmp);
		tmp = NULL;
		goto out;
	}
	inner = erlrc_xasprintf("%s/%s-%s", tmp, app, vsn);
	if (mkdir(inner, 0700) < 0) {
		erlrc_error_errno(err, "cannot create directory '%s'", inner);
		goto out;
	}
	if (fill_tmp(sd, inner, st.st_mode, src, target, err) < 0 ||
	    erlrc_tree_digest(inner, id, err) < 0)
		goto out;
	free(target);
	target = copy_path(libdir, app, vsn, id);
	box = erlrc_xasprintf("%s/%s-%s+%s", libdir, app, vsn, id);
	if (chmod(tmp, 0755) < 0) {
		erlrc_error_errno(err, "cannot set the mode of '%s'", tmp);
		goto out;
	}
	if (sync_dir(tmp, err) < 0)
		goto out;
	if (rename(tmp, box) < 0) {
		/* Made complete by someone else meanwhile: theirs is kept. */
		if (errno != EEXIST && errno != ENOTEMPTY) {
			erlrc_error_errno(err, "cannot rename '%s' to '%s'",
			    tmp, box);
			goto out;
		}
		if (remove_at(AT_FDCWD, tmp, tmp, err) < 0)
			goto out;
	}
	free(tmp);
	tmp = NULL;
	if (sync_dir(libdir, err) < 0)
		goto out;
done:
	*dest = target;
	target = NULL;
	ret = 0;
out:
	if (tmp) {
		remove_at(AT_FDCWD, tmp, tmp, &ignored);
		free(tmp);
	}
	if (sd)
		closedir(sd);
	free(inner);
	free(box);
	free(target);
	/* a file that vanished inside SRC is a failure to copy, not a
	 * missing SRC */
	if (ret < 0 && err->code == ERLRC_ERR_NOTFOUND)
		err->code = ERLRC_ERR_SYSTEM;
	return ret;
}

/*
 * erlrc_tree_remove - see tree.h.  What earlier interrupted runs left
 * for APP (".APP-..." entries) goes too.
 */
int
erlrc_tree_remove(const char *libdir, const char *app, const char *vsn,
    struct erlrc_error *err)
{
	char *target = NULL, *tmp = NULL;
	struct stat st;
	int ret = -1;

	if (check_names(app, vsn, err) < 0)
		return -1;
	target = erlrc_xasprintf("%s/%s-%s", libdir, app, vsn);
	if (remove_leftovers(libdir, app, err) < 0)
		goto out;
	if (lstat(target, &st) < 0) {
		if (errno == ENOENT)
			ret = 0;
		else
			erlrc_error_errno(err, "cannot stat '%s'", target);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		ret = remove_at(AT_FDCWD, target, target, err);
		goto out;
	}
	/* rename(2) replaces an empty directory: mkdtemp makes the name. */
	tmp = erlrc_xasprintf("%s/.%s-%s.XXXXXX", libdir, app, vsn);
	if (!mkdtemp(tmp)) {
		erlrc_error_errno(err, "cannot create directory '%s'", tmp);
		goto out;
	}
	if (rename(target, tmp) < 0) {
		if (errno == ENOENT) {
			ret = remove_at(AT_FDCWD, tmp, tmp, err);
		} else {
			erlrc_error_errno(err, "cannot rename '%s' to '%s'",
			    target, tmp);
			(void)rmdir(tmp);
		}
		goto out;
	}
	/* The rename must be on disk before the files go, or a crash could
	 * bring back a partial tree under the real name. */
	if (sync_dir(libdir, err) < 0)
		goto out;
	ret = remove_at(AT_FDCWD, tmp, tmp, err);
out:
	free(tmp);
	free(target);
	return ret;
}

/*
 * erlrc_tree_versions - see tree.h.  Only directories count.  An APP
 * that could not be copied (empty, with '/' or a leading '.') is an
 * error (ERLRC_ERR_INPUT).
 */
int
erlrc_tree_versions(const char *libdir, const char *app, char ***vsns,
    size_t *n, struct erlrc_error *err)
{
	size_t plen, cap = 0, count = 0;
	char **list = NULL, *prefix;
	struct dirent *de;
	struct stat st;
	int ret = -1;
	DIR *d;

	*vsns = NULL;
	*n = 0;
	if (check_app(app, err) < 0)
		return -1;
	prefix = erlrc_xasprintf("%s-", app);
	plen = strlen(prefix);
	d = opendir(libdir);
	if (!d) {
		if (errno == ENOENT)
			ret = 0;
		else
			erlrc_error_errno(err, "cannot read directory '%s'",
			    libdir);
		goto out;
	}
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		/* never a temporary ".APP-...": APP has no leading '.' */
		if (strncmp(de->d_name, prefix, plen) != 0 ||
		    de->d_name[plen] == '\0')
			continue;
		if (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode))
			continue;
		list = erlrc_xgrow(list, &cap, count, sizeof(*list));
		list[count++] = erlrc_xstrdup(de->d_name + plen);
	}
	if (errno) {
		erlrc_error_errno(err, "cannot read directory '%s'", libdir);
		closedir(d);
		goto out;
	}
	closedir(d);
	if (count > 0)
		qsort(list, count, sizeof(*list), cmp_str);
	*vsns = list;
	*n = count;
	list = NULL;
	count = 0;
	ret = 0;
out:
	erlrc_tree_free_versions(list, count);
	free(prefix);
	return ret;
}

/* erlrc_tree_free_versions - free what erlrc_tree_versions returned. */
void
erlrc_tree_free_versions(char **vsns, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(vsns[i]);
	free(vsns);
}

/* Is COPY (an entry of erlrc_tree_versions) VSN, or VSN+ID? */
static int
copy_of(const char *copy, const char *vsn)
{
	size_t len = strlen(vsn), i;

	if (strncmp(copy, vsn, len) != 0)
		return 0;
	if (copy[len] == '\0')
		return 1;
	if (copy[len] != '+' || strlen(copy + len + 1) != ERLRC_TREE_ID_LEN)
		return 0;
	for (i = len + 1; copy[i]; i++)
		if (!strchr("0123456789abcdef", copy[i]))
			return 0;
	return 1;
}

/* erlrc_tree_find - see tree.h. */
int
erlrc_tree_find(const char *libdir, const char *app, const char *vsn,
    char **dir, struct erlrc_error *err)
{
	struct timespec newest = { 0, 0 };
	struct stat st;
	char **copies, *box;
	size_t i, n;

	*dir = NULL;
	if (check_names(app, vsn, err) < 0 ||
	    erlrc_tree_versions(libdir, app, &copies, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!copy_of(copies[i], vsn))
			continue;
		box = erlrc_xasprintf("%s/%s-%s", libdir, app, copies[i]);
		if (stat(box, &st) == 0 && (!*dir ||
		    st.st_mtim.tv_sec > newest.tv_sec ||
		    (st.st_mtim.tv_sec == newest.tv_sec &&
		    st.st_mtim.tv_nsec > newest.tv_nsec))) {
			newest = st.st_mtim;
			free(*dir);
			*dir = strcmp(copies[i], vsn) == 0 ? erlrc_xstrdup(box) :
			    erlrc_xasprintf("%s/%s-%s", box, app, vsn);
		}
		free(box);
	}
	erlrc_tree_free_versions(copies, n);
	return 0;
}

/* erlrc_tree_apps - see tree.h. */
int
erlrc_tree_apps(const char *libdir, char ***apps, size_t *n,
    struct erlrc_error *err)
{
	char **names = NULL, *dash;
	size_t i, count = 0;
	int ret;
	DIR *d;

	*apps = NULL;
	*n = 0;
	d = opendir(libdir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return erlrc_error_errno(err, "cannot read directory '%s'",
		    libdir);
	}
	ret = sorted_names(d, libdir, &names, &count, err);
	closedir(d);
	if (ret < 0)
		return -1;
	for (i = 0; i < count; i++) {
		dash = strchr(names[i], '-');
		/* temporary ".APP-..." entries are not copies */
		if (names[i][0] == '.' || !dash || dash == names[i])
			continue;
		*dash = '\0';
		if (*n && strcmp((*apps)[*n - 1], names[i]) == 0)
			continue;
		*apps = erlrc_xrealloc(*apps, (*n + 1) * sizeof(**apps));
		(*apps)[(*n)++] = erlrc_xstrdup(names[i]);
	}
	erlrc_tree_free_versions(names, count);
	return 0;
}
