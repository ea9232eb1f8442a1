/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.c - erlrc's settings: ETC/erlrc.yaml, read with libyaml */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <erlrc/buf.h>
#include <erlrc/config.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>
#include <erlrc/yaml.h>

/*
 * The file is read with libyaml's event API (through yaml.c) by a small
 * recursive descent parser that knows the schema: a mapping of settings,
 * one of them a mapping of mappings.  Any node where the schema has none
 * is an error at its first event, so nesting never goes deeper than three
 * levels.  Aliases and explicit tags are refused: a settings file has no
 * use for them, and refusing them keeps every value where it is written.
 */

#define KEY_SIZE (ERLRC_NAME_MAX + 32)	/* "applications.NAME" */

enum key {
	K_TIMEOUT,
	K_LOCK_TIMEOUT,
	K_BOOT_WAIT,
	K_SETTLE,
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
	"settle",
	"lib_dirs",
	"start_type",
	"on_failure",
	"applications",
};

static const char *const app_key_names[] = {
	"start_type",
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

/* erlrc_config_seconds - see config.h. */
const char *
erlrc_config_seconds(const char *s, size_t len, int zero_ok, unsigned *ms)
{
	unsigned long whole = 0, frac = 0;
	size_t i = 0, nfrac = 0;
	int too_precise = 0;

	if (len == 0 || s[0] < '0' || s[0] > '9')
		return "expected a number of seconds";
	if (s[0] == '0' && len > 1 && s[1] != '.')
		return "expected a number of seconds";
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		if (whole <= ERLRC_CONFIG_MAX_MS / 1000)
			whole = whole * 10 + (unsigned long)(s[i] - '0');
	if (i < len && s[i] == '.') {
		i++;
		if (i == len)
			return "expected a number of seconds";
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
		return "expected a number of seconds";
	if (too_precise)
		return "expected at most 3 decimals (milliseconds)";
	if (whole > ERLRC_CONFIG_MAX_MS / 1000 ||
	    whole * 1000 + frac > ERLRC_CONFIG_MAX_MS)
		return "expected at most 86400 seconds";
	if (!zero_ok && whole == 0 && frac == 0)
		return "expected more than 0 seconds";
	*ms = (unsigned)(whole * 1000 + frac);
	return NULL;
}

static int
parse_seconds(struct erlrc_yaml *y, const char *key, int zero_ok,
    unsigned *ms)
{
	const char *s = erlrc_yaml_scalar(y), *why;

	why = s ? erlrc_config_seconds(s, y->ev.data.scalar.length, zero_ok,
	    ms) : "expected a number of seconds";
	if (!why)
		return 0;
	return erlrc_yaml_error(y, "%s: %s, got %s", key, why,
	    erlrc_yaml_describe(y));
}

/* One of NAMES[N] (EXPECTED lists them for the message); *OUT its index. */
static int
parse_choice(struct erlrc_yaml *y, const char *key, const char *const *names,
    size_t n, const char *expected, int *out)
{
	const char *s = erlrc_yaml_scalar(y);
	size_t i;

	if (s)
		for (i = 0; i < n; i++)
			if (strcmp(s, names[i]) == 0) {
				*out = (int)i;
				return 0;
			}
	return erlrc_yaml_error(y, "%s: expected %s, got %s", key, expected,
	    erlrc_yaml_describe(y));
}

static int
parse_start_type(struct erlrc_yaml *y, const char *key,
    enum erlrc_start_type *out)
{
	int i = 0;

	if (parse_choice(y, key, start_type_names, 3,
	    "temporary, transient or permanent", &i) < 0)
		return -1;
	*out = (enum erlrc_start_type)i;
	return 0;
}

static int
parse_on_failure(struct erlrc_yaml *y, enum erlrc_on_failure *out)
{
	int i = 0;

	if (parse_choice(y, "on_failure", on_failure_names, 2,
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
parse_lib_dirs(struct erlrc_yaml *y, struct erlrc_config *c)
{
	const char *s;
	size_t cap = 0;

	if (y->ev.type != YAML_SEQUENCE_START_EVENT)
		return erlrc_yaml_error(y,
		    "lib_dirs: expected a list of absolute paths, got %s",
		    erlrc_yaml_describe(y));
	free_lib_dirs(c);
	for (;;) {
		if (erlrc_yaml_next(y) < 0)
			return -1;
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		s = erlrc_yaml_scalar(y);
		if (!s || s[0] != '/')
			return erlrc_yaml_error(y,
			    "lib_dirs: expected an absolute path, got %s",
			    erlrc_yaml_describe(y));
		c->lib_dirs = erlrc_xgrow(c->lib_dirs, &cap, c->nlib_dirs,
		    sizeof(*c->lib_dirs));
		c->lib_dirs[c->nlib_dirs++] = erlrc_xstrdup(s);
	}
}

/* The value of an application's key: start_type is the only one. */
static int
parse_app_value(struct erlrc_yaml *y, size_t k, const char *path,
    void *arg)
{
	struct erlrc_config_app *app = arg;

	if (parse_start_type(y, path, &app->start_type) < 0)
		return -1;
	app->has_start_type = 1;
	return 0;
}

/* The settings of one application: null, or a mapping of its keys. */
static int
parse_app_settings(struct erlrc_yaml *y, void *elem)
{
	struct erlrc_config_app *app = elem;
	char context[KEY_SIZE];

	app->start_type = ERLRC_START_TEMPORARY;
	if (erlrc_yaml_is_null(y))
		return 0;
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return erlrc_yaml_error(y,
		    "applications.%s: expected a mapping of settings, got %s",
		    app->name, erlrc_yaml_describe(y));
	snprintf(context, sizeof(context), "applications.%s", app->name);
	return erlrc_yaml_mapping(y, context, app_key_names, 1,
	    parse_app_value, app);
}

static int
cmp_app(const void *a, const void *b)
{
	const struct erlrc_config_app *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static void
app_destroy(void *elem)
{
	free(((struct erlrc_config_app *)elem)->name);
}

/* applications: null, or a mapping of application names to their
 * settings. */
static int
parse_applications(struct erlrc_yaml *y, struct erlrc_config *c)
{
	void *apps;

	if (erlrc_yaml_applications(y, "settings", sizeof(*c->apps),
	    parse_app_settings, app_destroy, &apps, &c->napps) < 0)
		return -1;
	c->apps = apps;
	return 0;
}

/* The value of top-level key K; the current event is its first. */
static int
parse_value(struct erlrc_yaml *y, size_t k, const char *path, void *arg)
{
	struct erlrc_config *c = arg;

	switch (k) {
	case K_TIMEOUT:
		return parse_seconds(y, path, 0, &c->timeout_ms);
	case K_LOCK_TIMEOUT:
		return parse_seconds(y, path, 1, &c->lock_timeout_ms);
	case K_BOOT_WAIT:
		return parse_seconds(y, path, 1, &c->boot_wait_ms);
	case K_SETTLE:
		return parse_seconds(y, path, 1, &c->settle_ms);
	case K_LIB_DIRS:
		return parse_lib_dirs(y, c);
	case K_START_TYPE:
		return parse_start_type(y, path, &c->start_type);
	case K_ON_FAILURE:
		return parse_on_failure(y, &c->on_failure);
	default:
		return parse_applications(y, c);
	}
}

/*
 * erlrc_config_init - fill C with the defaults: timeout 30 s, lock_timeout
 * and boot_wait 60 s, settle 1 s, lib_dirs [/usr/lib/erlang/lib], start_type
 * temporary, on_failure resume, no per-application setting.  Release
 * with erlrc_config_destroy.
 */
void
erlrc_config_init(struct erlrc_config *c)
{
	c->timeout_ms = ERLRC_CONFIG_TIMEOUT_MS;
	c->lock_timeout_ms = ERLRC_CONFIG_LOCK_TIMEOUT_MS;
	c->boot_wait_ms = ERLRC_CONFIG_BOOT_WAIT_MS;
	c->settle_ms = ERLRC_CONFIG_SETTLE_MS;
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
	struct erlrc_yaml y;
	int ret;

	erlrc_yaml_init(&y, name, text, len, err);
	erlrc_config_init(&tmp);
	ret = erlrc_yaml_document(&y, "a mapping of settings", key_names,
	    K_COUNT, parse_value, &tmp);
	if (ret == 0) {
		erlrc_config_destroy(c);
		*c = tmp;
	} else {
		erlrc_config_destroy(&tmp);
	}
	erlrc_yaml_destroy(&y);
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
