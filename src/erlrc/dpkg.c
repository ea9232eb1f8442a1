/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dpkg.c - Debian versions and the package database, read by libdpkg */

/*
 * The one file of erlrc that includes libdpkg (DESIGN §2).  libdpkg has
 * two ways of reporting trouble: parseversion() fills a struct dpkg_error,
 * as an error or as a mere warning, and anything fatal goes through
 * ohshit(), which unwinds to the innermost error context and by default
 * prints and exits.  Every call below runs inside an error context of our
 * own whose handler jumps back here, so a fatal error becomes an error
 * return.  The exceptions are the errors libdpkg marks unrecoverable
 * (onerr_abort) before it calls ohshit(), and then prints and exits 2
 * without asking the handler: running out of memory, which we leave to
 * it (without a context it would crash instead), and a files list it
 * cannot read or parse, which we check ourselves before it reads any
 * (see lists_check()).
 */
#define LIBDPKG_VOLATILE_API 1

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dpkg/dpkg.h>
#include <dpkg/dpkg-db.h>
#include <dpkg/arch.h>
#include <dpkg/db-ctrl.h>
#include <dpkg/db-fsys.h>
#include <dpkg/ehandle.h>
#include <dpkg/error.h>
#include <dpkg/path.h>
#include <dpkg/report.h>
#include <dpkg/version.h>

#include <erlrc/dpkg.h>
#include <erlrc/xalloc.h>

/* Quote at most this many bytes of a version in a message. */
#define QUOTE_MAX 200
/* Room for the quoted bytes, each escaped as \xHH at worst, and "...". */
#define QUOTE_SIZE (QUOTE_MAX * 4 + 4)

enum strictness {
	PARSE_LAX,	/* as dpkg --compare-versions: warnings accepted */
	PARSE_STRICT,	/* as dpkg-deb --build: warnings are errors */
};

enum outcome {
	PARSE_FATAL = -1,	/* libdpkg raised a fatal error */
	PARSE_OK = 0,		/* every version parsed */
	PARSE_BAD,		/* libdpkg refused one */
	PARSE_NO_VERSION,	/* one was "<unknown>" while comparing */
};

/*
 * One trip into libdpkg: up to two versions, parsed into libdpkg's memory
 * and valid until versions_destroy().
 */
struct versions {
	const char *s[2];
	int n;				/* how many of s[] to parse */
	enum strictness strict;
	struct dpkg_version v[2];
	int cur;			/* index of the one being parsed */
	struct dpkg_error derr;		/* why s[cur] is bad */
	char fatal[ERLRC_ERROR_MAX];	/* what a fatal ohshit() said */
};

/*
 * Copy S into OUT for a message between quotes: control characters are
 * escaped so the message stays on one line, and a long S is cut.
 */
static void
quote(char out[QUOTE_SIZE], const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; s[i] != '\0' && i < QUOTE_MAX; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 0xf];
		} else {
			out[o++] = (char)c;
		}
	}
	if (s[i] != '\0') {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/* Error printer of our error context: keep the message, print nothing. */
static void
keep_fatal(const char *emsg, const void *data)
{
	struct versions *vs = (struct versions *)data;

	snprintf(vs->fatal, sizeof(vs->fatal), "%s", emsg ? emsg : "");
}

/*
 * Parse vs->s[0 .. n-1] with libdpkg, stopping at the first bad one (a
 * warning is bad only when parsing strictly), which vs->cur then names;
 * for PARSE_BAD, vs->derr says why.  May ohshit().
 */
static enum outcome
versions_parse_each(struct versions *vs)
{
	for (vs->cur = 0; vs->cur < vs->n; vs->cur++) {
		/* dpkg --compare-versions reads it as no version at all. */
		if (vs->strict == PARSE_LAX &&
		    strcmp(vs->s[vs->cur], "<unknown>") == 0)
			return PARSE_NO_VERSION;
		if (parseversion(&vs->v[vs->cur], vs->s[vs->cur],
		    &vs->derr) == 0)
			continue;
		/* A warning still fills the version: dpkg compares it. */
		if (vs->derr.type == DPKG_MSG_WARN &&
		    vs->strict == PARSE_LAX) {
			dpkg_error_destroy(&vs->derr);
			continue;
		}
		return PARSE_BAD;
	}
	return PARSE_OK;
}

/*
 * versions_parse_each() inside an error context of our own.  Returns what
 * it returns, or PARSE_FATAL with vs->cur and vs->fatal set.
 */
static enum outcome
versions_parse(struct versions *vs)
{
	jmp_buf jump;
	enum outcome rc;

	vs->fatal[0] = '\0';
	push_error_context_jump(&jump, keep_fatal, vs);
	if (setjmp(jump) != 0) {
		/* Unwinding gives the message to keep_fatal. */
		pop_error_context(ehflag_bombout);
		return PARSE_FATAL;
	}
	rc = versions_parse_each(vs);
	pop_error_context(ehflag_normaltidy);
	return rc;
}

/*
 * Parse with versions_parse(), and turn a bad version or a fatal error
 * into ERR.  Whatever the result, versions_destroy() must follow.
 */
static int
versions_read(struct versions *vs, struct erlrc_error *err)
{
	char q[QUOTE_SIZE];
	enum outcome rc;

	rc = versions_parse(vs);
	if (rc == PARSE_OK)
		return 0;
	quote(q, vs->s[vs->cur]);
	if (rc == PARSE_FATAL)
		return erlrc_error_set(err, ERLRC_ERR_SYSTEM,
		    "version '%s': libdpkg failed: %s", q, vs->fatal);
	if (rc == PARSE_NO_VERSION)
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "version '%s' has bad syntax: dpkg reads it as no version",
		    q);
	return erlrc_error_set(err, ERLRC_ERR_INPUT,
	    "version '%s' has bad syntax: %s", q,
	    vs->derr.str ? vs->derr.str : "unknown error");
}

/*
 * Free what libdpkg allocated.  parseversion() copies the version into
 * libdpkg's non-freeing allocator (nfmalloc), which only nffreeall()
 * empties, so emptying it here keeps each call from growing the process.
 * The package database lives in the same allocator, but only while
 * erlrc_dpkg_owner() runs: it drops the database before it returns, so
 * none is ever alive here.
 */
static void
versions_destroy(struct versions *vs)
{
	dpkg_error_destroy(&vs->derr);
	nffreeall();
}

static void
versions_init(struct versions *vs, enum strictness strict, const char *a,
    const char *b)
{
	memset(vs, 0, sizeof(*vs));
	vs->s[0] = a;
	vs->s[1] = b;
	vs->n = b ? 2 : 1;
	vs->strict = strict;
	vs->derr = DPKG_ERROR_OBJECT;
}

/*
 * erlrc_dpkg_version_check - is S a version dpkg-deb --build takes?
 * dpkg-deb turns parseversion()'s warnings into errors; its control file
 * parser also strips blanks around the value, so a version with blanks
 * around it would not be the one the package gets.  Returns 0, or -1 with
 * err set (ERLRC_ERR_INPUT).
 */
int
erlrc_dpkg_version_check(const char *s, struct erlrc_error *err)
{
	struct versions vs;
	char q[QUOTE_SIZE];
	size_t len;
	int rc;

	versions_init(&vs, PARSE_STRICT, s, NULL);
	rc = versions_read(&vs, err);
	versions_destroy(&vs);
	if (rc < 0)
		return -1;
	/* libdpkg refused "" and all-blank strings already. */
	len = strlen(s);
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
	    s[len - 1] == '\t') {
		quote(q, s);
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "version '%s' has bad syntax: version string has "
		    "leading or trailing spaces", q);
	}
	return 0;
}

/*
 * erlrc_dpkg_version_compare - order A and B as dpkg does: *CMP gets -1,
 * 0 or 1.  Versions dpkg only warns about are compared; "<unknown>",
 * which dpkg --compare-versions reads as no version at all, is refused
 * rather than compared as text.  Returns 0, or -1 with err set
 * (ERLRC_ERR_INPUT) about the first bad version.
 */
int
erlrc_dpkg_version_compare(const char *a, const char *b, int *cmp,
    struct erlrc_error *err)
{
	struct versions vs;
	int rc, r;

	versions_init(&vs, PARSE_LAX, a, b);
	rc = versions_read(&vs, err);
	if (rc == 0) {
		r = dpkg_version_compare(&vs.v[0], &vs.v[1]);
		*cmp = (r > 0) - (r < 0);
	}
	versions_destroy(&vs);
	return rc;
}

/*
 * The package database.  libdpkg keeps it in process-global state that
 * nothing resets as a whole: the admindir, the info directory and its
 * format (cached on first use), the package hash, the file hash (which
 * points into the package hash's memory), and a flag saying every files
 * list is loaded, after which ensure_allinstfiles_available() loads
 * nothing more.  Each erlrc_dpkg_owner() sets every one of them up and
 * drops the database before it returns, so that no call sees what an
 * earlier one loaded, from the same admindir or another.
 */

/* One erlrc_dpkg_owner() call. */
struct owner {
	const char *admindir;		/* as the caller gave it */
	char *path;			/* trimmed as dpkg-query -S does */
	char *dir;			/* the admindir libdpkg uses */
	char *buf;			/* the files list being checked */
	size_t size;			/* bytes allocated for buf */
	char *package;			/* the owner found */
	char *version;
	struct erlrc_error *err;	/* why we refused the database */
	char fatal[ERLRC_ERROR_MAX];	/* what a fatal ohshit() said */
};

/*
 * Error printer of our error context: keep the message, on one line
 * (libdpkg's parse errors put the reason on a line of its own), and
 * print nothing.
 */
static void
owner_keep_fatal(const char *emsg, const void *data)
{
	struct owner *o = (struct owner *)data;
	size_t i = 0;

	for (; emsg && *emsg && i < sizeof(o->fatal) - 1; emsg++) {
		if (*emsg != '\n') {
			o->fatal[i++] = *emsg;
			continue;
		}
		while (emsg[1] == ' ' || emsg[1] == '\t')
			emsg++;
		o->fatal[i++] = ' ';
	}
	o->fatal[i] = '\0';
}

/* Warning printer while the database is loaded: libdpkg must not print. */
static void
drop_warning(const char *msg, void *data)
{
}

/*
 * libdpkg reads a missing admindir or status file as an empty database,
 * in which nothing is installed: refuse both instead.
 */
static int
db_check(struct owner *o)
{
	struct stat st;
	char *status;
	int fd, rc = 0;

	if (stat(o->dir, &st) < 0)
		return erlrc_error_errno(o->err, "dpkg database '%s'", o->dir);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return erlrc_error_errno(o->err, "dpkg database '%s'", o->dir);
	}
	status = erlrc_xpathjoin(o->dir, "status");
	fd = open(status, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		rc = erlrc_error_errno(o->err, "dpkg database '%s': read '%s'",
		    o->dir, status);
	else
		close(fd);
	free(status);
	return rc;
}

/*
 * Read the files list FILE into o->buf, as its *LEN bytes.  Returns 0, 1
 * when FILE does not exist (libdpkg reads that as a package with no
 * files), or -1 with o->err set.
 */
static int
list_read(struct owner *o, const char *file, size_t *len)
{
	struct stat st;
	ssize_t n;
	int fd, rc = 0;

	*len = 0;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : erlrc_error_errno(o->err,
		    "files list '%s': read", file);
	if (fstat(fd, &st) < 0) {
		rc = erlrc_error_errno(o->err, "files list '%s': read", file);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		rc = erlrc_error_set(o->err, ERLRC_ERR_INPUT,
		    "files list '%s' is not a regular file", file);
		goto out;
	}
	for (;;) {
		if (o->size - *len < 4096) {
			o->size = o->size * 2 + 4096 + (size_t)st.st_size;
			o->buf = erlrc_xrealloc(o->buf, o->size);
		}
		n = read(fd, o->buf + *len, o->size - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = erlrc_error_errno(o->err, "files list '%s': read",
			    file);
			goto out;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
out:
	close(fd);
	return rc;
}

/*
 * Check the files list FILE the way libdpkg parses it: every line ends
 * in a newline and names something once a trailing "/" is dropped.
 * Returns 0, 1 when FILE does not exist, or -1 with o->err set.
 */
static int
list_check(struct owner *o, const char *file)
{
	const char *line, *nl, *end;
	unsigned long lineno = 1;
	size_t len, n;
	int rc;

	rc = list_read(o, file, &len);
	if (rc != 0)
		return rc;
	end = o->buf + len;
	for (line = o->buf; line < end; line = nl + 1, lineno++) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			return erlrc_error_set(o->err, ERLRC_ERR_INPUT,
			    "files list '%s' is missing its final newline",
			    file);
		n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '/')
			n--;
		if (n == 0)
			return erlrc_error_set(o->err, ERLRC_ERR_INPUT,
			    "files list '%s': line %lu: empty filename", file,
			    lineno);
	}
	return 0;
}

/*
 * Check every files list libdpkg is about to load, and mark it to be
 * loaded.  libdpkg reads them with errors made unrecoverable: one it
 * cannot read (other than a missing one) or parse would make it print
 * and exit the process, so it must see none.  A list that changes
 * between our reading and libdpkg's is one dpkg replaced whole (it
 * writes them by rename), so it is as good as the one we checked.  A
 * missing list is marked loaded and empty here, which is what libdpkg
 * would make of it, but without the warning, and without the error
 * message libdpkg 1.21 leaks each time.  Returns 0, or -1 with o->err
 * set.  May ohshit().
 */
static int
lists_check(struct owner *o)
{
	struct pkg_hash_iter *iter;
	struct pkginfo *pkg;
	int rc = 0;

	/* Read info/format now, which may ohshit(), with nothing to leak. */
	pkg_infodb_get_format();
	iter = pkg_hash_iter_new();
	while ((pkg = pkg_hash_iter_next_pkg(iter)) != NULL) {
		/*
		 * Also clears the "all loaded" flag an earlier call set
		 * (with no package at all, there is nothing to load).
		 */
		note_must_reread_files_inpackage(pkg);
		/* libdpkg loads no list for these. */
		if (pkg->status == PKG_STAT_NOTINSTALLED)
			continue;
		rc = list_check(o, pkg_infodb_get_file(pkg, &pkg->installed,
		    LISTFILE));
		if (rc < 0)
			break;
		if (rc == 1) {
			pkg->files = NULL;
			pkg->files_list_valid = true;
			rc = 0;
		}
	}
	pkg_hash_iter_free(iter);
	return rc;
}

/* Whether a package in PKG's state has its files on the system. */
static int
owns_files(const struct pkginfo *pkg)
{
	switch (pkg->status) {
	case PKG_STAT_UNPACKED:
	case PKG_STAT_HALFCONFIGURED:
	case PKG_STAT_TRIGGERSAWAITED:
	case PKG_STAT_TRIGGERSPENDING:
	case PKG_STAT_INSTALLED:
		return 1;
	default:
		return 0;
	}
}

/*
 * Look o->path up in the loaded database: the first package that owns
 * it, in the order dpkg-query -S lists them.  Returns 1 with o->package
 * and o->version set, or 0.
 */
static int
owner_lookup(struct owner *o)
{
	struct fsys_node_pkgs_iter *iter;
	struct fsys_namenode *node;
	struct pkginfo *pkg;

	node = fsys_hash_find_node(o->path, FHFF_NONE);
	if (node == NULL)
		return 0;
	iter = fsys_node_pkgs_iter_new(node);
	while ((pkg = fsys_node_pkgs_iter_next(iter)) != NULL) {
		if (!owns_files(pkg))
			continue;
		o->package = erlrc_xstrdup(pkg_name(pkg, pnaw_nonambig));
		o->version = erlrc_xstrdup(versiondescribe(
		    &pkg->installed.version, vdew_nonambig));
		break;
	}
	fsys_node_pkgs_iter_free(iter);
	return o->package != NULL;
}

/*
 * Point libdpkg at the admindir, load the database read-only with every
 * files list, and look o->path up.  Returns 1, 0, or -1 with o->err set.
 * May ohshit().
 */
static int
owner_search(struct owner *o)
{
	dpkg_db_set_dir(o->admindir);
	/* Both are cached from the first admindir otherwise. */
	pkg_infodb_reset_dir();
	pkg_infodb_set_format(PKG_INFODB_FORMAT_UNKNOWN);
	o->dir = erlrc_xstrdup(dpkg_db_get_dir());
	if (db_check(o) < 0)
		return -1;
	modstatdb_open(msdbrw_readonly);
	if (lists_check(o) < 0)
		return -1;
	ensure_allinstfiles_available_quiet();
	return owner_lookup(o);
}

/*
 * Drop the database: the package hash and everything in libdpkg's
 * non-freeing allocator (modstatdb_shutdown() does that, and frees
 * nothing else when read-only), then the file hash, whose nodes lived
 * there too.  Read-only, none of it can fail, nor does it care how far
 * loading got.
 */
static void
db_drop(void)
{
	modstatdb_shutdown();
	fsys_hash_reset();
}

/*
 * owner_search() inside an error context of our own, with libdpkg's
 * warnings dropped.  Returns what it returns, or -1 with o->err set
 * from what a fatal error said.
 */
static int
owner_run(struct owner *o)
{
	jmp_buf jump;
	int rc;

	o->fatal[0] = '\0';
	dpkg_set_warning_printer(drop_warning, NULL);
	push_error_context_jump(&jump, owner_keep_fatal, o);
	if (setjmp(jump) != 0) {
		/* Unwinding gives the message to owner_keep_fatal. */
		pop_error_context(ehflag_bombout);
		rc = erlrc_error_set(o->err, ERLRC_ERR_SYSTEM,
		    "dpkg database '%s': %s", o->dir ? o->dir : "?",
		    o->fatal);
		goto out;
	}
	rc = owner_search(o);
	pop_error_context(ehflag_normaltidy);
out:
	db_drop();
	dpkg_set_warning_printer(dpkg_warning_printer, NULL);
	return rc;
}

/*
 * erlrc_dpkg_owner - which package owns PATH in the dpkg database at
 * ADMINDIR (NULL: the default)?  Loads the database read-only as
 * dpkg-query -S does, and drops it again.  Returns 1 with *PACKAGE and
 * *VERSION new strings the caller frees, 0 when no package in a state
 * with files on the system owns PATH, or -1 with err set; both NULL
 * unless 1.
 */
int
erlrc_dpkg_owner(const char *admindir, const char *path, char **package,
    char **version, struct erlrc_error *err)
{
	struct owner o;
	char q[QUOTE_SIZE];
	int rc;

	*package = NULL;
	*version = NULL;
	if (path == NULL || path[0] != '/') {
		quote(q, path ? path : "");
		return erlrc_error_set(err, ERLRC_ERR_INPUT,
		    "path '%s' is not absolute", q);
	}
	memset(&o, 0, sizeof(o));
	o.admindir = admindir;
	o.err = err;
	o.path = erlrc_xstrdup(path);
	path_trim_slash_slashdot(o.path);
	rc = owner_run(&o);
	if (rc == 1) {
		*package = o.package;
		*version = o.version;
	} else {
		free(o.package);
		free(o.version);
	}
	free(o.buf);
	free(o.dir);
	free(o.path);
	return rc;
}

/*
 * erlrc_dpkg_native_arch - the architecture libdpkg was built for, which
 * is what dpkg --print-architecture prints: static, never NULL.
 */
const char *
erlrc_dpkg_native_arch(void)
{
	return dpkg_arch_get(DPKG_ARCH_NATIVE)->name;
}
