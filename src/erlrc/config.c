/* config.c - erlrc's settings: ETC/erlrc.yaml, read with libyaml */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include <erlrc/buf.h>
#include <erlrc/config.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>

/*
 * The file is read with libyaml's event API by a small recursive descent
 * parser that knows the schema: a mapping of settings, one of them a
 * mapping of mappings.  Any node where the schema has none is an error at
 * its first event, so nesting never goes deeper than three levels.
 * Aliases and explicit tags are refused: a settings file has no use for
 * them, and refusing them keeps every value where it is written.
 */

#define QUOTE_MAX 64	/* bytes of a value shown in a message */

enum key {
	K_TIMEOUT,
	K_LOCK_TIMEOUT,
	K_BOOT_WAIT,
	K_LIB_DIRS,
	K_START_TYPE,
	K_ON_FAILURE,
	K_APPLICATIONS,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	"timeout",
	"lock_timeout",
	"boot_wait",
	"lib_dirs",
	"start_type",
	"on_failure",
	"applications",
};

static const char *const start_type_names[] = {
	"temporary",
	"transient",
	"permanent",
};

static const char *const on_failure_names[] = {
	"resume",
	"restart",
};

struct parser {
	yaml_parser_t yp;
	yaml_event_t ev;	/* the current event, valid when have_ev */
	int have_ev;
	const char *name;
	const char *text;
	size_t len;
	struct erlrc_config *c;
	struct erlrc_error *err;
};

/* An application while it is read, with where its name is. */
struct app_entry {
	struct erlrc_config_app app;
	yaml_mark_t mark;
};

/* Record "NAME:LINE:COL: message" (libyaml marks count from 0). */
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

/* A libyaml failure, with libyaml's own words. */
static int
syntax_error(struct parser *ps)
{
	const yaml_parser_t *yp = &ps->yp;
	const char *problem = yp->problem ? yp->problem : "syntax error";
	size_t i, line = 0, col = 0;

	switch (yp->error) {
	case YAML_MEMORY_ERROR:
		erlrc_xoom();
	case YAML_READER_ERROR:
		/* Reader errors have a byte offset, not a mark. */
		for (i = 0; i < yp->problem_offset && i < ps->len; i++) {
			if (ps->text[i] == '\n') {
				line++;
				col = 0;
			} else {
				col++;
			}
		}
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
quote(char *out, size_t size, const char *s, size_t len)
{
	size_t i, o = 0;

	out[o++] = '\'';
	for (i = 0; i < len && o + 8 < size; i++) {
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
			o += (size_t)snprintf(out + o, size - o, "\\x%02x",
			    ch);
		} else {
			out[o++] = (char)ch;
		}
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

/* What the current event is, for "expected X, got Y". */
static const char *
describe(struct parser *ps, char *out, size_t size)
{
	const yaml_event_t *ev = &ps->ev;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (is_null(ev))
			return "null";
		return quote(out, size, (const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	default:
		return "nothing";
	}
}

#define DESCRIBE(ps, buf) describe((ps), (buf), sizeof(buf))
#define QUOTE_SIZE (QUOTE_MAX * 4 + 16)

/* Move to the next event, refusing what erlrc.yaml never needs. */
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

static const char *
scalar(const struct parser *ps)
{
	return (const char *)ps->ev.data.scalar.value;
}

/*
 * A duration in seconds: an integer or a decimal with at most three
 * decimals, in plain digits.  YAML 1.1 reads 010 as octal and allows
 * 1_000, 0x10 and 1e3: all are refused rather than guessed at.
 */
static int
parse_seconds(struct parser *ps, const char *key, int zero_ok,
    unsigned *ms)
{
	const yaml_event_t *ev = &ps->ev;
	const char *s = scalar(ps);
	unsigned long whole = 0, frac = 0;
	size_t i = 0, len, nfrac = 0;
	int too_precise = 0;
	char what[QUOTE_SIZE];

	if (ev->type != YAML_SCALAR_EVENT || is_null(ev))
		goto bad;
	len = ev->data.scalar.length;
	if (len == 0 || s[0] < '0' || s[0] > '9')
		goto bad;
	if (s[0] == '0' && len > 1 && s[1] != '.')
		goto bad;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		if (whole <= ERLRC_CONFIG_MAX_MS / 1000)
			whole = whole * 10 + (unsigned long)(s[i] - '0');
	if (i < len && s[i] == '.') {
		i++;
		if (i == len)
			goto bad;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, nfrac++) {
			if (nfrac < 3)
				frac = frac * 10 + (unsigned long)(s[i] - '0');
			else if (s[i] != '0')
				too_precise = 1;
		}
		for (; nfrac < 3; nfrac++)
			frac *= 10;
	}
	if (i != len)
		goto bad;
	if (too_precise)
		return ERROR_AT(ps, ev->start_mark,
		    "%s: expected at most 3 decimals (milliseconds), got %s",
		    key, DESCRIBE(ps, what));
	if (whole > ERLRC_CONFIG_MAX_MS / 1000 ||
	    whole * 1000 + frac > ERLRC_CONFIG_MAX_MS)
		return ERROR_AT(ps, ev->start_mark,
		    "%s: expected at most %u seconds, got %s", key,
		    ERLRC_CONFIG_MAX_MS / 1000, DESCRIBE(ps, what));
	if (!zero_ok && whole == 0 && frac == 0)
		return ERROR_AT(ps, ev->start_mark,
		    "%s: expected more than 0 seconds, got %s", key,
		    DESCRIBE(ps, what));
	*ms = (unsigned)(whole * 1000 + frac);
	return 0;
bad:
	return ERROR_AT(ps, ev->start_mark,
	    "%s: expected a number of seconds, got %s", key,
	    DESCRIBE(ps, what));
}

/* One of NAMES[N] (EXPECTED lists them for the message); *OUT its index. */
static int
parse_choice(struct parser *ps, const char *key, const char *const *names,
    size_t n, const char *expected, int *out)
{
	const yaml_event_t *ev = &ps->ev;
	char what[QUOTE_SIZE];
	size_t i;

	if (ev->type == YAML_SCALAR_EVENT && !is_null(ev))
		for (i = 0; i < n; i++)
			if (strcmp(scalar(ps), names[i]) == 0) {
				*out = (int)i;
				return 0;
			}
	return ERROR_AT(ps, ev->start_mark, "%s: expected %s, got %s", key,
	    expected, DESCRIBE(ps, what));
}

static int
parse_start_type(struct parser *ps, const char *key,
    enum erlrc_start_type *out)
{
	int i = 0;

	if (parse_choice(ps, key, start_type_names, 3,
	    "temporary, transient or permanent", &i) < 0)
		return -1;
	*out = (enum erlrc_start_type)i;
	return 0;
}

static int
parse_on_failure(struct parser *ps, enum erlrc_on_failure *out)
{
	int i = 0;

	if (parse_choice(ps, "on_failure", on_failure_names, 2,
	    "resume or restart", &i) < 0)
		return -1;
	*out = (enum erlrc_on_failure)i;
	return 0;
}

static void
free_lib_dirs(struct erlrc_config *c)
{
	size_t i;

	for (i = 0; i < c->nlib_dirs; i++)
		free(c->lib_dirs[i]);
	free(c->lib_dirs);
	c->lib_dirs = NULL;
	c->nlib_dirs = 0;
}

/* lib_dirs: a list of absolute paths, replacing the default. */
static int
parse_lib_dirs(struct parser *ps)
{
	struct erlrc_config *c = ps->c;
	char what[QUOTE_SIZE];
	size_t cap = 0;

	if (ps->ev.type != YAML_SEQUENCE_START_EVENT)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "lib_dirs: expected a list of absolute paths, got %s",
		    DESCRIBE(ps, what));
	free_lib_dirs(c);
	for (;;) {
		if (next(ps) < 0)
			return -1;
		if (ps->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (ps->ev.type != YAML_SCALAR_EVENT || is_null(&ps->ev) ||
		    scalar(ps)[0] != '/')
			return ERROR_AT(ps, ps->ev.start_mark,
			    "lib_dirs: expected an absolute path, got %s",
			    DESCRIBE(ps, what));
		c->lib_dirs = erlrc_xgrow(c->lib_dirs, &cap, c->nlib_dirs,
		    sizeof(*c->lib_dirs));
		c->lib_dirs[c->nlib_dirs++] = erlrc_xstrdup(scalar(ps));
	}
}

/* The settings of one application: null, or a mapping of its keys. */
static int
parse_app_settings(struct parser *ps, struct erlrc_config_app *app)
{
	char what[QUOTE_SIZE], key[ERLRC_NAME_MAX + 32];
	size_t seen_line = 0;

	if (is_null(&ps->ev))
		return 0;
	if (ps->ev.type != YAML_MAPPING_START_EVENT)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "applications.%s: expected a mapping of settings, got %s",
		    app->name, DESCRIBE(ps, what));
	for (;;) {
		if (next(ps) < 0)
			return -1;
		if (ps->ev.type == YAML_MAPPING_END_EVENT)
			return 0;
		if (ps->ev.type != YAML_SCALAR_EVENT || is_null(&ps->ev))
			return ERROR_AT(ps, ps->ev.start_mark,
			    "applications.%s: expected a key, got %s",
			    app->name, DESCRIBE(ps, what));
		if (strcmp(scalar(ps), "start_type") != 0)
			return ERROR_AT(ps, ps->ev.start_mark,
			    "applications.%s: unknown key %s", app->name,
			    DESCRIBE(ps, what));
		if (seen_line)
			return ERROR_AT(ps, ps->ev.start_mark,
			    "applications.%s: duplicate key 'start_type' "
			    "(first on line %zu)", app->name, seen_line);
		seen_line = ps->ev.start_mark.line + 1;
		if (next(ps) < 0)
			return -1;
		snprintf(key, sizeof(key), "applications.%s.start_type",
		    app->name);
		if (parse_start_type(ps, key, &app->start_type) < 0)
			return -1;
		app->has_start_type = 1;
	}
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
	const struct erlrc_config_app *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * applications: null, or a mapping of application names to their
 * settings.  Names are sorted at the end, which also finds duplicates.
 */
static int
parse_applications(struct parser *ps)
{
	struct erlrc_config *c = ps->c;
	struct app_entry *v = NULL;
	size_t n = 0, cap = 0, i;
	char what[QUOTE_SIZE];
	int ret = -1;

	if (is_null(&ps->ev))
		return 0;
	if (ps->ev.type != YAML_MAPPING_START_EVENT)
		return ERROR_AT(ps, ps->ev.start_mark,
		    "applications: expected a mapping of application names "
		    "to settings, got %s", DESCRIBE(ps, what));
	for (;;) {
		if (next(ps) < 0)
			goto out;
		if (ps->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if (ps->ev.type != YAML_SCALAR_EVENT || is_null(&ps->ev)) {
			ERROR_AT(ps, ps->ev.start_mark,
			    "applications: expected an application name, "
			    "got %s", DESCRIBE(ps, what));
			goto out;
		}
		if (!erlrc_registry_valid_app_name(scalar(ps))) {
			ERROR_AT(ps, ps->ev.start_mark,
			    "applications: %s is not a valid application name",
			    DESCRIBE(ps, what));
			goto out;
		}
		v = erlrc_xgrow(v, &cap, n, sizeof(*v));
		memset(&v[n], 0, sizeof(v[n]));
		v[n].app.name = erlrc_xstrdup(scalar(ps));
		v[n].app.start_type = ERLRC_START_TEMPORARY;
		v[n].mark = ps->ev.start_mark;
		n++;
		if (next(ps) < 0 || parse_app_settings(ps, &v[n - 1].app) < 0)
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
	c->apps = n ? erlrc_xcalloc(n, sizeof(*c->apps)) : NULL;
	for (i = 0; i < n; i++)
		c->apps[i] = v[i].app;
	c->napps = n;
	n = 0;
	ret = 0;
out:
	for (i = 0; i < n; i++)
		free(v[i].app.name);
	free(v);
	return ret;
}

/* The value of top-level key K; the current event is its first. */
static int
parse_value(struct parser *ps, enum key k)
{
	struct erlrc_config *c = ps->c;

	switch (k) {
	case K_TIMEOUT:
		return parse_seconds(ps, "timeout", 0, &c->timeout_ms);
	case K_LOCK_TIMEOUT:
		return parse_seconds(ps, "lock_timeout", 1,
		    &c->lock_timeout_ms);
	case K_BOOT_WAIT:
		return parse_seconds(ps, "boot_wait", 1, &c->boot_wait_ms);
	case K_LIB_DIRS:
		return parse_lib_dirs(ps);
	case K_START_TYPE:
		return parse_start_type(ps, "start_type", &c->start_type);
	case K_ON_FAILURE:
		return parse_on_failure(ps, &c->on_failure);
	default:
		return parse_applications(ps);
	}
}

/* The top-level mapping, its start event current. */
static int
parse_settings(struct parser *ps)
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
			    "expected a key, got %s", DESCRIBE(ps, what));
		for (k = 0; k < K_COUNT; k++)
			if (strcmp(scalar(ps), key_names[k]) == 0)
				break;
		if (k == K_COUNT)
			return ERROR_AT(ps, ps->ev.start_mark,
			    "unknown key %s", DESCRIBE(ps, what));
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
		if (parse_settings(ps) < 0)
			return -1;
	} else if (!is_null(&ps->ev)) {
		return ERROR_AT(ps, ps->ev.start_mark,
		    "expected a mapping of settings, got %s",
		    DESCRIBE(ps, what));
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

/*
 * erlrc_config_init - fill C with the defaults: timeout 30 s, lock_timeout
 * and boot_wait 60 s, lib_dirs [/usr/lib/erlang/lib], start_type
 * temporary, on_failure resume, no per-application setting.  Release
 * with erlrc_config_destroy.
 */
void
erlrc_config_init(struct erlrc_config *c)
{
	c->timeout_ms = ERLRC_CONFIG_TIMEOUT_MS;
	c->lock_timeout_ms = ERLRC_CONFIG_LOCK_TIMEOUT_MS;
	c->boot_wait_ms = ERLRC_CONFIG_BOOT_WAIT_MS;
	c->lib_dirs = erlrc_xmalloc(sizeof(*c->lib_dirs));
	c->lib_dirs[0] = erlrc_xstrdup(ERLRC_CONFIG_LIB_DIR);
	c->nlib_dirs = 1;
	c->start_type = ERLRC_START_TEMPORARY;
	c->on_failure = ERLRC_ON_FAILURE_RESUME;
	c->apps = NULL;
	c->napps = 0;
}

/* erlrc_config_destroy - free what C holds; init it again to reuse it. */
void
erlrc_config_destroy(struct erlrc_config *c)
{
	size_t i;

	free_lib_dirs(c);
	for (i = 0; i < c->napps; i++)
		free(c->apps[i].name);
	free(c->apps);
	c->apps = NULL;
	c->napps = 0;
}

/*
 * erlrc_config_parse - parse TEXT, LEN bytes of erlrc.yaml, and replace
 * the contents of C (which must have been initialized) with the defaults
 * overridden by what it sets.  NAME is the file name used in messages.
 * Empty text, or only comments, means the defaults.  Returns 0, or -1
 * with ERLRC_ERR_INPUT and "NAME:LINE:COL: what is wrong" in err; C is
 * then unchanged.
 */
int
erlrc_config_parse(struct erlrc_config *c, const char *name,
    const char *text, size_t len, struct erlrc_error *err)
{
	struct erlrc_config tmp;
	struct parser ps;
	int ret;

	memset(&ps, 0, sizeof(ps));
	if (!yaml_parser_initialize(&ps.yp))
		erlrc_xoom();
	ps.name = name;
	ps.text = text ? text : "";
	ps.len = text ? len : 0;
	ps.c = &tmp;
	ps.err = err;
	yaml_parser_set_input_string(&ps.yp, (const unsigned char *)ps.text,
	    ps.len);
	erlrc_config_init(&tmp);
	ret = parse_stream(&ps);
	if (ret == 0) {
		erlrc_config_destroy(c);
		*c = tmp;
	} else {
		erlrc_config_destroy(&tmp);
	}
	if (ps.have_ev)
		yaml_event_delete(&ps.ev);
	yaml_parser_delete(&ps.yp);
	return ret;
}

/*
 * erlrc_config_read - read the file PATH into C as erlrc_config_parse
 * does.  A missing file is not an error: C then holds the defaults.
 * Returns 0, or -1 with err set (ERLRC_ERR_INPUT for a bad file,
 * ERLRC_ERR_SYSTEM when it cannot be read); C is then unchanged.
 */
int
erlrc_config_read(struct erlrc_config *c, const char *path,
    struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	int ret;

	if (erlrc_buf_read_file(&b, path, err) < 0) {
		erlrc_buf_destroy(&b);
		if (err->code != ERLRC_ERR_NOTFOUND)
			return -1;
		erlrc_error_clear(err);
		erlrc_config_destroy(c);
		erlrc_config_init(c);
		return 0;
	}
	ret = erlrc_config_parse(c, path, erlrc_buf_str(&b), b.len, err);
	erlrc_buf_destroy(&b);
	return ret;
}

/* erlrc_config_app - the settings of APP in C, or NULL; owned by C. */
const struct erlrc_config_app *
erlrc_config_app(const struct erlrc_config *c, const char *app)
{
	struct erlrc_config_app key;

	if (!c->napps)
		return NULL;
	key.name = (char *)app;
	return bsearch(&key, c->apps, c->napps, sizeof(*c->apps), cmp_app);
}

/*
 * erlrc_config_start_type - how APP is to be started: its own start_type
 * when erlrc.yaml gives one, else the global start_type.
 */
enum erlrc_start_type
erlrc_config_start_type(const struct erlrc_config *c, const char *app)
{
	const struct erlrc_config_app *a = erlrc_config_app(c, app);

	return a && a->has_start_type ? a->start_type : c->start_type;
}

/* erlrc_start_type_name - the atom of T: "temporary" and so on. */
const char *
erlrc_start_type_name(enum erlrc_start_type t)
{
	if ((unsigned)t >= sizeof(start_type_names) / sizeof(char *))
		return "temporary";
	return start_type_names[t];
}

/* erlrc_on_failure_name - the erlrc.yaml word for F. */
const char *
erlrc_on_failure_name(enum erlrc_on_failure f)
{
	if ((unsigned)f >= sizeof(on_failure_names) / sizeof(char *))
		return "resume";
	return on_failure_names[f];
}
