/* SPDX-License-Identifier: GPL-2.0-or-later */
/* debscan.c - the OTP applications that .deb files hold */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/buf.h>
#include <erlrc/debscan.h>
#include <erlrc/dpkg.h>
#include <erlrc/registry.h>
#include <erlrc/subproc.h>
#include <erlrc/xalloc.h>

#define LIB "./usr/lib/erlang/lib/"

void
erlrc_debscan_init(struct erlrc_debscan *s)
{
	memset(s, 0, sizeof(*s));
}

void
erlrc_debscan_destroy(struct erlrc_debscan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].app);
		free(s->v[i].vsn);
		free(s->v[i].package);
		free(s->v[i].version);
		free(s->v[i].file);
	}
	free(s->v);
	for (i = 0; i < s->ndebs; i++)
		free(s->debs[i]);
	free(s->debs);
	erlrc_debscan_init(s);
}

/* The value of field NAME in dpkg-deb -f's output TEXT, or NULL. */
static char *
field(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p = text;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, name, len) == 0 && p[len] == ':' &&
		    p[len + 1] == ' ')
			return erlrc_xstrndup(p + len + 2,
			    strcspn(p + len + 2, "\n"));
	return NULL;
}

/*
 * If LINE (of dpkg-deb -c) lists LIB/APP-VSN/ebin/APP.app, add APP VSN
 * of PACKAGE VERSION in FILE.
 */
static void
app_line(struct erlrc_debscan *s, const char *line, size_t len,
    const char *package, const char *version, const char *file)
{
	const char *p = memmem(line, len, LIB, strlen(LIB)), *end = line + len;
	const char *dir, *dash, *slash;
	char *app, *want, *vsn;
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_debapp *a;

	if (!p)
		return;
	dir = p + strlen(LIB);
	slash = memchr(dir, '/', (size_t)(end - dir));
	if (!slash)
		return;
	dash = memchr(dir, '-', (size_t)(slash - dir));
	if (!dash)
		return;
	app = erlrc_xstrndup(dir, (size_t)(dash - dir));
	want = erlrc_xasprintf("/ebin/%s.app", app);
	if ((size_t)(end - slash) != strlen(want) ||
	    memcmp(slash, want, strlen(want)) != 0 ||
	    erlrc_registry_check_app(app, &ignored) < 0) {
		free(app);
		free(want);
		return;
	}
	free(want);
	vsn = erlrc_xstrndup(dash + 1, (size_t)(slash - dash - 1));
	if (erlrc_registry_check_vsn(vsn, &ignored) < 0) {
		free(app);
		free(vsn);
		return;
	}
	s->v = erlrc_xgrow(s->v, &s->cap, s->n, sizeof(*s->v));
	a = &s->v[s->n++];
	a->app = app;
	a->vsn = vsn;
	a->package = erlrc_xstrdup(package);
	a->version = erlrc_xstrdup(version);
	a->file = erlrc_xstrdup(file);
}

/* erlrc_debscan_add_listing - see debscan.h. */
void
erlrc_debscan_add_listing(struct erlrc_debscan *s, const char *listing,
    const char *package, const char *version, const char *file)
{
	const char *p, *nl;

	for (p = listing; *p; p = *nl ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		app_line(s, p, (size_t)(nl - p), package, version, file);
	}
}

/* Read the .deb FILE. */
static int
add_deb(struct erlrc_debscan *s, const char *file, struct erlrc_error *err)
{
	const char *info[] = { "dpkg-deb", "-f", "--", file, "Package",
	    "Version", NULL };
	const char *list[] = { "dpkg-deb", "-c", "--", file, NULL };
	struct erlrc_buf out = ERLRC_BUF_INIT;
	char *package = NULL, *version = NULL;
	int ret = -1;

	if (erlrc_subproc_output(info, NULL, NULL, &out, err) < 0)
		goto bad;
	package = field(erlrc_buf_str(&out), "Package");
	version = field(erlrc_buf_str(&out), "Version");
	if (!package || !version) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: no Package or "
		    "Version", file);
		goto out;
	}
	erlrc_buf_reset(&out);
	if (erlrc_subproc_output(list, NULL, NULL, &out, err) < 0)
		goto bad;
	erlrc_debscan_add_listing(s, erlrc_buf_str(&out), package, version,
	    file);
	s->debs = erlrc_xgrow(s->debs, &s->debcap, s->ndebs,
	    sizeof(*s->debs));
	s->debs[s->ndebs++] = erlrc_xasprintf("%s=%s", package, version);
	ret = 0;
	goto out;
bad:
	if (err->code == ERLRC_ERR_FAILED)
		err->code = ERLRC_ERR_INPUT;	/* not a .deb */
out:
	free(package);
	free(version);
	erlrc_buf_destroy(&out);
	return ret;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* erlrc_debscan_add - see debscan.h. */
int
erlrc_debscan_add(struct erlrc_debscan *s, const char *path,
    struct erlrc_error *err)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL, *file;
	size_t n = 0, cap = 0, i, len;
	int ret = 0;
	DIR *d;

	if (stat(path, &st) < 0)
		return erlrc_error_errno(err, "%s", path);
	if (!S_ISDIR(st.st_mode))
		return add_deb(s, path, err);
	d = opendir(path);
	if (!d)
		return erlrc_error_errno(err, "%s", path);
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".deb") == 0) {
			names = erlrc_xgrow(names, &cap, n, sizeof(*names));
			names[n++] = erlrc_xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		file = erlrc_xasprintf("%s/%s", path, names[i]);
		if (ret == 0)
			ret = add_deb(s, file, err);
		free(file);
		free(names[i]);
	}
	free(names);
	if (ret == 0 && n == 0)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s holds no .deb "
		    "file", path);
	return ret;
}

/* erlrc_debscan_find - see debscan.h. */
const struct erlrc_debapp *
erlrc_debscan_find(const struct erlrc_debscan *s, const char *app,
    const char *vsn)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	const struct erlrc_debapp *best = NULL;
	size_t i;
	int cmp;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i].app, app) != 0 ||
		    strcmp(s->v[i].vsn, vsn) != 0)
			continue;
		if (!best || (erlrc_dpkg_version_compare(s->v[i].version,
		    best->version, &cmp, &ignored) == 0 && cmp > 0))
			best = &s->v[i];
	}
	return best;
}

/* erlrc_debscan_has - see debscan.h. */
int
erlrc_debscan_has(const struct erlrc_debscan *s, const char *package,
    const char *version)
{
	size_t i, len = strlen(package);

	for (i = 0; i < s->ndebs; i++)
		if (strncmp(s->debs[i], package, len) == 0 &&
		    s->debs[i][len] == '=' &&
		    strcmp(s->debs[i] + len + 1, version) == 0)
			return 1;
	return 0;
}

/* Does the Depends field DEPENDS name erlrc? */
static int
depends_on_erlrc(const char *depends)
{
	const char *p = depends;
	size_t n;

	while (*p) {
		p += strspn(p, " \t\n,|");
		n = strcspn(p, " \t\n,|(:");
		if (n == 5 && strncmp(p, "erlrc", 5) == 0)
			return 1;
		p += n;
		p += strcspn(p, ",|");
	}
	return 0;
}

/* erlrc_debscan_foreign_version - see debscan.h. */
void
erlrc_debscan_foreign_version(const char *stanzas, char **other)
{
	const char *p = stanzas, *end;
	char *vsn = NULL;
	int erlrc = 0;

	*other = NULL;
	for (;;) {
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		if (strncmp(p, "Version: ", 9) == 0) {
			free(vsn);
			vsn = erlrc_xstrndup(p + 9, (size_t)(end - p - 9));
		} else if (strncmp(p, "Depends: ", 9) == 0) {
			char *d = erlrc_xstrndup(p + 9, (size_t)(end - p - 9));

			erlrc |= depends_on_erlrc(d);
			free(d);
		}
		/* the end of a stanza */
		if (end == p || *end == '\0') {
			if (vsn && *vsn && !erlrc && !*other)
				*other = vsn;
			else
				free(vsn);
			vsn = NULL;
			erlrc = 0;
		}
		if (*end == '\0')
			break;
		p = end + 1;
	}
}
