/* SPDX-License-Identifier: GPL-2.0-or-later */
/* yaml.c - reading a YAML file of known keys with libyaml's events */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/registry.h>
#include <erlrc/xalloc.h>
#include <erlrc/yaml.h>

/*
 * erlrc_yaml_init - open a parser over TEXT, LEN bytes (NULL for none),
 * which Y borrows, as are NAME and ERR, until erlrc_yaml_destroy.  No
 * event is current yet.
 */
void
erlrc_yaml_init(struct erlrc_yaml *y, const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	memset(y, 0, sizeof(*y));
	if (!yaml_parser_initialize(&y->parser))
		erlrc_xoom();
	y->name = name;
	y->text = text ? text : "";
	y->len = text ? len : 0;
	y->err = err;
	yaml_parser_set_input_string(&y->parser,
	    (const unsigned char *)y->text, y->len);
}

/* erlrc_yaml_destroy - free the parser and the current event. */
void
erlrc_yaml_destroy(struct erlrc_yaml *y)
{
	if (y->have_ev)
		yaml_event_delete(&y->ev);
	y->have_ev = 0;
	yaml_parser_delete(&y->parser);
}

/*
 * erlrc_yaml_mark - where byte OFFSET of the text is (past its end: the
 * end), for an error that libyaml gives no mark for.
 */
yaml_mark_t
erlrc_yaml_mark(const struct erlrc_yaml *y, size_t offset)
{
	yaml_mark_t m = { 0, 0, 0 };

	for (; m.index < offset && m.index < y->len; m.index++) {
		if (y->text[m.index] == '\n') {
			m.line++;
			m.column = 0;
		} else {
			m.column++;
		}
	}
	return m;
}

static int ERLRC_PRINTF(3, 0)
verror_at(struct erlrc_yaml *y, yaml_mark_t mark, const char *fmt,
    va_list ap)
{
	char msg[ERLRC_ERROR_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* libyaml's marks count from 0. */
	return erlrc_error_set(y->err, ERLRC_ERR_INPUT, "%s:%zu:%zu: %s",
	    y->name, mark.line + 1, mark.column + 1, msg);
}

/*
 * erlrc_yaml_error_at - set the error to "NAME:LINE:COL: message" at
 * MARK, with ERLRC_ERR_INPUT.  Returns -1.
 */
int
erlrc_yaml_error_at(struct erlrc_yaml *y, yaml_mark_t mark,
    const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = verror_at(y, mark, fmt, ap);
	va_end(ap);
	return ret;
}

/* erlrc_yaml_error - erlrc_yaml_error_at the current event.  Returns -1. */
int
erlrc_yaml_error(struct erlrc_yaml *y, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = verror_at(y, y->ev.start_mark, fmt, ap);
	va_end(ap);
	return ret;
}

/* A libyaml failure, with libyaml's own words. */
static int
parser_error(struct erlrc_yaml *y)
{
	const yaml_parser_t *p = &y->parser;
	const char *problem = p->problem ? p->problem : "syntax error";
	yaml_mark_t at;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		erlrc_xoom();
	case YAML_READER_ERROR:
		/* Reader errors have a byte offset, not a mark. */
		at = erlrc_yaml_mark(y, p->problem_offset);
		if (p->problem_value != -1)
			return erlrc_yaml_error_at(y, at, "%s (#%X)", problem,
			    (unsigned)p->problem_value);
		return erlrc_yaml_error_at(y, at, "%s", problem);
	default:
		if (p->context)
			return erlrc_yaml_error_at(y, p->problem_mark,
			    "%s (%s at line %zu, column %zu)", problem,
			    p->context, p->context_mark.line + 1,
			    p->context_mark.column + 1);
		return erlrc_yaml_error_at(y, p->problem_mark, "%s", problem);
	}
}

/*
 * erlrc_yaml_next - make the next event current, refusing aliases, tags
 * and strings with a NUL, which no file of ours needs.  Returns 0, or
 * -1 with the error set.
 */
int
erlrc_yaml_next(struct erlrc_yaml *y)
{
	yaml_event_t *ev = &y->ev;
	const yaml_char_t *tag = NULL;

	if (y->have_ev) {
		yaml_event_delete(ev);
		y->have_ev = 0;
	}
	if (!yaml_parser_parse(&y->parser, ev))	/* 1 is success */
		return parser_error(y);
	y->have_ev = 1;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return erlrc_yaml_error(y, "aliases are not supported");
	case YAML_SCALAR_EVENT:
		tag = ev->data.scalar.tag;
		if (memchr(ev->data.scalar.value, '\0',
		    ev->data.scalar.length))
			return erlrc_yaml_error(y,
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
		return erlrc_yaml_error(y, "tags are not supported");
	return 0;
}

/* erlrc_yaml_is_null - 1 when the current event is a plain null. */
int
erlrc_yaml_is_null(const struct erlrc_yaml *y)
{
	const yaml_event_t *ev = &y->ev;
	const char *v;

	if (ev->type != YAML_SCALAR_EVENT ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	v = (const char *)ev->data.scalar.value;
	return strcmp(v, "") == 0 || strcmp(v, "~") == 0 ||
	    strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
	    strcmp(v, "NULL") == 0;
}

/*
 * erlrc_yaml_scalar - the text of the current event when it is a scalar
 * other than null (of ev.data.scalar.length bytes, no NUL), else NULL.
 * Owned by Y, valid until the next event.
 */
const char *
erlrc_yaml_scalar(const struct erlrc_yaml *y)
{
	if (y->ev.type != YAML_SCALAR_EVENT || erlrc_yaml_is_null(y))
		return NULL;
	return (const char *)y->ev.data.scalar.value;
}

/* 'S' with control characters escaped, cut after QUOTE_MAX bytes. */
static const char *
quote(char *out, size_t size, const char *s, size_t len)
{
	size_t i, o = 0;

	out[o++] = '\'';
	for (i = 0; i < len && o + 8 < size; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (i >= ERLRC_YAML_QUOTE_MAX && (ch & 0xc0) != 0x80) {
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

/*
 * erlrc_yaml_describe - the current event for "expected X, got Y": null,
 * 'the scalar' quoted and escaped, a list, a mapping or nothing.  Owned
 * by Y, valid until the next call.
 */
const char *
erlrc_yaml_describe(struct erlrc_yaml *y)
{
	switch (y->ev.type) {
	case YAML_SCALAR_EVENT:
		if (erlrc_yaml_is_null(y))
			return "null";
		return quote(y->what, sizeof(y->what),
		    (const char *)y->ev.data.scalar.value,
		    y->ev.data.scalar.length);
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	default:
		return "nothing";
	}
}

/*
 * erlrc_yaml_mapping - read the mapping whose start event is current, up
 * to its end event, where every key is one of NAMES[N], at most once,
 * and FN(Y, K, PATH, ARG) reads the value of NAMES[K].  CONTEXT (NULL at
 * the top level) is the mapping's own path, as in "applications.sensor":
 * messages start with "CONTEXT: ", and PATH is "CONTEXT.KEY".  Returns
 * 0, or -1 with the error set, by FN or for a key that is not a string,
 * unknown or duplicate.
 */
int
erlrc_yaml_mapping(struct erlrc_yaml *y, const char *context,
    const char *const *names, size_t n, erlrc_yaml_key_fn *fn, void *arg)
{
	const char *sep = context ? ": " : "", *dot = context ? "." : "";
	size_t *seen_line = erlrc_xcalloc(n, sizeof(*seen_line));
	char path[ERLRC_ERROR_MAX];	/* a message could not show more */
	const char *key;
	size_t k;
	int ret = -1;

	if (!context)
		context = "";
	for (;;) {
		if (erlrc_yaml_next(y) < 0)
			goto out;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			break;
		key = erlrc_yaml_scalar(y);
		if (!key) {
			erlrc_yaml_error(y, "%s%sexpected a key, got %s",
			    context, sep, erlrc_yaml_describe(y));
			goto out;
		}
		for (k = 0; k < n && strcmp(key, names[k]) != 0; k++)
			;
		if (k == n) {
			erlrc_yaml_error(y, "%s%sunknown key %s", context, sep,
			    erlrc_yaml_describe(y));
			goto out;
		}
		if (seen_line[k]) {
			erlrc_yaml_error(y, "%s%sduplicate key '%s' (first on "
			    "line %zu)", context, sep, names[k], seen_line[k]);
			goto out;
		}
		seen_line[k] = y->ev.start_mark.line + 1;
		snprintf(path, sizeof(path), "%s%s%s", context, dot, names[k]);
		if (erlrc_yaml_next(y) < 0 || fn(y, k, path, arg) < 0)
			goto out;
	}
	ret = 0;
out:
	free(seen_line);
	return ret;
}

/*
 * erlrc_yaml_document - read the whole stream: nothing, or one document
 * that is null (both set nothing) or a mapping read by erlrc_yaml_mapping
 * with NAMES, N, FN and ARG.  EXPECTED names the mapping in the message
 * for another root: "expected EXPECTED, got ...".  Returns 0, or -1 with
 * the error set.
 */
int
erlrc_yaml_document(struct erlrc_yaml *y, const char *expected,
    const char *const *names, size_t n, erlrc_yaml_key_fn *fn, void *arg)
{
	if (erlrc_yaml_next(y) < 0 ||	/* STREAM-START */
	    erlrc_yaml_next(y) < 0)
		return -1;
	if (y->ev.type == YAML_STREAM_END_EVENT)
		return 0;
	if (erlrc_yaml_next(y) < 0)	/* the document's root */
		return -1;
	if (y->ev.type == YAML_MAPPING_START_EVENT) {
		if (erlrc_yaml_mapping(y, NULL, names, n, fn, arg) < 0)
			return -1;
	} else if (!erlrc_yaml_is_null(y)) {
		return erlrc_yaml_error(y, "expected %s, got %s", expected,
		    erlrc_yaml_describe(y));
	}
	if (erlrc_yaml_next(y) < 0 ||	/* DOCUMENT-END */
	    erlrc_yaml_next(y) < 0)
		return -1;
	if (y->ev.type != YAML_STREAM_END_EVENT)
		return erlrc_yaml_error(y, "expected a single YAML document");
	return 0;
}

/* Where one application of erlrc_yaml_applications was, to sort them. */
struct app_slot {
	const char *name;
	size_t i;		/* in the order read */
	yaml_mark_t mark;
};

static int
cmp_slot(const void *a, const void *b)
{
	const struct app_slot *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* erlrc_yaml_applications - see yaml.h.  Names are sorted at the end,
 * which also finds duplicates. */
int
erlrc_yaml_applications(struct erlrc_yaml *y, const char *what,
    size_t size, erlrc_yaml_app_fn *parse, void (*destroy)(void *elem),
    void **out, size_t *nout)
{
	struct app_slot *slots = NULL;
	char *v = NULL, *sorted;
	size_t n = 0, cap = 0, scap = 0, i;
	const char *name;
	int ret = -1;

	*out = NULL;
	*nout = 0;
	if (erlrc_yaml_is_null(y))
		return 0;
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return erlrc_yaml_error(y, "applications: expected a mapping "
		    "of application names to %s, got %s", what,
		    erlrc_yaml_describe(y));
	for (;;) {
		if (erlrc_yaml_next(y) < 0)
			goto out;
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			break;
		name = erlrc_yaml_scalar(y);
		if (!name) {
			erlrc_yaml_error(y, "applications: expected an "
			    "application name, got %s", erlrc_yaml_describe(y));
			goto out;
		}
		if (!erlrc_registry_valid_app_name(name)) {
			erlrc_yaml_error(y,
			    "applications: %s is not a valid application name",
			    erlrc_yaml_describe(y));
			goto out;
		}
		v = erlrc_xgrow(v, &cap, n, size);
		slots = erlrc_xgrow(slots, &scap, n, sizeof(*slots));
		memset(v + n * size, 0, size);
		*(char **)(void *)(v + n * size) = erlrc_xstrdup(name);
		slots[n].i = n;
		slots[n].mark = y->ev.start_mark;
		n++;
		if (erlrc_yaml_next(y) < 0 || parse(y, v + (n - 1) * size) < 0)
			goto out;
	}
	for (i = 0; i < n; i++)
		slots[i].name = *(char **)(void *)(v + slots[i].i * size);
	if (n > 1)
		qsort(slots, n, sizeof(*slots), cmp_slot);
	for (i = 1; i < n; i++)
		if (strcmp(slots[i - 1].name, slots[i].name) == 0) {
			erlrc_yaml_error_at(y, slots[i].mark,
			    "applications: duplicate application '%s' "
			    "(first on line %zu)", slots[i].name,
			    slots[i - 1].mark.line + 1);
			goto out;
		}
	sorted = n ? erlrc_xcalloc(n, size) : NULL;
	for (i = 0; i < n; i++)
		memcpy(sorted + i * size, v + slots[i].i * size, size);
	*out = sorted;
	*nout = n;
	n = 0;
	ret = 0;
out:
	for (i = 0; i < n; i++)
		destroy(v + i * size);
	free(v);
	free(slots);
	return ret;
}

/* erlrc_yaml_bool - see yaml.h. */
int
erlrc_yaml_bool(struct erlrc_yaml *y, const char *key, int *out)
{
	const char *s = erlrc_yaml_scalar(y);

	if (s && strcmp(s, "true") == 0) {
		*out = 1;
		return 0;
	}
	if (s && strcmp(s, "false") == 0) {
		*out = 0;
		return 0;
	}
	return erlrc_yaml_error(y, "%s: expected true or false, got %s", key,
	    erlrc_yaml_describe(y));
}
