/* SPDX-License-Identifier: GPL-2.0-or-later */
/* spec.c - the package spec of makeappdeb, read with libyaml */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <erlrc/buf.h>
#include <erlrc/dpkg.h>
#include <erlrc/registry.h>
#include <erlrc/spec.h>
#include <erlrc/xalloc.h>
#include <erlrc/yaml.h>

/*
 * Read with yaml.c, as config.c reads erlrc.yaml: libyaml's events, a
 * small recursive descent parser that knows the schema, and an error at
 * the first event of any node where the schema has none, so nesting never
 * goes deeper than three levels.  Aliases and tags are refused; anchors
 * are not.
 */

#define KEY_SIZE (ERLRC_NAME_MAX + 32)	/* "applications.NAME" */

enum key {
	K_PACKAGE,
	K_VERSION,
	K_MAINTAINER,
	K_DESCRIPTION,
	K_SECTION,
	K_PRIORITY,
	K_HOMEPAGE,
	K_COPYRIGHT,
	K_INCLUDE,
	K_START,
	K_DEPENDS,
	K_REPLACES,
	K_PROVIDES,
	K_APPLICATIONS,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"package",
	"version",
	"maintainer",
	"description",
	"section",
	"priority",
	"homepage",
	"copyright",
	"include",
	"start",
	"depends",
	"replaces",
	"provides",
	"applications",
};

static const char *const app_key_names[] = {
	"package",
	"version",
};

static const char *const priorities[] = {
	"required",
	"important",
	"standard",
	"optional",
	"extra",
};

/* Two-character relations first, so that "=" does not match ">=". */
static const char *const relations[] = { "<<", "<=", ">=", ">>", "=" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The length of the control character at S, or 0: C0 controls and DEL,
 * and the C1 controls, which a double-quoted "\x85" can make.
 */
static size_t
control_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x20 || c == 0x7f)
		return 1;
	if (c == 0xc2 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9f)
		return 2;
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * The current event must be a string, neither null nor empty, described
 * by EXPECTED in the message.  With ONE_LINE, a single line without
 * control characters or blanks at either end.
 */
static int
want_text(struct erlrc_yaml *y, const char *key, const char *expected,
    int one_line)
{
	const char *s = erlrc_yaml_scalar(y);
	size_t i, len;

	if (!s || y->ev.data.scalar.length == 0)
		return erlrc_yaml_error(y, "%s: expected %s, got %s", key,
		    expected, erlrc_yaml_describe(y));
	if (!one_line)
		return 0;
	len = y->ev.data.scalar.length;
	if (memchr(s, '\n', len))
		return erlrc_yaml_error(y, "%s: expected a single line, got %s",
		    key, erlrc_yaml_describe(y));
	for (i = 0; i < len; i++)
		if (control_len(s + i))
			return erlrc_yaml_error(y,
			    "%s: %s holds a control character", key,
			    erlrc_yaml_describe(y));
	if (is_blank(s[0]) || is_blank(s[len - 1]))
		return erlrc_yaml_error(y, "%s: %s has blanks at an end", key,
		    erlrc_yaml_describe(y));
	return 0;
}

/* Why S is not a Debian package name (policy §5.6.7), or NULL. */
static const char *
package_name_problem(const char *s)
{
	size_t i;

	if (strlen(s) < 2)
		return "it is shorter than 2 characters";
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return "it must start with a lowercase letter or a digit";
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
		    s[i] == '-' || s[i] == '.'))
			return "it may hold only lowercase letters, digits, "
			    "'+', '-' and '.'";
	return NULL;
}

static int
parse_package(struct erlrc_yaml *y, const char *key, char **out)
{
	const char *why;

	if (want_text(y, key, "a package name", 1) < 0)
		return -1;
	why = package_name_problem(erlrc_yaml_scalar(y));
	if (why)
		return erlrc_yaml_error(y, "%s: %s is not a package name: %s",
		    key, erlrc_yaml_describe(y), why);
	*out = erlrc_xstrdup(erlrc_yaml_scalar(y));
	return 0;
}

/* Check version V, found at the current event; libdpkg says what is bad. */
static int
check_version(struct erlrc_yaml *y, const char *key, const char *v)
{
	struct erlrc_error verr = ERLRC_ERROR_INIT;

	if (erlrc_dpkg_version_check(v, &verr) < 0)
		return erlrc_yaml_error(y, "%s: %s", key, verr.msg);
	return 0;
}

static int
parse_version(struct erlrc_yaml *y, char **out)
{
	if (want_text(y, "version", "a version", 1) < 0 ||
	    check_version(y, "version", erlrc_yaml_scalar(y)) < 0)
		return -1;
	*out = erlrc_xstrdup(erlrc_yaml_scalar(y));
	return 0;
}

/*
 * "Name <address>": not RFC 5322, but what a Maintainer field looks like,
 * with one '<' and one '>' so that no reader can split it differently.
 */
static int
parse_maintainer(struct erlrc_yaml *y, char **out)
{
	const char *s, *lt, *addr, *at, *why = NULL;
	size_t len, alen = 0;

	if (want_text(y, "maintainer", "'Name <address>'", 1) < 0)
		return -1;
	s = erlrc_yaml_scalar(y);
	len = strlen(s);
	lt = strchr(s, '<');
	addr = lt ? lt + 1 : NULL;
	if (s[len - 1] != '>')
		why = "it does not end with '>'";
	else if (!lt)
		why = "it has no '<' before the address";
	else if (lt == s)
		why = "there is no name before '<'";
	else if (!is_blank(lt[-1]))
		why = "there is no blank between the name and '<'";
	else if (memchr(s, '>', (size_t)(lt - s)))
		why = "the name has a '>' inside";
	if (!why) {
		alen = (size_t)(s + len - 1 - addr);
		at = memchr(addr, '@', alen);
		if (strcspn(addr, " \t<>") != alen)
			why = "the address has a blank, '<' or '>' inside";
		else if (!at || at == addr || at == addr + alen - 1)
			why = "the address is not user@domain";
	}
	if (why)
		return erlrc_yaml_error(y,
		    "maintainer: %s is not 'Name <address>': %s",
		    erlrc_yaml_describe(y), why);
	*out = erlrc_xstrdup(s);
	return 0;
}

/*
 * The synopsis on the first line, the extended description on the
 * others.  Only newlines are taken off, and only at the end: the rest is
 * makeappdeb's to format.
 */
static int
parse_description(struct erlrc_yaml *y, char **out)
{
	const char *s;
	size_t i, len, syn, chars = 0;

	if (want_text(y, "description", "a synopsis line", 0) < 0)
		return -1;
	s = erlrc_yaml_scalar(y);
	len = y->ev.data.scalar.length;
	while (len > 0 && s[len - 1] == '\n')
		len--;
	for (i = 0; i < len; i++)
		if (s[i] != '\n' && control_len(s + i))
			return erlrc_yaml_error(y,
			    "description: %s holds a control character",
			    erlrc_yaml_describe(y));
	syn = strcspn(s, "\n");
	if (syn > len)
		syn = len;
	for (i = 0; i < syn && is_blank(s[i]); i++)
		;
	if (i == syn)
		return erlrc_yaml_error(y,
		    "description: the first line (the synopsis) is empty");
	if (i > 0 || is_blank(s[syn - 1]))
		return erlrc_yaml_error(y,
		    "description: the synopsis has blanks at an end");
	for (i = 0; i < syn; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			chars++;
	if (chars > ERLRC_SPEC_SYNOPSIS_MAX)
		return erlrc_yaml_error(y,
		    "description: the synopsis has %zu characters, more "
		    "than %d", chars, ERLRC_SPEC_SYNOPSIS_MAX);
	*out = erlrc_xstrndup(s, len);
	return 0;
}

static int
parse_section(struct erlrc_yaml *y, char **out)
{
	if (want_text(y, "section", "a section", 1) < 0)
		return -1;
	if (strpbrk(erlrc_yaml_scalar(y), " \t"))
		return erlrc_yaml_error(y, "section: %s has a blank inside",
		    erlrc_yaml_describe(y));
	*out = erlrc_xstrdup(erlrc_yaml_scalar(y));
	return 0;
}

static int
parse_priority(struct erlrc_yaml *y, char **out)
{
	const char *s = erlrc_yaml_scalar(y);
	size_t i;

	if (s)
		for (i = 0; i < COUNT(priorities); i++)
			if (strcmp(s, priorities[i]) == 0) {
				*out = erlrc_xstrdup(priorities[i]);
				return 0;
			}
	return erlrc_yaml_error(y,
	    "priority: expected required, important, standard, optional or "
	    "extra, got %s", erlrc_yaml_describe(y));
}

static int
parse_homepage(struct erlrc_yaml *y, char **out)
{
	const char *s;
	size_t n;

	if (want_text(y, "homepage", "a URL", 1) < 0)
		return -1;
	s = erlrc_yaml_scalar(y);
	if (strncmp(s, "http://", 7) == 0)
		n = 7;
	else if (strncmp(s, "https://", 8) == 0)
		n = 8;
	else
		return erlrc_yaml_error(y,
		    "homepage: %s does not start with http:// or https://",
		    erlrc_yaml_describe(y));
	if (s[n] == '\0')
		return erlrc_yaml_error(y, "homepage: %s has no host",
		    erlrc_yaml_describe(y));
	if (strpbrk(s, " \t"))
		return erlrc_yaml_error(y, "homepage: %s has a blank inside",
		    erlrc_yaml_describe(y));
	*out = erlrc_xstrdup(s);
	return 0;
}

/* A file's path, as written: makeappdeb opens it, and says if it cannot. */
static int
parse_copyright(struct erlrc_yaml *y, char **out)
{
	if (want_text(y, "copyright", "the path of a copyright file", 1) < 0)
		return -1;
	*out = erlrc_xstrdup(erlrc_yaml_scalar(y));
	return 0;
}

/*
 * Why the alternative P (N bytes) is not "package[:arch] [(relation
 * version)] [[arch ...]]" as Debian policy §7.1 has it, or NULL; WHY
 * holds the message when one is built.
 */
static const char *
alternative_problem(const char *p, size_t n, char *why, size_t size)
{
	struct erlrc_error verr = ERLRC_ERROR_INIT;
	char name[256], ver[256];
	const char *end = p + n, *q, *problem;
	size_t len, i;

	while (p < end && is_blank(*p))
		p++;
	while (end > p && is_blank(end[-1]))
		end--;
	for (q = p; q < end && !is_blank(*q) && *q != '(' && *q != '[' &&
	    *q != ':'; q++)
		;
	len = (size_t)(q - p);
	if (len == 0 || len >= sizeof(name))
		return "a package name is missing";
	memcpy(name, p, len);
	name[len] = '\0';
	if ((problem = package_name_problem(name))) {
		snprintf(why, size, "'%s' is not a package name: %s", name,
		    problem);
		return why;
	}
	if (q < end && *q == ':')
		for (q++; q < end && !is_blank(*q) && *q != '(' && *q != '[';
		    q++)
			if (!((*q >= 'a' && *q <= 'z') ||
			    (*q >= '0' && *q <= '9') || *q == '-'))
				return "an architecture qualifier holds other "
				    "than lowercase letters, digits and '-'";
	while (q < end && is_blank(*q))
		q++;
	if (q < end && *q == '(') {
		for (q++; q < end && is_blank(*q); q++)
			;
		for (i = 0; i < COUNT(relations); i++)
			if ((size_t)(end - q) >= strlen(relations[i]) &&
			    strncmp(q, relations[i], strlen(relations[i])) == 0)
				break;
		if (i == COUNT(relations))
			return "a relation (<<, <=, =, >= or >>) must open "
			    "the parentheses";
		for (q += strlen(relations[i]); q < end && is_blank(*q); q++)
			;
		for (len = 0; q + len < end && q[len] != ')' &&
		    !is_blank(q[len]); len++)
			;
		if (len == 0 || len >= sizeof(ver))
			return "a version must follow the relation";
		memcpy(ver, q, len);
		ver[len] = '\0';
		if (erlrc_dpkg_version_check(ver, &verr) < 0) {
			snprintf(why, size, "%s", verr.msg);
			return why;
		}
		for (q += len; q < end && is_blank(*q); q++)
			;
		if (q == end || *q != ')')
			return "the parentheses are not closed";
		for (q++; q < end && is_blank(*q); q++)
			;
	}
	if (q < end && *q == '[') {
		for (q++; q < end && *q != ']'; q++)
			if (!((*q >= 'a' && *q <= 'z') ||
			    (*q >= '0' && *q <= '9') || *q == '-' ||
			    *q == '!' || is_blank(*q)))
				return "an architecture list holds other than "
				    "architecture names";
		if (q == end)
			return "the brackets are not closed";
		q++;
	}
	if (q != end)
		return "something follows the package, its version and its "
		    "architectures";
	return NULL;
}

/*
 * One clause of KEY's field FIELD: one relation, or (with ALT) several
 * alternatives between '|'.
 */
static int
check_clause(struct erlrc_yaml *y, const char *key, const char *field,
    int alt)
{
	const char *p, *problem;
	char why[ERLRC_ERROR_MAX / 2], what[32];

	snprintf(what, sizeof(what), "a %s clause", field);
	if (want_text(y, key, what, 1) < 0)
		return -1;
	if (strchr(erlrc_yaml_scalar(y), ','))
		return erlrc_yaml_error(y,
		    "%s: %s holds a comma: write one clause per item", key,
		    erlrc_yaml_describe(y));
	if (!alt && strchr(erlrc_yaml_scalar(y), '|'))
		return erlrc_yaml_error(y, "%s: %s has alternatives, which "
		    "%s does not take", key, erlrc_yaml_describe(y), field);
	/* Provides: only an exact version (Debian policy 7.5) */
	p = strchr(erlrc_yaml_scalar(y), '(');
	if (strcmp(field, "Provides") == 0 && p &&
	    p[1 + strspn(p + 1, " \t")] != '=')
		return erlrc_yaml_error(y, "%s: %s: Provides takes only an "
		    "exact version, (= VERSION)", key, erlrc_yaml_describe(y));
	for (p = erlrc_yaml_scalar(y);; p++) {
		size_t n = strcspn(p, "|"), i;

		for (i = 0; i < n && is_blank(p[i]); i++)
			;
		if (i == n)
			return erlrc_yaml_error(y,
			    "%s: %s has an empty alternative", key,
			    erlrc_yaml_describe(y));
		problem = alternative_problem(p, n, why, sizeof(why));
		if (problem)
			return erlrc_yaml_error(y, "%s: %s is not a %s "
			    "clause: %s", key, erlrc_yaml_describe(y), field,
			    problem);
		p += n;
		if (*p == '\0')
			return 0;
	}
}

/* KEY (field FIELD): null, or a list of clauses, into *V, *N. */
static int
parse_clauses(struct erlrc_yaml *y, const char *key, const char *field,
    int alt, char ***v, size_t *n)
{
	size_t cap = 0;

	if (erlrc_yaml_is_null(y))
		return 0;
	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return erlrc_yaml_error(y,
		    "%s: expected a list of %s clauses, got %s", key, field,
		    erlrc_yaml_describe(y));
	for (;;) {
		if (erlrc_yaml_next(y) < 0)
			return -1;
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (check_clause(y, key, field, alt) < 0)
			return -1;
		*v = erlrc_xgrow(*v, &cap, *n, sizeof(**v));
		(*v)[(*n)++] = erlrc_xstrdup(erlrc_yaml_scalar(y));
	}
}

/*
 * A relation, blanks and a version: ">= 1.0-1".  The blanks are what
 * makeappdeb splits at, and what Debian writes.
 */
static int
parse_relation(struct erlrc_yaml *y, const char *key, char **out)
{
	const char *s, *v = NULL;
	size_t i;

	if (want_text(y, key, "a relation and a version", 1) < 0)
		return -1;
	s = erlrc_yaml_scalar(y);
	for (i = 0; i < COUNT(relations) && !v; i++)
		if (strncmp(s, relations[i], strlen(relations[i])) == 0)
			v = s + strlen(relations[i]);
	if (!v)
		return erlrc_yaml_error(y,
		    "%s: expected a relation (<<, <=, =, >= or >>) and a "
		    "version, got %s", key, erlrc_yaml_describe(y));
	if (*v == '\0')
		return erlrc_yaml_error(y,
		    "%s: expected a version after the relation, got %s", key,
		    erlrc_yaml_describe(y));
	if (!is_blank(*v))
		return erlrc_yaml_error(y,
		    "%s: expected a blank after the relation, got %s", key,
		    erlrc_yaml_describe(y));
	while (is_blank(*v))
		v++;
	if (check_version(y, key, v) < 0)
		return -1;
	*out = erlrc_xstrdup(s);
	return 0;
}

/* The value of an application's key K: package or version. */
static int
parse_app_value(struct erlrc_yaml *y, size_t k, const char *path,
    void *arg)
{
	struct erlrc_spec_app *app = arg;

	if (k == 0)	/* package */
		return parse_package(y, path, &app->package);
	return parse_relation(y, path, &app->version);
}

/* How one application maps to a package: package, version or both. */
static int
parse_app(struct erlrc_yaml *y, void *elem)
{
	struct erlrc_spec_app *app = elem;
	yaml_mark_t start = y->ev.start_mark;
	char context[KEY_SIZE];

	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return erlrc_yaml_error(y, "applications.%s: expected a "
		    "mapping of package and version, got %s", app->name,
		    erlrc_yaml_describe(y));
	snprintf(context, sizeof(context), "applications.%s", app->name);
	if (erlrc_yaml_mapping(y, context, app_key_names,
	    COUNT(app_key_names), parse_app_value, app) < 0)
		return -1;
	if (!app->package && !app->version)
		return erlrc_yaml_error_at(y, start, "applications.%s: "
		    "expected package or version, got an empty mapping",
		    app->name);
	return 0;
}

static void
app_destroy(void *elem)
{
	struct erlrc_spec_app *app = elem;

	free(app->name);
	free(app->package);
	free(app->version);
}

static int
cmp_app(const void *a, const void *b)
{
	const struct erlrc_spec_app *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* applications: null, or a mapping of application names to packages. */
static int
parse_applications(struct erlrc_yaml *y, struct erlrc_spec *s)
{
	void *apps;

	if (erlrc_yaml_applications(y, "packages", sizeof(*s->apps),
	    parse_app, app_destroy, &apps, &s->napps) < 0)
		return -1;
	s->apps = apps;
	return 0;
}

/* The value of top-level key K; the current event is its first. */
static int
parse_value(struct erlrc_yaml *y, size_t k, const char *path, void *arg)
{
	struct erlrc_spec *s = arg;

	switch (k) {
	case K_PACKAGE:
		return parse_package(y, path, &s->package);
	case K_VERSION:
		return parse_version(y, &s->version);
	case K_MAINTAINER:
		return parse_maintainer(y, &s->maintainer);
	case K_DESCRIPTION:
		return parse_description(y, &s->description);
	case K_SECTION:
		return parse_section(y, &s->section);
	case K_PRIORITY:
		return parse_priority(y, &s->priority);
	case K_HOMEPAGE:
		return parse_homepage(y, &s->homepage);
	case K_COPYRIGHT:
		return parse_copyright(y, &s->copyright);
	case K_INCLUDE:
		return erlrc_yaml_bool(y, "include", &s->include);
	case K_START:
		return erlrc_yaml_bool(y, "start", &s->start);
	case K_DEPENDS:
		return parse_clauses(y, "depends", "Depends", 1, &s->depends,
		    &s->ndepends);
	case K_REPLACES:
		return parse_clauses(y, "replaces", "Replaces", 0,
		    &s->replaces, &s->nreplaces);
	case K_PROVIDES:
		return parse_clauses(y, "provides", "Provides", 0,
		    &s->provides, &s->nprovides);
	default:
		return parse_applications(y, s);
	}
}

/* erlrc_spec_init - fill S with nothing set; release with _destroy. */
void
erlrc_spec_init(struct erlrc_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->include = -1;
	s->start = -1;
}

/* erlrc_spec_destroy - free what S holds; S is then as after _init. */
void
erlrc_spec_destroy(struct erlrc_spec *s)
{
	size_t i;

	free(s->package);
	free(s->version);
	free(s->maintainer);
	free(s->description);
	free(s->section);
	free(s->priority);
	free(s->homepage);
	free(s->copyright);
	for (i = 0; i < s->ndepends; i++)
		free(s->depends[i]);
	free(s->depends);
	for (i = 0; i < s->nreplaces; i++)
		free(s->replaces[i]);
	free(s->replaces);
	for (i = 0; i < s->nprovides; i++)
		free(s->provides[i]);
	free(s->provides);
	for (i = 0; i < s->napps; i++)
		app_destroy(&s->apps[i]);
	free(s->apps);
	erlrc_spec_init(s);
}

/*
 * erlrc_spec_parse - parse TEXT, LEN bytes of a spec file (spec.h), and
 * replace the contents of S (which must have been initialized) with what
 * it sets.  NAME is the file name used in messages.  Empty text, or only
 * comments, sets nothing.  Returns 0, or -1 with ERLRC_ERR_INPUT and
 * "NAME:LINE:COL: what is wrong" in err; S is then unchanged.
 */
int
erlrc_spec_parse(struct erlrc_spec *s, const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	struct erlrc_spec tmp;
	struct erlrc_yaml y;
	int ret;

	erlrc_yaml_init(&y, name, text, len, err);
	erlrc_spec_init(&tmp);
	/* Too big: the error is where the limit falls, for FILE:LINE:COL. */
	if (y.len > ERLRC_SPEC_MAX)
		ret = erlrc_yaml_error_at(&y, erlrc_yaml_mark(&y,
		    ERLRC_SPEC_MAX), "a spec file has at most %d bytes (1 MiB)",
		    ERLRC_SPEC_MAX);
	else
		ret = erlrc_yaml_document(&y, "a mapping of fields",
		    key_names, K_COUNT, parse_value, &tmp);
	if (ret == 0) {
		erlrc_spec_destroy(s);
		*s = tmp;
	} else {
		erlrc_spec_destroy(&tmp);
	}
	erlrc_yaml_destroy(&y);
	return ret;
}

/*
 * erlrc_spec_read - read the file PATH into S as erlrc_spec_parse does.
 * At most one byte past the limit is read, so that a huge file (or
 * /dev/zero) is refused rather than swallowed.  Returns 0, or -1 with
 * err set: ERLRC_ERR_NOTFOUND for a missing file, ERLRC_ERR_SYSTEM when
 * it cannot be read, ERLRC_ERR_INPUT for a bad one; S is then unchanged.
 */
int
erlrc_spec_read(struct erlrc_spec *s, const char *path,
    struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int fd, ret = -1;
	ssize_t n;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return erlrc_error_errno(err, "%s", path);
	while (b.len <= ERLRC_SPEC_MAX) {
		size_t want;

		erlrc_buf_grow(&b, 8192);
		want = b.cap - b.len - 1;
		if (want > ERLRC_SPEC_MAX + 1 - b.len)
			want = ERLRC_SPEC_MAX + 1 - b.len;
		n = read(fd, b.s + b.len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			erlrc_error_errno(err, "%s: read", path);
			goto out;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		b.s[b.len] = '\0';
	}
	ret = erlrc_spec_parse(s, path, erlrc_buf_str(&b), b.len, err);
out:
	erlrc_buf_destroy(&b);
	close(fd);
	return ret;
}

/* erlrc_spec_app - how application NAME maps, or NULL; owned by S. */
const struct erlrc_spec_app *
erlrc_spec_app(const struct erlrc_spec *s, const char *name)
{
	struct erlrc_spec_app key;

	if (!s->napps)
		return NULL;
	key.name = (char *)name;
	return bsearch(&key, s->apps, s->napps, sizeof(*s->apps), cmp_app);
}
