/* dpkg.c - Debian versions, checked and compared by libdpkg */

/*
 * The one file of erlrc that includes libdpkg (DESIGN §2).  libdpkg has
 * two ways of reporting trouble: parseversion() fills a struct dpkg_error,
 * as an error or as a mere warning, and anything fatal goes through
 * ohshit(), which unwinds to the innermost error context and by default
 * prints and exits.  Every call below runs inside an error context of our
 * own whose handler jumps back here, so a fatal error becomes an error
 * return.  The one exception is running out of memory: libdpkg marks that
 * unrecoverable (onerr_abort) before it calls ohshit(), and then prints
 * and exits 2 without asking the handler; without a context it would
 * crash instead.
 */
#define LIBDPKG_VOLATILE_API 1

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <dpkg/dpkg.h>
#include <dpkg/dpkg-db.h>
#include <dpkg/ehandle.h>
#include <dpkg/error.h>
#include <dpkg/version.h>

#include <erlrc/dpkg.h>

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
 * empties; nothing else in erlrc uses that allocator, so emptying it here
 * keeps each call from growing the process.  Should this file ever load
 * the package database, which lives in the same allocator, this call has
 * to move to where the database is dropped.
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
