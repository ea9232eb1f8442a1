/* SPDX-License-Identifier: GPL-2.0-or-later */
/* yaml.h - reading a YAML file of known keys with libyaml's events */
#ifndef ERLRC_YAML_H
#define ERLRC_YAML_H

#include <stddef.h>

#include <yaml.h>

#include <erlrc/error.h>

/*
 * What config.c and spec.c share: a YAML file read event by event by a
 * small recursive descent parser that knows the schema.  Every error is
 * ERLRC_ERR_INPUT with "NAME:LINE:COL: what is wrong".  Aliases, tags
 * and strings with a NUL are refused as they come; anchors are harmless.
 */

#define ERLRC_YAML_QUOTE_MAX 64	/* bytes of a value shown in a message */

/* A parser over a buffer, and its current event. */
struct erlrc_yaml {
	yaml_parser_t parser;
	yaml_event_t ev;	/* the current event, valid when have_ev */
	int have_ev;
	const char *name;	/* the file name, for messages */
	const char *text;
	size_t len;
	struct erlrc_error *err;
	char what[ERLRC_YAML_QUOTE_MAX * 4 + 16];	/* for _describe */
};

/*
 * What erlrc_yaml_mapping calls for key K of the names it was given, the
 * first event of the value current.  PATH is the key after the mapping's
 * context, as in "applications.sensor.version", for messages.  Returns 0
 * with the value's last event current, or -1 with the error set.
 */
typedef int erlrc_yaml_key_fn(struct erlrc_yaml *y, size_t k,
    const char *path, void *arg);

void erlrc_yaml_init(struct erlrc_yaml *y, const char *name,
    const char *text, size_t len, struct erlrc_error *err);
void erlrc_yaml_destroy(struct erlrc_yaml *y);
int erlrc_yaml_next(struct erlrc_yaml *y);
yaml_mark_t erlrc_yaml_mark(const struct erlrc_yaml *y, size_t offset);
int erlrc_yaml_error_at(struct erlrc_yaml *y, yaml_mark_t mark,
    const char *fmt, ...) ERLRC_PRINTF(3, 4);
int erlrc_yaml_error(struct erlrc_yaml *y, const char *fmt, ...)
    ERLRC_PRINTF(2, 3);
int erlrc_yaml_is_null(const struct erlrc_yaml *y);
/*
 * The value of KEY, current: YAML's true or false as written (yes, on and
 * 1 are not taken) into *OUT as 1 or 0.  Returns 0, or -1 with the error.
 */
int erlrc_yaml_bool(struct erlrc_yaml *y, const char *key, int *out);
const char *erlrc_yaml_scalar(const struct erlrc_yaml *y);
const char *erlrc_yaml_describe(struct erlrc_yaml *y);
int erlrc_yaml_mapping(struct erlrc_yaml *y, const char *context,
    const char *const *names, size_t n, erlrc_yaml_key_fn *fn, void *arg);
int erlrc_yaml_document(struct erlrc_yaml *y, const char *expected,
    const char *const *names, size_t n, erlrc_yaml_key_fn *fn, void *arg);

/* What erlrc_yaml_applications calls for the value of one application:
 * ELEM, zeroed but for its name, to fill.  As erlrc_yaml_key_fn. */
typedef int erlrc_yaml_app_fn(struct erlrc_yaml *y, void *elem);

/*
 * The value of "applications": null (none), or a mapping of application
 * names, each valid and given once, to values that PARSE reads (WHAT says
 * what they are, for messages: "settings").  *OUT is a new array of *NOUT
 * elements of SIZE bytes sorted by name, each one's first member the
 * name (a char *, owned by the element).  Returns 0, or -1 with the error
 * set, DESTROY having freed what each element read holds.
 */
int erlrc_yaml_applications(struct erlrc_yaml *y, const char *what,
    size_t size, erlrc_yaml_app_fn *parse, void (*destroy)(void *elem),
    void **out, size_t *nout);

#endif
