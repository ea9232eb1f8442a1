/* SPDX-License-Identifier: GPL-2.0-or-later */
/* debpkg.c - a binary Debian package, staged in a directory and built */
#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <md5.h>
#include <zlib.h>

#include <erlrc/cleanup.h>
#include <erlrc/debpkg.h>
#include <erlrc/dpkg.h>
#include <erlrc/paths.h>
#include <erlrc/subproc.h>
#include <erlrc/tree.h>
#include <erlrc/xalloc.h>

/* Deeper than this, a tree of symbolic links is taken for a loop. */
#define MAX_DEPTH 64

/* erlrc_debpkg_name_ok - see debpkg.h. */
int
erlrc_debpkg_name_ok(const char *name)
{
	const char *p;

	if (strlen(name) < 2 || !(islower((unsigned char)name[0]) ||
	    isdigit((unsigned char)name[0])))
		return 0;
	for (p = name; *p; p++)
		if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && !strchr("+-.", *p))
			return 0;
	return 1;
}

/* erlrc_debpkg_open - see debpkg.h. */
int
erlrc_debpkg_open(struct erlrc_debpkg *d, const char *outdir,
    struct erlrc_error *err)
{
	char *debian;

	memset(d, 0, sizeof(*d));
	d->outdir = erlrc_xstrdup(outdir);
	d->work = erlrc_xasprintf("%s/.makedeb-XXXXXX", outdir);
	if (!mkdtemp(d->work)) {
		erlrc_error_errno(err, "cannot create a directory in '%s'",
		    outdir);
		free(d->work);
		d->work = NULL;
		return -1;
	}
	(void)erlrc_cleanup_add(d->work);
	/* the root of the package: its mode goes into data.tar as "./" */
	d->stage = erlrc_xasprintf("%s/root", d->work);
	debian = erlrc_xasprintf("%s/DEBIAN", d->stage);
	if (mkdir(d->stage, 0755) < 0 || chmod(d->stage, 0755) < 0 ||
	    mkdir(debian, 0755) < 0) {
		erlrc_error_errno(err, "cannot prepare '%s'", d->stage);
		free(debian);
		return -1;
	}
	free(debian);
	return 0;
}

/* erlrc_debpkg_destroy - see debpkg.h. */
void
erlrc_debpkg_destroy(struct erlrc_debpkg *d)
{
	struct erlrc_error err = ERLRC_ERROR_INIT;
	size_t i;

	if (d->work) {
		(void)erlrc_tree_rmrf(d->work, &err);
		erlrc_cleanup_forget(d->work);
	}
	for (i = 0; i < d->nconffiles; i++)
		free(d->conffiles[i]);
	free(d->conffiles);
	free(d->work);
	free(d->stage);
	free(d->outdir);
	memset(d, 0, sizeof(*d));
}

/* STAGE + DEST, checked to be absolute, with no "." or ".." part. */
static char *
staged(struct erlrc_debpkg *d, const char *dest, struct erlrc_error *err)
{
	const char *p = dest;
	size_t len;

	if (*p != '/')
		goto bad;
	while (*p) {
		p++;
		len = strcspn(p, "/");
		if ((len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.'))
			goto bad;
		p += len;
	}
	return erlrc_xasprintf("%s%s", d->stage, dest);
bad:
	erlrc_error_set(err, ERLRC_ERR_INPUT, "bad target path '%s'", dest);
	return NULL;
}

/* mkdir -p of the directory that holds PATH. */
static int
mkparent(const char *path, struct erlrc_error *err)
{
	char *dir = erlrc_xstrdup(path), *slash = strrchr(dir, '/');
	int ret;

	*slash = '\0';
	ret = erlrc_paths_mkdirs(dir, 0755, err);
	free(dir);
	return ret;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write DATA to PATH (a new file) with MODE. */
static int
write_file(const char *path, const void *data, size_t len, mode_t mode,
    struct erlrc_error *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return erlrc_error_errno(err, "cannot create '%s'", path);
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0) {
		erlrc_error_errno(err, "cannot write '%s'", path);
		close(fd);
		return -1;
	}
	if (close(fd) < 0)
		return erlrc_error_errno(err, "cannot write '%s'", path);
	return 0;
}

/* erlrc_debpkg_add_file - see debpkg.h. */
int
erlrc_debpkg_add_file(struct erlrc_debpkg *d, const char *dest,
    const void *data, size_t len, int exec, struct erlrc_error *err)
{
	char *path = staged(d, dest, err);
	int ret = -1;

	if (path && mkparent(path, err) == 0)
		ret = write_file(path, data, len, exec ? 0755 : 0644, err);
	free(path);
	return ret;
}

/* erlrc_debpkg_add_conffile - see debpkg.h. */
int
erlrc_debpkg_add_conffile(struct erlrc_debpkg *d, const char *dest,
    const void *data, size_t len, struct erlrc_error *err)
{
	if (erlrc_debpkg_add_file(d, dest, data, len, 0, err) < 0)
		return -1;
	d->conffiles = erlrc_xrealloc(d->conffiles, (d->nconffiles + 1) *
	    sizeof(*d->conffiles));
	d->conffiles[d->nconffiles++] = erlrc_xstrdup(dest);
	return 0;
}

/* erlrc_debpkg_add_script - see debpkg.h. */
int
erlrc_debpkg_add_script(struct erlrc_debpkg *d, const char *name,
    const char *text, struct erlrc_error *err)
{
	char *path = erlrc_xasprintf("%s/DEBIAN/%s", d->stage, name);
	int ret = write_file(path, text, strlen(text), 0755, err);

	free(path);
	return ret;
}

static int
is_vcs(const char *name)
{
	static const char *const names[] = {
		".git", ".gitignore", ".gitattributes", ".gitkeep",
		".gitmodules", ".hg", ".hgignore", ".svn", ".bzr", "CVS",
		NULL,
	};
	size_t i;

	for (i = 0; names[i]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entry names of directory PATH but "." and "..", sorted. */
static int
list_dir(const char *path, char ***names, size_t *n, struct erlrc_error *err)
{
	DIR *dir = opendir(path);
	struct dirent *de;

	*names = NULL;
	*n = 0;
	if (!dir)
		return erlrc_error_errno(err, "cannot open directory '%s'",
		    path);
	for (;;) {
		errno = 0;
		de = readdir(dir);
		if (!de)
			break;
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		*names = erlrc_xrealloc(*names, (*n + 1) * sizeof(**names));
		(*names)[(*n)++] = erlrc_xstrdup(de->d_name);
	}
	if (errno) {
		erlrc_error_errno(err, "cannot read directory '%s'", path);
		closedir(dir);
		return -1;
	}
	closedir(dir);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_name);
	return 0;
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/*
 * Open SRC, a regular file that everyone may read, for what goes into a
 * package: the package makes it readable by all.  O_NONBLOCK: a FIFO is
 * refused, not waited on.
 */
static int
open_public(const char *src, int *fd, struct stat *st,
    struct erlrc_error *err)
{
	*fd = open(src, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (*fd < 0)
		return erlrc_error_errno(err, "cannot read '%s'", src);
	if (fstat(*fd, st) < 0) {
		erlrc_error_errno(err, "cannot read '%s'", src);
		goto bad;
	}
	if (!S_ISREG(st->st_mode)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is neither a file "
		    "nor a directory: it cannot go into a package", src);
		goto bad;
	}
	if (!(st->st_mode & S_IROTH)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not readable by "
		    "all (mode %04o), and a package would publish it: if it "
		    "may be, make it so (chmod a+r), else leave it out", src,
		    (unsigned)(st->st_mode & 07777));
		goto bad;
	}
	return 0;
bad:
	close(*fd);
	*fd = -1;
	return -1;
}

/* Read the whole of SRC, a file open_public accepts, into B. */
static int
read_public(const char *src, struct erlrc_buf *b, struct erlrc_error *err)
{
	struct stat st;
	int fd, ret;

	if (open_public(src, &fd, &st, err) < 0)
		return -1;
	ret = erlrc_buf_read_fd(b, fd, src, err);
	close(fd);
	return ret;
}

/* Copy file SRC, which open_public accepts, to the new file DST. */
static int
copy_file(const char *src, const char *dst, struct erlrc_error *err)
{
	char buf[65536];
	struct stat st;
	off_t left;
	ssize_t n;
	int in, out = -1, ret = -1;

	if (open_public(src, &in, &st, err) < 0)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    st.st_mode & 0111 ? 0755 : 0644);
	if (out < 0) {
		erlrc_error_errno(err, "cannot create '%s'", dst);
		goto out;
	}
	/* the size fstat gave, no more: a file that grows is an error */
	for (left = st.st_size; left >= 0;) {
		n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			erlrc_error_errno(err, "cannot read '%s'", src);
			goto out;
		}
		if (n == 0)
			break;
		if (n > left) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' grew while "
			    "it was copied", src);
			goto out;
		}
		left -= n;
		if (write_all(out, buf, (size_t)n) < 0) {
			erlrc_error_errno(err, "cannot write '%s'", dst);
			goto out;
		}
	}
	if (fchmod(out, st.st_mode & 0111 ? 0755 : 0644) < 0 ||
	    close(out) < 0) {
		out = -1;
		erlrc_error_errno(err, "cannot write '%s'", dst);
		goto out;
	}
	out = -1;
	ret = 0;
out:
	if (out >= 0)
		close(out);
	close(in);
	return ret;
}

/* Is PATH (resolved) ROOT or below it (ROOT resolved)? */
static int
inside(const char *path, const char *root)
{
	size_t n = strlen(root);

	return strncmp(path, root, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/' || strcmp(root, "/") == 0);
}

/*
 * Copy directory SRC to DST.  ROOT is the resolved directory the copy
 * began at: a symbolic link is followed only to what is inside it.
 */
static int
copy_tree(const char *src, const char *dst, const char *root, int depth,
    struct erlrc_error *err)
{
	char **names, *to;
	size_t n, i;
	int ret = -1;

	if (depth > MAX_DEPTH)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is nested "
		    "%d directories deep: a loop of symbolic links?", src,
		    MAX_DEPTH);
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return erlrc_error_errno(err, "cannot create '%s'", dst);
	if (chmod(dst, 0755) < 0)
		return erlrc_error_errno(err, "cannot chmod '%s'", dst);
	if (list_dir(src, &names, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char *s = erlrc_xasprintf("%s/%s", src, names[i]);
		char *t = erlrc_xasprintf("%s/%s", dst, names[i]);
		struct stat st;
		int r;

		to = NULL;
		if (is_vcs(names[i]))
			r = 0;
		else if (lstat(s, &st) < 0)
			r = erlrc_error_errno(err, "cannot read '%s'", s);
		else if (S_ISLNK(st.st_mode) &&
		    (!(to = realpath(s, NULL)) || !inside(to, root)))
			r = erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is a "
			    "symbolic link to %s%s%s, %s '%s': it cannot go "
			    "into a package (copy what it points to into the "
			    "tree, or remove it)", s, to ? "'" : "",
			    to ? to : "nothing that exists", to ? "'" : "",
			    to ? "outside" : "in", root);
		else if (to && stat(to, &st) < 0)
			r = erlrc_error_errno(err, "cannot read '%s'", s);
		else if (S_ISDIR(st.st_mode))
			r = copy_tree(s, t, root, depth + 1, err);
		else
			r = copy_file(s, t, err);
		free(to);
		free(s);
		free(t);
		if (r < 0)
			goto out;
	}
	ret = 0;
out:
	free_names(names, n);
	return ret;
}

/* erlrc_debpkg_add_tree - see debpkg.h. */
int
erlrc_debpkg_add_tree(struct erlrc_debpkg *d, const char *src,
    const char *dest, struct erlrc_error *err)
{
	char *path = staged(d, dest, err), *root = NULL;
	int ret = -1;

	if (!path)
		return -1;
	if (!(root = realpath(src, NULL)))
		erlrc_error_errno(err, "cannot read '%s'", src);
	else if (mkparent(path, err) == 0)
		ret = copy_tree(src, path, root, 0, err);
	free(root);
	free(path);
	return ret;
}

/* gzip -9n of DATA into OUT: no name, no time, so the same bytes give
 * the same file. */
static int
gzip_data(const char *data, size_t len, struct erlrc_buf *out,
    struct erlrc_error *err)
{
	z_stream z;
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM, "zlib: cannot "
		    "start compressing");
	erlrc_buf_grow(out, deflateBound(&z, len) + 32);
	z.next_in = (unsigned char *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (unsigned char *)out->s + out->len;
	z.avail_out = (uInt)(out->cap - out->len - 1);
	rc = deflate(&z, Z_FINISH);
	if (rc == Z_STREAM_END)
		out->len += z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END)
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM, "zlib: cannot "
		    "compress");
	out->s[out->len] = '\0';
	return 0;
}

/* erlrc_debpkg_add_docs - see debpkg.h. */
int
erlrc_debpkg_add_docs(struct erlrc_debpkg *d, const char *package,
    const char *version, const char *maintainer, time_t epoch,
    const char *copyright_file, const struct erlrc_buf *copyright_text,
    const char *change, struct erlrc_error *err)
{
	struct erlrc_buf text = ERLRC_BUF_INIT, gz = ERLRC_BUF_INIT;
	const char *colon = strchr(version, ':');
	char date[64], *dest = NULL;
	struct tm tm;
	int ret = -1;

	/* a Debian revision: the last '-' after the epoch */
	int native = !strchr(colon ? colon + 1 : version, '-');

	if (copyright_file && read_public(copyright_file, &text, err) < 0)
		goto out;
	if (!copyright_file)
		erlrc_buf_add(&text, copyright_text->s, copyright_text->len);
	dest = erlrc_xasprintf("/usr/share/doc/%s/copyright", package);
	if (erlrc_debpkg_add_file(d, dest, text.s ? text.s : "", text.len, 0,
	    err) < 0)
		goto out;
	free(dest);
	erlrc_buf_reset(&text);
	gmtime_r(&epoch, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	erlrc_buf_addf(&text, "%s (%s) unstable; urgency=medium\n\n"
	    "  * %s\n\n -- %s  %s\n", package, version, change, maintainer,
	    date);
	dest = NULL;
	if (gzip_data(text.s, text.len, &gz, err) < 0)
		goto out;
	dest = erlrc_xasprintf("/usr/share/doc/%s/%s", package, native ?
	    "changelog.gz" : "changelog.Debian.gz");
	if (erlrc_debpkg_add_file(d, dest, gz.s, gz.len, 0, err) < 0)
		goto out;
	ret = 0;
out:
	free(dest);
	erlrc_buf_destroy(&text);
	erlrc_buf_destroy(&gz);
	return ret;
}

/*
 * Is PATH an ELF file (*ELF: its first 4 bytes say so), and of which type
 * (*TYPE: ET_EXEC, ET_DYN, ET_REL, ...; ET_NONE when it is too short to
 * say)?
 */
static int
elf_kind(const char *path, int *elf, int *type, struct erlrc_error *err)
{
	unsigned char h[EI_NIDENT + 2];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return erlrc_error_errno(err, "cannot open '%s'", path);
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n < 0)
		return erlrc_error_errno(err, "cannot read '%s'", path);
	*elf = n >= SELFMAG && memcmp(h, ELFMAG, SELFMAG) == 0;
	*type = ET_NONE;
	/* e_type follows e_ident, in the byte order e_ident gives */
	if (*elf && n == (ssize_t)sizeof(h) && h[EI_DATA] == ELFDATA2LSB)
		*type = h[EI_NIDENT] | h[EI_NIDENT + 1] << 8;
	else if (*elf && n == (ssize_t)sizeof(h) && h[EI_DATA] == ELFDATA2MSB)
		*type = h[EI_NIDENT] << 8 | h[EI_NIDENT + 1];
	return 0;
}

/*
 * Walk the staged tree at PATH (REL its name in the package, "" for the
 * root, DEBIAN left out), calling FN for each entry in name order.
 */
static int
walk(const char *path, const char *rel, int (*fn)(void *ctx,
    const char *path, const char *rel, const struct stat *st,
    struct erlrc_error *err), void *ctx, struct erlrc_error *err)
{
	char **names;
	size_t n, i;
	int ret = -1;

	if (list_dir(path, &names, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char *p = erlrc_xasprintf("%s/%s", path, names[i]);
		char *r = erlrc_xasprintf("%s%s%s", rel, *rel ? "/" : "",
		    names[i]);
		struct stat st;
		int rc;

		if (!*rel && strcmp(names[i], "DEBIAN") == 0)
			rc = 0;
		else if (lstat(p, &st) < 0)
			rc = erlrc_error_errno(err, "cannot stat '%s'", p);
		else if ((rc = fn(ctx, p, r, &st, err)) == 0 &&
		    S_ISDIR(st.st_mode))
			rc = walk(p, r, fn, ctx, err);
		free(p);
		free(r);
		if (rc < 0)
			goto out;
	}
	ret = 0;
out:
	free_names(names, n);
	return ret;
}

static int
elf_one(void *ctx, const char *path, const char *rel, const struct stat *st,
    struct erlrc_error *err)
{
	int *has = ctx, yes = 0, type;

	if (*has || !S_ISREG(st->st_mode))
		return 0;
	if (elf_kind(path, &yes, &type, err) < 0)
		return -1;
	*has = yes;
	return 0;
}

/* erlrc_debpkg_has_elf - see debpkg.h. */
int
erlrc_debpkg_has_elf(struct erlrc_debpkg *d, const char *dest, int *has,
    struct erlrc_error *err)
{
	char *path = staged(d, dest, err);
	struct stat st;
	int ret = -1;

	*has = 0;
	if (!path)
		return -1;
	if (stat(path, &st) < 0 && errno == ENOENT)
		ret = 0;
	else
		ret = walk(path, dest + 1, elf_one, has, err);
	free(path);
	return ret;
}

/* The files of a staged tree that dpkg-shlibdeps is to read. */
struct shlib_files {
	char *root;		/* the staged root, resolved */
	char **argv;		/* "-eROOT/REL", for dpkg-shlibdeps */
	size_t n;
};

static int
shlib_one(void *ctx, const char *path, const char *rel, const struct stat *st,
    struct erlrc_error *err)
{
	struct shlib_files *f = ctx;
	int elf, type;

	if (!S_ISREG(st->st_mode))
		return 0;
	if (elf_kind(path, &elf, &type, err) < 0)
		return -1;
	/* only what the dynamic linker loads needs libraries: an object
	 * file (ET_REL) or a core dump has none to find */
	if (!elf || (type != ET_EXEC && type != ET_DYN))
		return 0;
	f->argv = erlrc_xrealloc(f->argv, (f->n + 1) * sizeof(*f->argv));
	/* -e joined to its file: "-e FILE" would be an empty name and then
	 * FILE, which dpkg-shlibdeps reads both */
	f->argv[f->n++] = erlrc_xasprintf("-e%s/%s", f->root, rel);
	return 0;
}

/* The line "shlibs:Depends=V" of OUT, dpkg-shlibdeps -O's: V, or "". */
static char *
shlibs_value(const char *out)
{
	static const char key[] = "shlibs:Depends=";
	const char *p = out;

	while (*p) {
		if (strncmp(p, key, sizeof(key) - 1) == 0)
			return erlrc_xstrndup(p + sizeof(key) - 1,
			    strcspn(p + sizeof(key) - 1, "\n"));
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	return erlrc_xstrdup("");
}

/*
 * The directory dpkg-shlibdeps runs in: it reads debian/control there,
 * to know the packages of the source, and nothing else that we have.
 * Kept in the private directory, out of the package and out of OUTDIR.
 */
static char *
shlibdeps_dir(struct erlrc_debpkg *d, const char *package,
    struct erlrc_error *err)
{
	char *dir = erlrc_xasprintf("%s/shlibdeps", d->work);
	char *debian = erlrc_xasprintf("%s/debian", dir);
	char *control = erlrc_xasprintf("%s/control", debian);
	char *text = erlrc_xasprintf("Source: %s\n\nPackage: %s\n"
	    "Architecture: any\n", package, package);

	if (erlrc_paths_mkdirs(debian, 0755, err) < 0)
		goto bad;
	/* a second run writes it anew */
	if (unlink(control) < 0 && errno != ENOENT) {
		erlrc_error_errno(err, "cannot remove '%s'", control);
		goto bad;
	}
	if (write_file(control, text, strlen(text), 0644, err) < 0)
		goto bad;
	free(text);
	free(control);
	free(debian);
	return dir;
bad:
	free(text);
	free(control);
	free(debian);
	free(dir);
	return NULL;
}

/*
 * "--admindir=DIR" for a program that runs in another directory than
 * ours: DIR relative to ours made absolute.  A new string, or NULL with
 * err set.
 */
static char *
admindir_arg(const char *dir, struct erlrc_error *err)
{
	char *cwd, *arg;

	if (dir[0] == '/')
		return erlrc_xasprintf("--admindir=%s", dir);
	if (!(cwd = getcwd(NULL, 0))) {
		erlrc_error_errno(err, "cannot resolve '%s'", dir);
		return NULL;
	}
	arg = erlrc_xasprintf("--admindir=%s/%s", cwd, dir);
	free(cwd);
	return arg;
}

/* erlrc_debpkg_shlibdeps - see debpkg.h. */
int
erlrc_debpkg_shlibdeps(struct erlrc_debpkg *d, const char *dest,
    const char *package, const char *admindir, char **depends,
    struct erlrc_error *err)
{
	struct shlib_files f = { NULL, NULL, 0 };
	struct erlrc_buf out = ERLRC_BUF_INIT;
	char *path = staged(d, dest, err), *dir = NULL, *admin = NULL;
	const char **argv = NULL;
	struct stat st;
	size_t i, n = 0;
	int ret = -1;

	*depends = NULL;
	if (!path)
		return -1;
	if (stat(path, &st) < 0 && errno == ENOENT) {
		*depends = erlrc_xstrdup("");
		free(path);
		return 0;
	}
	if (!(f.root = realpath(d->stage, NULL))) {
		erlrc_error_errno(err, "cannot resolve '%s'", d->stage);
		goto out;
	}
	if (walk(path, dest + 1, shlib_one, &f, err) < 0)
		goto out;
	if (f.n == 0) {
		*depends = erlrc_xstrdup("");
		ret = 0;
		goto out;
	}
	if (!(dir = shlibdeps_dir(d, package, err)))
		goto out;
	argv = erlrc_xmalloc((f.n + 4) * sizeof(*argv));
	argv[n++] = "dpkg-shlibdeps";
	if (admindir && !(admin = admindir_arg(admindir, err)))
		goto out;
	if (admin)
		argv[n++] = admin;
	argv[n++] = "-O";
	for (i = 0; i < f.n; i++)
		argv[n++] = f.argv[i];
	argv[n] = NULL;
	if (erlrc_subproc_output(argv, NULL, dir, &out, err) < 0) {
		if (err->code == ERLRC_ERR_NOTFOUND)
			erlrc_error_set(err, ERLRC_ERR_NOTFOUND, "the ELF "
			    "files in %s need dpkg-shlibdeps to find the "
			    "libraries they link with, and it is not "
			    "installed: install dpkg-dev", dest);
		else
			erlrc_error_prefix(err, "cannot find the libraries "
			    "that the ELF files in %s link with", dest);
		goto out;
	}
	*depends = shlibs_value(erlrc_buf_str(&out));
	ret = 0;
out:
	for (i = 0; i < f.n; i++)
		free(f.argv[i]);
	free(f.argv);
	free(f.root);
	free(argv);
	free(admin);
	free(dir);
	free(path);
	erlrc_buf_destroy(&out);
	return ret;
}

static int
size_one(void *ctx, const char *path, const char *rel, const struct stat *st,
    struct erlrc_error *err)
{
	unsigned long *kib = ctx;

	if (S_ISREG(st->st_mode))
		*kib += (unsigned long)((st->st_size + 1023) / 1024);
	else
		*kib += 1;
	return 0;
}

/* erlrc_debpkg_installed_size - see debpkg.h. */
int
erlrc_debpkg_installed_size(struct erlrc_debpkg *d, unsigned long *kib,
    struct erlrc_error *err)
{
	*kib = 0;
	return walk(d->stage, "", size_one, kib, err);
}

/* erlrc_debpkg_description - see debpkg.h. */
void
erlrc_debpkg_description(struct erlrc_buf *out, const char *synopsis,
    const char *extended)
{
	const char *p = extended, *nl;

	erlrc_buf_addf(out, "Description: %s\n", synopsis);
	while (p && *p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl == p || strspn(p, " \t") == (size_t)(nl - p))
			erlrc_buf_adds(out, " .\n");
		else {
			erlrc_buf_addc(out, ' ');
			erlrc_buf_add(out, p, (size_t)(nl - p));
			erlrc_buf_addc(out, '\n');
		}
		p = *nl ? nl + 1 : nl;
	}
}

struct sums {
	const struct erlrc_debpkg *d;
	struct erlrc_buf *out;
};

static int
sum_one(void *ctx, const char *path, const char *rel, const struct stat *st,
    struct erlrc_error *err)
{
	struct sums *s = ctx;
	unsigned char digest[MD5_DIGEST_LENGTH], buf[65536];
	MD5_CTX md5;
	ssize_t n;
	size_t i;
	int fd;

	if (!S_ISREG(st->st_mode))
		return 0;
	for (i = 0; i < s->d->nconffiles; i++)
		if (strcmp(s->d->conffiles[i] + 1, rel) == 0)
			return 0;
	/* staged by us, of any size: read a block at a time */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return erlrc_error_errno(err, "cannot read '%s'", path);
	MD5Init(&md5);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			erlrc_error_errno(err, "cannot read '%s'", path);
			close(fd);
			return -1;
		}
		MD5Update(&md5, buf, (size_t)n);
	}
	close(fd);
	MD5Final(digest, &md5);
	for (i = 0; i < sizeof(digest); i++)
		erlrc_buf_addf(s->out, "%02x", digest[i]);
	erlrc_buf_addf(s->out, "  %s\n", rel);
	return 0;
}

/* Write DEBIAN/NAME. */
static int
write_meta(struct erlrc_debpkg *d, const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	char *path = erlrc_xasprintf("%s/DEBIAN/%s", d->stage, name);
	int ret = write_file(path, text, len, 0644, err);

	free(path);
	return ret;
}

/* erlrc_debpkg_build - see debpkg.h. */
int
erlrc_debpkg_build(struct erlrc_debpkg *d, const char *control,
    const char *filename, time_t epoch, char **path, struct erlrc_error *err)
{
	struct erlrc_buf sums = ERLRC_BUF_INIT, conf = ERLRC_BUF_INIT;
	struct sums ctx = { d, &sums };
	char *tmp = NULL, *out = NULL, env[64];
	const char *argv[8], *envv[2];
	int ret = -1;
	size_t i;

	*path = NULL;
	if (walk(d->stage, "", sum_one, &ctx, err) < 0)
		goto out;
	for (i = 0; i < d->nconffiles; i++)
		erlrc_buf_addf(&conf, "%s\n", d->conffiles[i]);
	if (write_meta(d, "control", control, strlen(control), err) < 0 ||
	    write_meta(d, "md5sums", erlrc_buf_str(&sums), sums.len,
	    err) < 0 || (d->nconffiles && write_meta(d, "conffiles",
	    erlrc_buf_str(&conf), conf.len, err) < 0))
		goto out;
	tmp = erlrc_xasprintf("%s/%s", d->work, filename);
	out = erlrc_xasprintf("%s/%s", d->outdir, filename);
	snprintf(env, sizeof(env), "SOURCE_DATE_EPOCH=%lld",
	    (long long)epoch);
	envv[0] = env;
	envv[1] = NULL;
	argv[0] = "dpkg-deb";
	argv[1] = "--root-owner-group";
	argv[2] = "-Zxz";
	argv[3] = "--threads-max=1";
	argv[4] = "--build";
	argv[5] = d->stage;
	argv[6] = tmp;
	argv[7] = NULL;
	if (erlrc_subproc_run(argv, envv, err) < 0) {
		(void)unlink(tmp);
		goto out;
	}
	if (rename(tmp, out) < 0) {
		erlrc_error_errno(err, "cannot rename '%s' to '%s'", tmp, out);
		(void)unlink(tmp);
		goto out;
	}
	*path = out;
	out = NULL;
	ret = 0;
out:
	free(tmp);
	free(out);
	erlrc_buf_destroy(&sums);
	erlrc_buf_destroy(&conf);
	return ret;
}

void
erlrc_debdeps_init(struct erlrc_debdeps *d)
{
	d->v = NULL;
	d->n = 0;
}

void
erlrc_debdeps_destroy(struct erlrc_debdeps *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].pkg);
		free(d->v[i].op);
		free(d->v[i].ver);
	}
	free(d->v);
	erlrc_debdeps_init(d);
}

/* erlrc_debdeps_add - see debpkg.h. */
int
erlrc_debdeps_add(struct erlrc_debdeps *d, const char *pkg, const char *op,
    const char *ver, struct erlrc_error *err)
{
	struct erlrc_debdep *c;
	size_t i;
	int cmp;

	for (i = 0; i < d->n; i++) {
		c = &d->v[i];
		if (strcmp(c->pkg, pkg) != 0)
			continue;
		if (!op)
			return 0;
		if (!c->op) {
			c->op = erlrc_xstrdup(op);
			c->ver = erlrc_xstrdup(ver);
			return 0;
		}
		if (strcmp(c->op, op) == 0 && strcmp(c->ver, ver) == 0)
			return 0;
		/* two lower bounds: the higher says both */
		if (strcmp(c->op, ">=") == 0 && strcmp(op, ">=") == 0) {
			if (erlrc_dpkg_version_compare(ver, c->ver, &cmp,
			    err) < 0)
				return -1;
			if (cmp > 0) {
				free(c->ver);
				c->ver = erlrc_xstrdup(ver);
			}
			return 0;
		}
	}
	d->v = erlrc_xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
	c = &d->v[d->n++];
	c->pkg = erlrc_xstrdup(pkg);
	c->op = op ? erlrc_xstrdup(op) : NULL;
	c->ver = op ? erlrc_xstrdup(ver) : NULL;
	return 0;
}

/* erlrc_debdeps_format - see debpkg.h. */
void
erlrc_debdeps_format(const struct erlrc_debdeps *d, struct erlrc_buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		erlrc_buf_addf(out, "%s%s", i ? ", " : "", d->v[i].pkg);
		if (d->v[i].op)
			erlrc_buf_addf(out, " (%s %s)", d->v[i].op,
			    d->v[i].ver);
	}
}

/* VALUE in single quotes for sh. */
static void
add_quoted(struct erlrc_buf *out, const char *value)
{
	const char *p;

	erlrc_buf_addc(out, '\'');
	for (p = value; *p; p++) {
		if (*p == '\'')
			erlrc_buf_adds(out, "'\\''");
		else
			erlrc_buf_addc(out, *p);
	}
	erlrc_buf_addc(out, '\'');
}

/* Replace the LEN bytes of TEXT at OFF by WITH. */
static void
replace_at(struct erlrc_buf *text, size_t off, size_t len, const char *with)
{
	struct erlrc_buf out = ERLRC_BUF_INIT;

	erlrc_buf_add(&out, text->s, off);
	erlrc_buf_adds(&out, with);
	erlrc_buf_adds(&out, text->s + off + len);
	erlrc_buf_destroy(text);
	*text = out;
}

/* Replace the line TOKEN of TEXT by WITH; -1 when TEXT has no such line. */
static int
replace_line(struct erlrc_buf *text, const char *token, const char *with)
{
	const char *s = erlrc_buf_str(text), *at = strstr(s, token);
	size_t len = strlen(token);

	if (!at || (at != s && at[-1] != '\n') || at[len] != '\n')
		return -1;
	replace_at(text, (size_t)(at - s), len, with);
	return 0;
}

/* erlrc_debpkg_add_script_from - see debpkg.h. */
int
erlrc_debpkg_add_script_from(struct erlrc_debpkg *d, const char *datadir,
    const char *name, const char *hook, const char *package,
    const char *const *vars, struct erlrc_error *err)
{
	struct erlrc_buf text = ERLRC_BUF_INIT, frag = ERLRC_BUF_INIT;
	struct erlrc_buf assign = ERLRC_BUF_INIT;
	char *tpath = erlrc_xasprintf("%s/templates/%s", datadir, name);
	char *hpath = erlrc_xasprintf("%s/hooks/%s", datadir, hook);
	const char *at;
	size_t i;
	int ret = -1;

	if (erlrc_buf_read_file(&text, tpath, err) < 0 ||
	    erlrc_buf_read_file(&frag, hpath, err) < 0)
		goto out;
	while (frag.len && frag.s[frag.len - 1] == '\n')
		frag.s[--frag.len] = '\0';
	for (i = 0; vars[i]; i += 2) {
		erlrc_buf_addf(&assign, "%s%s=", i ? "\n" : "", vars[i]);
		add_quoted(&assign, vars[i + 1]);
	}
	/* the package's name, in the comment at the top */
	while ((at = strstr(erlrc_buf_str(&text), "#PACKAGE#")))
		replace_at(&text, (size_t)(at - text.s), strlen("#PACKAGE#"),
		    package);
	if (replace_line(&text, "#ERLRC_VARS#", erlrc_buf_str(&assign)) < 0 ||
	    replace_line(&text, "#ERLRC_HOOK#", erlrc_buf_str(&frag)) < 0) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: no line "
		    "#ERLRC_VARS# or #ERLRC_HOOK#", tpath);
		goto out;
	}
	ret = erlrc_debpkg_add_script(d, name, erlrc_buf_str(&text), err);
out:
	free(tpath);
	free(hpath);
	erlrc_buf_destroy(&text);
	erlrc_buf_destroy(&frag);
	erlrc_buf_destroy(&assign);
	return ret;
}

/* erlrc_debpkg_maintainer - see debpkg.h. */
int
erlrc_debpkg_maintainer(const char *given, char **out,
    struct erlrc_error *err)
{
	const char *full = getenv("DEBFULLNAME"), *mail = getenv("DEBEMAIL");

	*out = NULL;
	if (given)
		*out = erlrc_xstrdup(given);
	else if (mail && strchr(mail, '<'))
		*out = erlrc_xstrdup(mail);
	else if (mail && *mail && full && *full)
		*out = erlrc_xasprintf("%s <%s>", full, mail);
	else
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "no maintainer: "
		    "give one with 'maintainer:' in the spec, or set "
		    "DEBFULLNAME and DEBEMAIL");
	return 0;
}
