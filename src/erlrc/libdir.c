/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libdir.c - the applications found in library directories */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/app.h>
#include <erlrc/buf.h>
#include <erlrc/libdir.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>

void
erlrc_libdirs_init(struct erlrc_libdirs *l)
{
	memset(l, 0, sizeof(*l));
	erlrc_strmap_init(&l->byname);
}

static void
libapp_destroy(struct erlrc_libapp *a)
{
	free(a->name);
	free(a->dir);
	free(a->app_file);
	free(a->entry);
	free(a->app_vsn);
}

void
erlrc_libdirs_destroy(struct erlrc_libdirs *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		libapp_destroy(&l->apps[i]);
	free(l->apps);
	for (i = 0; i < l->ndirs; i++)
		free(l->dirs[i]);
	free(l->dirs);
	erlrc_strmap_destroy(&l->byname);
	erlrc_libdirs_init(l);
}

/* code_server's is_vsn/1: numbers separated by dots (empty parts skipped). */
static int
is_numeric_vsn(const char *v)
{
	int digits = 0;

	for (; *v; v++) {
		if (*v >= '0' && *v <= '9')
			digits = 1;
		else if (*v != '.')
			return 0;
	}
	return digits;
}

/* The next numeric part of V at *p: its digits without leading zeros. */
static int
next_part(const char **p, const char **start, size_t *len)
{
	while (**p == '.')
		(*p)++;
	if (!**p)
		return 0;
	while (**p == '0' && (*p)[1] >= '0' && (*p)[1] <= '9')
		(*p)++;
	*start = *p;
	while (**p >= '0' && **p <= '9')
		(*p)++;
	*len = (size_t)(*p - *start);
	return 1;
}

/*
 * erlrc_libdirs_vsn_compare - code_server's comparison of [integer()]
 * lists: part by part as numbers, a list that is a prefix of the other
 * being the smaller; a version that is not numeric is [0].
 */
int
erlrc_libdirs_vsn_compare(const char *a, const char *b)
{
	const char *pa, *pb, *sa, *sb;
	size_t la, lb;
	int ha, hb, c;

	pa = is_numeric_vsn(a) ? a : "0";
	pb = is_numeric_vsn(b) ? b : "0";
	for (;;) {
		ha = next_part(&pa, &sa, &la);
		hb = next_part(&pb, &sb, &lb);
		if (!ha || !hb)
			return ha - hb;
		if (la != lb)
			return la < lb ? -1 : 1;
		c = memcmp(sa, sb, la);
		if (c)
			return c;
	}
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The application of directory entry NAME in DIR named after it: NAME
 * itself or the longest prefix before a '-' for which ebin/PREFIX.app
 * exists.  1 found, 0 not.
 */
static int
named_app(const char *dir, const char *name, struct erlrc_libapp *out)
{
	char *appdir = erlrc_xpathjoin(dir, name);
	char *prefix = erlrc_xstrdup(name);
	char *dash = NULL, *file;

	for (;;) {
		file = erlrc_xasprintf("%s/ebin/%s.app", appdir, prefix);
		if (is_file(file))
			break;
		free(file);
		file = NULL;
		dash = strrchr(prefix, '-');
		if (!dash || dash == prefix)
			break;
		*dash = '\0';
	}
	if (!file) {
		free(appdir);
		free(prefix);
		return 0;
	}
	memset(out, 0, sizeof(*out));
	out->name = prefix;
	out->dir = appdir;
	out->app_file = file;
	out->entry = erlrc_xstrdup(name);
	out->dirvsn = dash ? out->entry + (dash - prefix) + 1 : "";
	return 1;
}

/*
 * The applications of directory entry NAME in DIR, into *OUT (a new
 * array, *N entries): the one it is named after, else every ebin/X.app
 * that names an application X erlrc accepts, with the vsn its .app says
 * (Debian installs fast_tls.app in p1_tls-1.1.16/).  The directory name
 * is only a hint.
 */
static void
identify(const char *dir, const char *name, struct erlrc_libapp **out,
    size_t *n)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_libapp *a;
	struct erlrc_app app;
	struct dirent *de;
	char *ebin, *file, *base;
	size_t len;
	DIR *d;

	*out = NULL;
	*n = 0;
	a = erlrc_xmalloc(sizeof(*a));
	if (named_app(dir, name, a)) {
		*out = a;
		*n = 1;
		return;
	}
	free(a);
	ebin = erlrc_xasprintf("%s/%s/ebin", dir, name);
	d = opendir(ebin);
	while (d && (de = readdir(d))) {
		len = strlen(de->d_name);
		if (len <= 4 || strcmp(de->d_name + len - 4, ".app") != 0)
			continue;
		base = erlrc_xstrndup(de->d_name, len - 4);
		file = erlrc_xasprintf("%s/%s", ebin, de->d_name);
		erlrc_app_init(&app);
		erlrc_error_clear(&ignored);
		if (erlrc_registry_check_app(base, &ignored) == 0 &&
		    is_file(file) &&
		    erlrc_app_read(&app, file, &ignored) == 0 &&
		    strcmp(app.name, base) == 0) {
			*out = erlrc_xrealloc(*out, (*n + 1) * sizeof(**out));
			a = &(*out)[(*n)++];
			memset(a, 0, sizeof(*a));
			a->name = base;
			base = NULL;
			a->dir = erlrc_xpathjoin(dir, name);
			a->app_file = file;
			a->entry = erlrc_xstrdup(name);
			a->app_vsn = erlrc_xstrdup(app.vsn);
			a->dirvsn = a->app_vsn;
			file = NULL;
		}
		erlrc_app_destroy(&app);
		free(file);
		free(base);
	}
	if (d)
		closedir(d);
	free(ebin);
}

/* Does candidate A beat B, the one already known? */
static int
better(const struct erlrc_libapp *a, const struct erlrc_libapp *b)
{
	int c = erlrc_libdirs_vsn_compare(a->dirvsn, b->dirvsn);

	return c > 0 || (c == 0 && strcmp(a->dir, b->dir) > 0);
}

/* Make CAND (taken over) the entry of its application. */
static void
put(struct erlrc_libdirs *l, struct erlrc_libapp *cand)
{
	size_t i = erlrc_strmap_get(&l->byname, cand->name);
	struct erlrc_libapp old;

	if (i == ERLRC_STRMAP_NONE) {
		l->apps = erlrc_xgrow(l->apps, &l->cap, l->n, sizeof(*l->apps));
		l->apps[l->n] = *cand;
		erlrc_strmap_put(&l->byname, l->apps[l->n].name, l->n);
		l->n++;
		return;
	}
	old = l->apps[i];
	/* the map must hold the new name before the old goes */
	l->apps[i] = *cand;
	erlrc_strmap_put(&l->byname, l->apps[i].name, i);
	libapp_destroy(&old);
}

/* erlrc_libdirs_pin - see libdir.h. */
int
erlrc_libdirs_pin(struct erlrc_libdirs *l, const char *name, const char *dir,
    struct erlrc_error *err)
{
	struct erlrc_libapp *cands;
	const char *slash = strrchr(dir, '/');
	char *parent;
	size_t i, n;
	int found = 0;

	if (!slash || slash == dir)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not an "
		    "application directory", dir);
	parent = erlrc_xstrndup(dir, (size_t)(slash - dir));
	identify(parent, slash + 1, &cands, &n);
	free(parent);
	for (i = 0; i < n; i++) {
		if (!found && strcmp(cands[i].name, name) == 0) {
			put(l, &cands[i]);
			found = 1;
		} else {
			libapp_destroy(&cands[i]);
		}
	}
	free(cands);
	if (!found)
		return erlrc_error_set(err, ERLRC_ERR_NOTFOUND, "no %s/ebin/%s.app",
		    dir, name);
	return 0;
}

/*
 * Call FN(CTX, CANDS, N) with the applications of each entry of library
 * directory DIR (identify), but its hidden ones; FN takes CANDS over.
 * A directory that does not exist holds none.  Returns 0, or -1 with
 * err set.
 */
static int
each_app(const char *dir, void (*fn)(void *ctx, struct erlrc_libapp *cands,
    size_t n), void *ctx, struct erlrc_error *err)
{
	struct erlrc_libapp *cands;
	struct dirent *de;
	size_t n;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return erlrc_error_errno(err, "%s", dir);
	}
	for (;;) {
		errno = 0;	/* readdir reports errors through errno only */
		de = readdir(d);
		if (!de)
			break;
		if (de->d_name[0] == '.')
			continue;
		identify(dir, de->d_name, &cands, &n);
		fn(ctx, cands, n);
	}
	if (errno) {
		erlrc_error_errno(err, "%s", dir);
		closedir(d);
		return -1;
	}
	closedir(d);
	return 0;
}

/* Keep the better of each candidate and what L holds of its name. */
static void
keep_best(void *ctx, struct erlrc_libapp *cands, size_t n)
{
	struct erlrc_libdirs *l = ctx;
	size_t i, j;

	for (j = 0; j < n; j++) {
		i = erlrc_strmap_get(&l->byname, cands[j].name);
		if (i == ERLRC_STRMAP_NONE || better(&cands[j], &l->apps[i]))
			put(l, &cands[j]);
		else
			libapp_destroy(&cands[j]);
	}
	free(cands);
}

/* erlrc_libdirs_scan - see libdir.h. */
int
erlrc_libdirs_scan(struct erlrc_libdirs *l, const char *dir,
    struct erlrc_error *err)
{
	l->dirs = erlrc_xrealloc(l->dirs, (l->ndirs + 1) * sizeof(*l->dirs));
	l->dirs[l->ndirs++] = erlrc_xstrdup(dir);
	return each_app(dir, keep_best, l, err);
}

const struct erlrc_libapp *
erlrc_libdirs_find(const struct erlrc_libdirs *l, const char *name)
{
	size_t i = erlrc_strmap_get(&l->byname, name);

	return i == ERLRC_STRMAP_NONE ? NULL : &l->apps[i];
}

char *
erlrc_libdirs_describe(const struct erlrc_libdirs *l)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	size_t i;

	for (i = 0; i < l->ndirs; i++)
		erlrc_buf_addf(&b, "%s%s", i ? ", " : "", l->dirs[i]);
	return erlrc_buf_detach(&b);
}

/* Does A's .app say VSN? */
static int
says_vsn(const struct erlrc_libapp *a, const char *vsn)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_app app;
	int ret;

	if (a->app_vsn)
		return strcmp(a->app_vsn, vsn) == 0;
	erlrc_app_init(&app);
	ret = erlrc_app_read(&app, a->app_file, &ignored) == 0 &&
	    strcmp(app.vsn, vsn) == 0;
	erlrc_app_destroy(&app);
	return ret;
}

/* What erlrc_libdirs_lookup looks for, and finds. */
struct lookup {
	const char *name, *vsn;
	char *appdir;
};

static void
match(void *ctx, struct erlrc_libapp *cands, size_t n)
{
	struct lookup *k = ctx;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!k->appdir && strcmp(cands[i].name, k->name) == 0 &&
		    says_vsn(&cands[i], k->vsn))
			k->appdir = erlrc_xstrdup(cands[i].dir);
		libapp_destroy(&cands[i]);
	}
	free(cands);
}

/* erlrc_libdirs_lookup - see libdir.h. */
int
erlrc_libdirs_lookup(const char *dir, const char *name, const char *vsn,
    char **appdir, struct erlrc_error *err)
{
	struct lookup k = { name, vsn, NULL };
	int ret = each_app(dir, match, &k, err);

	if (ret < 0) {
		free(k.appdir);
		k.appdir = NULL;
	}
	*appdir = k.appdir;
	return ret;
}
