/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libdir.c - the applications found in library directories */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/buf.h>
#include <erlrc/libdir.h>
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
 * The application of directory entry NAME in DIR, if any: NAME itself or
 * the longest prefix before a '-' for which ebin/PREFIX.app exists.
 */
static int
identify(const char *dir, const char *name, struct erlrc_libapp *out)
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
	out->name = prefix;
	out->dir = appdir;
	out->app_file = file;
	out->entry = erlrc_xstrdup(name);
	out->dirvsn = dash ? out->entry + (dash - prefix) + 1 : "";
	return 1;
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
	struct erlrc_libapp cand;
	const char *slash = strrchr(dir, '/');
	char *parent;
	int found;

	if (!slash || slash == dir)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not an "
		    "application directory", dir);
	parent = erlrc_xstrndup(dir, (size_t)(slash - dir));
	found = identify(parent, slash + 1, &cand);
	free(parent);
	if (!found || strcmp(cand.name, name) != 0) {
		if (found)
			libapp_destroy(&cand);
		return erlrc_error_set(err, ERLRC_ERR_NOTFOUND, "no %s/ebin/%s.app",
		    dir, name);
	}
	put(l, &cand);
	return 0;
}

/* erlrc_libdirs_scan - see libdir.h. */
int
erlrc_libdirs_scan(struct erlrc_libdirs *l, const char *dir,
    struct erlrc_error *err)
{
	struct erlrc_libapp cand;
	struct dirent *de;
	DIR *d;
	size_t i;

	l->dirs = erlrc_xrealloc(l->dirs, (l->ndirs + 1) * sizeof(*l->dirs));
	l->dirs[l->ndirs++] = erlrc_xstrdup(dir);
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
		if (de->d_name[0] == '.' || !identify(dir, de->d_name, &cand))
			continue;
		i = erlrc_strmap_get(&l->byname, cand.name);
		if (i == ERLRC_STRMAP_NONE || better(&cand, &l->apps[i]))
			put(l, &cand);
		else
			libapp_destroy(&cand);
	}
	if (errno) {
		erlrc_error_errno(err, "%s", dir);
		closedir(d);
		return -1;
	}
	closedir(d);
	return 0;
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
