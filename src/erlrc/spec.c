/* spec.c - the package spec of makeappdeb, read with libyaml */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include <erlrc/buf.h>
#include <erlrc/dpkg.h>
#include <erlrc/registry.h>
#include <erlrc/spec.h>
#include <erlrc/xalloc.h>

/*
 * Read as config.c reads erlrc.yaml: libyaml's events, a small recursive
 * descent parser that knows the schema, and an error at the first event
 * of any node where the schema has none, so nesting never goes deeper
 * than three levels.  Aliases and tags are refused; anchors are not.
 */

#define QUOTE_MAX 64	/* bytes of a value shown in a message */
#define QUOTE_SIZE (QUOTE_MAX * 4 + 16)
#define KEY_SIZE (ERLRC_NAME_MAX + 32)	/* "applications.NAME.version" */

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
	K_DEPENDS,
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
	"depends",
	"applications",
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

struct parser {
	yaml_parser_t yp;
	yaml_event_t ev;	/* the current event, valid when have_ev */
	int have_ev;
	const char *name;
	const char *text;
	size_t len;
	struct erlrc_spec *s;
	struct erlrc_error *err;
};

/* An application while it is read, with where its name is. */
struct app_entry {
	struct erlrc_spec_app app;
	yaml_mark_t mark;
};

/* Record "NAME:LINE:COL: message" (LINE and COL count from 0). */
static int ERLRC_PRINTF(4, 5)
error_at(struct parser *ps, size_t line, size_t col, const char *fmt, ...)
{
	char msg[ERLRC_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return erlrc_error_set(ps->err, ERLRC_ERR_INPUT, "%s:%zu:%zu: %s",
	    ps->name, line + 1, col + 1, msg);
}

#define ERROR_AT(ps, mark, ...) \
	error_at((ps), (mark).line, (mark).column, __VA_ARGS__)

/* The line and column of byte OFFSET of the text, counting from 0. */
static void
offset_position(const struct parser *ps, size_t offset, size_t *line,
    size_t *col)
{
	size_t i;

	*line = *col = 0;
	for (i = 0; i < offset && i < ps->len; i++) {
		if (ps->text[i] == '\n') {
			(*line)++;
			*col = 0;
		} else {
			(*col)++;
		}
	}
}

/* A libyaml failure, with libyaml's own words. */
static int
syntax_error(struct parser *ps)
{
	const yaml_parser_t *yp = &ps->yp;
	const char *problem = yp->problem ? yp->problem : "syntax error";
	size_t line, col;

	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		erlrc_xoom();
	case YAML_READER_ERROR:
		/* Reader errors have a byte offset, not a mark. */
		offset_position(ps, yp->problem_offset, &line, &col);
		if (yp->problem_value != -1)
			return error_at(ps, line, col, "%s (#%X)", problem,
			    (unsigned)yp->problem_value);
		return error_at(ps, line, col, "%s", problem);
	default:
		if (yp->context)
			return ERROR_AT(ps, yp->problem_mark,
			    "%s (%s at line %zu, column %zu)", problem,
			    yp->context, yp->context_mark.line + 1,
			    yp->context_mark.column + 1);
		return ERROR_AT(ps, yp->problem_mark, "%s", problem);
	}
}

static int
is_null(const yaml_event_t *ev)
{
	const char *v;

	if (ev->type != YAML_SCALAR_EVENT ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)ev->data.scalar.value;
	return strcmp(v, "") == 0 || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0;
}

/* 'S' with control characters escaped, cut after QUOTE_MAX bytes. */
static const char *
quote(char out[QUOTE_SIZE], const char *s)
{
	size_t i, o = 0;

	out[o++] = '\'';
	for (i = 0; s[i] != '\0'; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (i >= QUOTE_MAX && (ch & 0xc0) != 0x80) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (ch == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (ch == '\t') {
			out[o++] = '\\';
			out[o++] = 't';
		} else if (ch == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
		} else if (ch < 0x20 || ch == 0x7f) {
			o += (size_t)snprintf(out + o, QUOTE_SIZE - o,
			    "\\x%02x", ch);
		} else {
			out[o++] = (char)ch;
		}
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

static const char *
scalar(const struct parser *ps)
{
	return (const char *)ps->ev.data.scalar.value;
}

/* What the current event is, for "expected X, got Y". */
static const char *
describe(const struct parser *ps, char out[QUOTE_SIZE])
{
	switch (ps->ev.type) {
	case YAML_SCALAR_EVENT:
		if (is_null(&ps->ev))
			return "null";
		return quote(out, scalar(ps));
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	default:
		return "nothing";
	}
}

/* Move to the next event, refusing what a spec never needs. */
static int
next(struct parser *ps)
{
	yaml_event_t *ev = &ps->ev;
	const yaml_char_t *tag = NULL;

	if (ps->have_ev) {
		yaml_event_delete(ev);
		ps->have_ev = 0;
	}
	if (!yaml_parser_parse(&ps->yp, ev))
		return syntax_error(ps);
	ps->have_ev = 1;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return ERROR_AT(ps, ev->start_mark,
		    "aliases are not supported");
	case YAML_SCALAR_EVENT:
		tag = ev->data.scalar.tag;
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length))
			return ERROR_AT(ps, ev->start_mark,
			    "a string may not contain a NUL character");
		break;
	case YAML_SEQUENCE_START_EVENT:
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (tag)
		return ERROR_AT(ps, ev->start_mark,
		    "tags are not supported");
	return 0;
}

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
want_text(struct parser *ps, const char *key, const char *expected,
    int one_line)
{
	const yaml_event_t *ev = &ps->ev;
	const char *s;
	char what[QUOTE_SIZE];
	size_t i, len;

	if (ev->type != YAML_SCALAR_EVENT || is_null(ev) ||
	    ev->data.scalar.length == 0)
		return ERROR_AT(ps, ev->start_mark,
		    "%s: expected %s, got %s", key, expected,
		    describe(ps, what));
	if (!one_line)
		return 0;
	s = scalar(ps);
	len = ev->data.scalar.length;
	if (memchr(s, '\n', len))
		return ERROR_AT(ps, ev->start_mark,
		    "%s: expected a single line, got %s", key,
		    describe(ps, what));
	for (i = 0; i < len; i++)
		if (control_len(s + i))
			return ERROR_AT(ps, ev->start_mark,
			    "%s: %s holds a control character", key,
			    describe(ps, what));
	if (is_blank(s[0]) || is_blank(s[len - 1]))
		return ERROR_AT(ps, ev->start_mark,
		    "%s: %s has blanks at an end", key, describe(ps, what));
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
parse_package(struct parser *ps, const char *key, char **out)
{
	const char *why;
	char what[QUOTE_SIZE];

	if (want_text(ps, key, "a package name", 1) < 0)
		return -1;
	why = package_name_problem(scalar(ps));
	if (why)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "%s: %s is not a package name: %s", key,
		    describe(ps, what), why);
	*out = erlrc_xstrdup(scalar(ps));
	return 0;
}

/* Check version V, found at the current event; libdpkg says what is bad. */
static int
check_version(struct parser *ps, const char *key, const char *v)
{
	struct erlrc_error verr = ERLRC_ERROR_INIT;

	if (erlrc_dpkg_version_check(v, &verr) < 0)
		return ERROR_AT(ps, ps->ev.start_mark, "%s: %s", key,
		    verr.msg);
	return 0;
}

static int
parse_version(struct parser *ps)
{
	if (want_text(ps, "version", "a version", 1) < 0 ||
	    check_version(ps, "version", scalar(ps)) < 0)
		return -1;
	ps->s->version = erlrc_xstrdup(scalar(ps));
	return 0;
}

/*
 * "Name <address>": not RFC 5322, but what a Maintainer field looks like,
 * with one '<' and one '>' so that no reader can split it differently.
 */
static int
parse_maintainer(struct parser *ps)
{
	const char *s, *lt, *addr, *at, *why = NULL;
	char what[QUOTE_SIZE];
	size_t len, alen = 0;

	if (want_text(ps, "maintainer", "'Name <address>'", 1) < 0)
		return -1;
	s = scalar(ps);
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
		return ERROR_AT(ps, ps->ev.start_mark,
		    "maintainer: %s is not 'Name <address>': %s",
		    describe(ps, what), why);
	ps->s->maintainer = erlrc_xstrdup(s);
	return 0;
}

/*
 * The synopsis on the first line, the extended description on the
 * others.  Only newlines are taken off, and only at the end: the rest is
 * makeappdeb's to format.
 */
static int
parse_description(struct parser *ps)
{
	const char *s;
	char what[QUOTE_SIZE];
	size_t i, len, syn, chars = 0;

	if (want_text(ps, "description", "a synopsis line", 0) < 0)
		return -1;
	s = scalar(ps);
	len = ps->ev.data.scalar.length;
	while (len > 0 && s[len - 1] == '\n')
		len--;
	for (i = 0; i < len; i++)
		if (s[i] != '\n' && control_len(s + i))
			return ERROR_AT(ps, ps->ev.start_mark,
			    "description: %s holds a control character",
			    describe(ps, what));
	syn = strcspn(s, "\n");
	if (syn > len)
		syn = len;
	for (i = 0; i < syn && is_blank(s[i]); i++)
		;
	if (i == syn)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "description: the first line (the synopsis) is empty");
	if (i > 0 || is_blank(s[syn - 1]))
		return ERROR_AT(ps, ps->ev.start_mark,
		    "description: the synopsis has blanks at an end");
	for (i = 0; i < syn; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			chars++;
	if (chars > ERLRC_SPEC_SYNOPSIS_MAX)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "description: the synopsis has %zu characters, more "
		    "than %d", chars, ERLRC_SPEC_SYNOPSIS_MAX);
	ps->s->description = erlrc_xstrndup(s, len);
	return 0;
}

static int
parse_section(struct parser *ps)
{
	char what[QUOTE_SIZE];

	if (want_text(ps, "section", "a section", 1) < 0)
		return -1;
	if (strpbrk(scalar(ps), " \t"))
		return ERROR_AT(ps, ps->ev.start_mark,
		    "section: %s has a blank inside", describe(ps, what));
	ps->s->section = erlrc_xstrdup(scalar(ps));
	return 0;
}

static int
parse_priority(struct parser *ps)
{
	char what[QUOTE_SIZE];
	size_t i;

	if (ps->ev.type == YAML_SCALAR_EVENT && !is_null(&ps->ev))
		for (i = 0; i < COUNT(priorities); i++)
			if (strcmp(scalar(ps), priorities[i]) == 0) {
				ps->s->priority = erlrc_xstrdup(priorities[i]);
				return 0;
			}
	return ERROR_AT(ps, ps->ev.start_mark,
	    "priority: expected required, important, standard, optional or "
	    "extra, got %s", describe(ps, what));
}

static int
parse_homepage(struct parser *ps)
{
	const char *s;
	char what[QUOTE_SIZE];
	size_t n;

	if (want_text(ps, "homepage", "a URL", 1) < 0)
		return -1;
	s = scalar(ps);
	if (strncmp(s, "http://", 7) == 0)
		n = 7;
	else if (strncmp(s, "https://", 8) == 0)
		n = 8;
	else
		return ERROR_AT(ps, ps->ev.start_mark,
		    "homepage: %s does not start with http:// or https://",
		    describe(ps, what));
	if (s[n] == '\0')
		return ERROR_AT(ps, ps->ev.start_mark,
		    "homepage: %s has no host", describe(ps, what));
	if (strpbrk(s, " \t"))
		return ERROR_AT(ps, ps->ev.start_mark,
		    "homepage: %s has a blank inside", describe(ps, what));
	ps->s->homepage = erlrc_xstrdup(s);
	return 0;
}

/* A file's path, as written: makeappdeb opens it, and says if it cannot. */
static int
parse_copyright(struct parser *ps)
{
	if (want_text(ps, "copyright", "the path of a copyright file", 1) < 0)
		return -1;
	ps->s->copyright = erlrc_xstrdup(scalar(ps));
	return 0;
}

/* YAML's true or false, as written: yes, on and 1 are not taken. */
static int
parse_include(struct parser *ps)
{
	char what[QUOTE_SIZE];

	if (ps->ev.type == YAML_SCALAR_EVENT && !is_null(&ps->ev)) {
		if (strcmp(scalar(ps), "true") == 0) {
			ps->s->include = 1;
			return 0;
		}
		if (strcmp(scalar(ps), "false") == 0) {
			ps->s->include = 0;
			return 0;
		}
	}
	return ERROR_AT(ps, ps->ev.start_mark,
	    "include: expected true or false, got %s", describe(ps, what));
}

/* One Depends clause: one relation or alternatives between '|'. */
static int
check_clause(struct parser *ps)
{
	const char *p;
	char what[QUOTE_SIZE];

	if (want_text(ps, "depends", "a Depends clause", 1) < 0)
		return -1;
	if (strchr(scalar(ps), ','))
		return ERROR_AT(ps, ps->ev.start_mark,
		    "depends: %s holds a comma: write one clause per item",
		    describe(ps, what));
	for (p = scalar(ps);; p++) {
		size_t n = strcspn(p, "|"), i;

		for (i = 0; i < n && is_blank(p[i]); i++)
			;
		if (i == n)
			return ERROR_AT(ps, ps->ev.start_mark,
			    "depends: %s has an empty alternative",
			    describe(ps, what));
		p += n;
		if (*p == '\0')
			return 0;
	}
}

/* depends: null, or a list of clauses. */
static int
parse_depends(struct parser *ps)
{
	struct erlrc_spec *s = ps->s;
	char what[QUOTE_SIZE];
	size_t cap = 0;

	if (is_null(&ps->ev))
		return 0;
	if (ps->ev.type != YAML_SEQUENCE_START_EVENT)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "depends: expected a list of Depends clauses, got %s",
		    describe(ps, what));
	for (;;) {
		if (next(ps) < 0)
			return -1;
		if (ps->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (check_clause(ps) < 0)
			return -1;
		s->depends = erlrc_xgrow(s->depends, &cap, s->ndepends,
		    sizeof(*s->depends));
		s->depends[s->ndepends++] = erlrc_xstrdup(scalar(ps));
	}
}

/*
 * A relation, blanks and a version: ">= 1.0-1".  The blanks are what
 * makeappdeb splits at, and what Debian writes.
 */
static int
parse_relation(struct parser *ps, const char *key, char **out)
{
	const char *s, *v = NULL;
	char what[QUOTE_SIZE];
	size_t i;

	if (want_text(ps, key, "a relation and a version", 1) < 0)
		return -1;
	s = scalar(ps);
	for (i = 0; i < COUNT(relations) && !v; i++)
		if (strncmp(s, relations[i], strlen(relations[i])) == 0)
			v = s + strlen(relations[i]);
	if (!v)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "%s: expected a relation (<<, <=, =, >= or >>) and a "
		    "version, got %s", key, describe(ps, what));
	if (*v == '\0')
		return ERROR_AT(ps, ps->ev.start_mark,
		    "%s: expected a version after the relation, got %s", key,
		    describe(ps, what));
	if (!is_blank(*v))
		return ERROR_AT(ps, ps->ev.start_mark,
		    "%s: expected a blank after the relation, got %s", key,
		    describe(ps, what));
	while (is_blank(*v))
		v++;
	if (check_version(ps, key, v) < 0)
		return -1;
	*out = erlrc_xstrdup(s);
	return 0;
}

/* How one application maps to a package: package, version or both. */
static int
parse_app(struct parser *ps, struct erlrc_spec_app *app)
{
	char what[QUOTE_SIZE], key[KEY_SIZE];
	size_t seen_package = 0, seen_version = 0;
	yaml_mark_t start = ps->ev.start_mark;

	if (ps->ev.type != YAML_MAPPING_START_EVENT)
		return ERROR_AT(ps, start, "applications.%s: expected a "
		    "mapping of package and version, got %s", app->name,
		    describe(ps, what));
	for (;;) {
		size_t *seen;
		const char *k;

		if (next(ps) < 0)
			return -1;
		if (ps->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (ps->ev.type != YAML_SCALAR_EVENT || is_null(&ps->ev))
			return ERROR_AT(ps, ps->ev.start_mark,
			    "applications.%s: expected a key, got %s",
			    app->name, describe(ps, what));
		if (strcmp(scalar(ps), "package") == 0) {
			seen = &seen_package;
			k = "package";
		} else if (strcmp(scalar(ps), "version") == 0) {
			seen = &seen_version;
			k = "version";
		} else {
			return ERROR_AT(ps, ps->ev.start_mark,
			    "applications.%s: unknown key %s", app->name,
			    describe(ps, what));
		}
		if (*seen)
			return ERROR_AT(ps, ps->ev.start_mark,
			    "applications.%s: duplicate key '%s' (first on "
			    "line %zu)", app->name, k, *seen);
		*seen = ps->ev.start_mark.line + 1;
		snprintf(key, sizeof(key), "applications.%s.%s", app->name,
		    k);
		if (next(ps) < 0)
			return -1;
		if (seen == &seen_package) {
			if (parse_package(ps, key, &app->package) < 0)
				return -1;
		} else if (parse_relation(ps, key, &app->version) < 0) {
			return -1;
		}
	}
	if (!seen_package && !seen_version)
		return ERROR_AT(ps, start, "applications.%s: expected package "
		    "or version, got an empty mapping", app->name);
	return 0;
}

static void
app_destroy(struct erlrc_spec_app *app)
{
	free(app->name);
	free(app->package);
	free(app->version);
}

static int
cmp_app_entry(const void *a, const void *b)
{
	const struct app_entry *x = a, *y = b;
	int c = strcmp(x->app.name, y->app.name);

	if (c)
		return c;
	if (x->mark.index != y->mark.index)
		return x->mark.index < y->mark.index ? -1 : 1;
	return 0;
}

static int
cmp_app(const void *a, const void *b)
{
	const struct erlrc_spec_app *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * applications: null, or a mapping of application names to packages.
 * Names are sorted at the end, which also finds duplicates.
 */
static int
parse_applications(struct parser *ps)
{
	struct erlrc_spec *s = ps->s;
	struct app_entry *v = NULL;
	size_t n = 0, cap = 0, i;
	char what[QUOTE_SIZE];
	int ret = -1;

	if (is_null(&ps->ev))
		return 0;
	if (ps->ev.type != YAML_MAPPING_START_EVENT)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "applications: expected a mapping of application names "
		    "to packages, got %s", describe(ps, what));
	for (;;) {
		if (next(ps) < 0)
			goto out;
		if (ps->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (ps->ev.type != YAML_SCALAR_EVENT || is_null(&ps->ev)) {
			ERROR_AT(ps, ps->ev.start_mark,
			    "applications: expected an application name, "
			    "got %s", describe(ps, what));
			goto out;
		}
		if (!erlrc_registry_valid_app_name(scalar(ps))) {
			ERROR_AT(ps, ps->ev.start_mark,
			    "applications: %s is not a valid application name",
			    describe(ps, what));
			goto out;
		}
		v = erlrc_xgrow(v, &cap, n, sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		v[n].app.name = erlrc_xstrdup(scalar(ps));
		v[n].mark = ps->ev.start_mark;
		n++;
		if (next(ps) < 0 || parse_app(ps, &v[n - 1].app) < 0)
			goto out;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_app_entry);
	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1].app.name, v[i].app.name) == 0) {
			ERROR_AT(ps, v[i].mark,
			    "applications: duplicate application '%s' "
			    "(first on line %zu)", v[i].app.name,
			    v[i - 1].mark.line + 1);
			goto out;
		}
	s->apps = n ? erlrc_xcalloc(n, sizeof(*s->apps)) : NULL;
	for (i = 0; i < n; i++)
		s->apps[i] = v[i].app;
	s->napps = n;
	n = 0;
	ret = 0;
out:
	for (i = 0; i < n; i++)
		app_destroy(&v[i].app);
	free(v);
	return ret;
}

/* The value of top-level key K; the current event is its first. */
static int
parse_value(struct parser *ps, enum key k)
{
	switch (k) {
	case K_PACKAGE:
		return parse_package(ps, "package", &ps->s->package);
	case K_VERSION:
		return parse_version(ps);
	case K_MAINTAINER:
		return parse_maintainer(ps);
	case K_DESCRIPTION:
		return parse_description(ps);
	case K_SECTION:
		return parse_section(ps);
	case K_PRIORITY:
		return parse_priority(ps);
	case K_HOMEPAGE:
		return parse_homepage(ps);
	case K_COPYRIGHT:
		return parse_copyright(ps);
	case K_INCLUDE:
		return parse_include(ps);
	case K_DEPENDS:
		return parse_depends(ps);
	default:
		return parse_applications(ps);
	}
}

/* The top-level mapping, its start event current. */
static int
parse_fields(struct parser *ps)
{
	size_t seen_line[K_COUNT] = { 0 };
	char what[QUOTE_SIZE];
	size_t k;

	for (;;) {
		if (next(ps) < 0)
			return -1;
		if (ps->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (ps->ev.type != YAML_SCALAR_EVENT || is_null(&ps->ev))
			return ERROR_AT(ps, ps->ev.start_mark,
			    "expected a key, got %s", describe(ps, what));
		for (k = 0; k < K_COUNT; k++)
			if (strcmp(scalar(ps), key_names[k]) == 0)
				break;
		if (k == K_COUNT)
			return ERROR_AT(ps, ps->ev.start_mark,
			    "unknown key %s", describe(ps, what));
		if (seen_line[k])
			return ERROR_AT(ps, ps->ev.start_mark,
			    "duplicate key '%s' (first on line %zu)",
			    key_names[k], seen_line[k]);
		seen_line[k] = ps->ev.start_mark.line + 1;
		if (next(ps) < 0 || parse_value(ps, (enum key)k) < 0)
			return -1;
	}
}

/* The stream: nothing, or one document that is null or a mapping. */
static int
parse_stream(struct parser *ps)
{
	char what[QUOTE_SIZE];

	if (next(ps) < 0)	/* STREAM-START */
		return -1;
	if (next(ps) < 0)
		return -1;
	if (ps->ev.type == YAML_STREAM_END_EVENT)
		return 0;
	if (next(ps) < 0)	/* the document's root */
		return -1;
	if (ps->ev.type == YAML_MAPPING_START_EVENT) {
		if (parse_fields(ps) < 0)
			return -1;
	} else if (!is_null(&ps->ev)) {
		return ERROR_AT(ps, ps->ev.start_mark,
		    "expected a mapping of fields, got %s",
		    describe(ps, what));
	}
	if (next(ps) < 0)	/* DOCUMENT-END */
		return -1;
	if (next(ps) < 0)
		return -1;
	if (ps->ev.type != YAML_STREAM_END_EVENT)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "expected a single YAML document");
	return 0;
}

/* erlrc_spec_init - fill S with nothing set; release with _destroy. */
void
erlrc_spec_init(struct erlrc_spec *s)
{
	memset(s, 0, sizeof(*s));
	s->include = -1;
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
	struct parser ps;
	size_t line, col;
	int ret;

	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	ps.text = text ? text : "";
	ps.len = text ? len : 0;
	ps.s = &tmp;
	ps.err = err;
	if (ps.len > ERLRC_SPEC_MAX) {
		/* Where the limit falls, to keep FILE:LINE:COL. */
		offset_position(&ps, ERLRC_SPEC_MAX, &line, &col);
		return error_at(&ps, line, col, "a spec file has at most "
		    "%d bytes (1 MiB)", ERLRC_SPEC_MAX);
	}
	if (!yaml_parser_initialize(&ps.yp))
		erlrc_xoom();
	yaml_parser_set_input_string(&ps.yp, (const unsigned char *)ps.text,
	    ps.len);
	erlrc_spec_init(&tmp);
	ret = parse_stream(&ps);
	if (ret == 0) {
		erlrc_spec_destroy(s);
		*s = tmp;
	} else {
		erlrc_spec_destroy(&tmp);
	}
	if (ps.have_ev)
		yaml_event_delete(&ps.ev);
	yaml_parser_delete(&ps.yp);
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
