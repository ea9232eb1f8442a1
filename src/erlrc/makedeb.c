/* SPDX-License-Identifier: GPL-2.0-or-later */
/* makedeb.c - what makeappdeb, makereldeb and makebasedeb do alike */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/buf.h>
#include <erlrc/makedeb.h>
#include <erlrc/xalloc.h>

/* "\nNAME: V[0], V[1]", when N is not zero. */
static void
field(struct erlrc_buf *ctl, const char *name, char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i == 0)
			erlrc_buf_addf(ctl, "\n%s: ", name);
		erlrc_buf_addf(ctl, "%s%s", i ? ", " : "", v[i]);
	}
}

/* erlrc_makedeb_finish - see makedeb.h. */
int
erlrc_makedeb_finish(struct erlrc_debpkg *d,
    const struct erlrc_makedeb_control *c, time_t epoch, char **deb,
    struct erlrc_error *err)
{
	struct erlrc_buf ctl = ERLRC_BUF_INIT;
	const struct erlrc_spec *s = c->spec;
	const char *colon = strchr(c->version, ':');
	unsigned long kib;
	char *file;
	size_t i;
	int ret;

	if (erlrc_debpkg_installed_size(d, &kib, err) < 0)
		return -1;
	erlrc_buf_addf(&ctl, "Package: %s\nVersion: %s\nArchitecture: %s\n"
	    "Maintainer: %s\nInstalled-Size: %lu\nDepends: ", c->package,
	    c->version, c->arch, c->maintainer, kib);
	erlrc_debdeps_format(c->deps, &ctl);
	if (c->shlibs && *c->shlibs)
		erlrc_buf_addf(&ctl, ", %s", c->shlibs);
	for (i = 0; i < s->ndepends; i++)
		erlrc_buf_addf(&ctl, ", %s", s->depends[i]);
	if (c->recommends && c->recommends->n) {
		erlrc_buf_adds(&ctl, "\nRecommends: ");
		erlrc_debdeps_format(c->recommends, &ctl);
	}
	/* what replaces a package's files must break its older versions
	 * too (Debian policy 7.6.1) */
	field(&ctl, "Breaks", s->replaces, s->nreplaces);
	field(&ctl, "Replaces", s->replaces, s->nreplaces);
	field(&ctl, "Provides", s->provides, s->nprovides);
	erlrc_buf_addf(&ctl, "\nSection: %s\nPriority: %s\n", s->section ?
	    s->section : "misc", s->priority ? s->priority : "optional");
	if (s->homepage)
		erlrc_buf_addf(&ctl, "Homepage: %s\n", s->homepage);
	erlrc_debpkg_description(&ctl, c->synopsis, c->extended);
	file = erlrc_xasprintf("%s_%s_%s.deb", c->package, colon ? colon + 1 :
	    c->version, c->arch);
	ret = erlrc_debpkg_build(d, erlrc_buf_str(&ctl), file, epoch, deb,
	    err);
	free(file);
	erlrc_buf_destroy(&ctl);
	return ret;
}

/* erlrc_makedeb_package_name - see makedeb.h. */
char *
erlrc_makedeb_package_name(const char *prefix, const char *name)
{
	char *p, *s = erlrc_xasprintf("%s%s", prefix, name);

	for (p = s; *p; p++)
		*p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
	return s;
}

/* erlrc_makedeb_app_package - see makedeb.h. */
char *
erlrc_makedeb_app_package(const char *name)
{
	return strcmp(name, "erts") == 0 ? erlrc_xstrdup("erlang-base") :
	    erlrc_makedeb_package_name("erlang-", name);
}

/* erlrc_makedeb_relation - see makedeb.h. */
void
erlrc_makedeb_relation(const char *relation, char **op, char **ver)
{
	size_t n = strcspn(relation, " \t");

	*op = erlrc_xstrndup(relation, n);
	*ver = erlrc_xstrdup(relation + n + strspn(relation + n, " \t"));
}

/* erlrc_makedeb_description - see makedeb.h. */
void
erlrc_makedeb_description(const char *description, char **synopsis,
    char **extended)
{
	const char *nl = strchr(description, '\n');

	*synopsis = nl ? erlrc_xstrndup(description,
	    (size_t)(nl - description)) : erlrc_xstrdup(description);
	*extended = nl && nl[1] ? erlrc_xstrdup(nl + 1) : NULL;
}

/* erlrc_makedeb_copyright - see makedeb.h. */
int
erlrc_makedeb_copyright(const char *spec_file,
    const struct erlrc_spec *spec, const char *dir, char **path,
    struct erlrc_error *err)
{
	static const char *const licenses[] = {
		"LICENSE", "LICENSE.md", "LICENSE.txt", "COPYING", NULL,
	};
	struct stat st;
	size_t i;

	*path = NULL;
	if (spec->copyright) {
		/* relative to the spec's directory, as a Makefile's paths */
		const char *slash = strrchr(spec_file, '/');

		*path = spec->copyright[0] == '/' || !slash ?
		    erlrc_xstrdup(spec->copyright) : erlrc_xasprintf("%.*s/%s",
		    (int)(slash - spec_file), spec_file, spec->copyright);
		return 0;
	}
	for (i = 0; dir && licenses[i]; i++) {
		*path = erlrc_xasprintf("%s/%s", dir, licenses[i]);
		if (stat(*path, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
		free(*path);
		*path = NULL;
	}
	if (dir)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "no copyright "
		    "file: Debian packages must have one; put a LICENSE or "
		    "COPYING file in %s, or give one with 'copyright:' in the "
		    "spec", dir);
	return erlrc_error_set(err, ERLRC_ERR_INPUT, "no copyright file: "
	    "Debian packages must have one; give it with 'copyright:' in "
	    "the spec%s", spec_file ? "" : " (--spec)");
}

/* erlrc_makedeb_epoch - see makedeb.h. */
int
erlrc_makedeb_epoch(const char *const *files, size_t n, time_t *epoch,
    struct erlrc_error *err)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	struct stat st;
	char *end;
	long long v;
	size_t i;

	if (s && *s) {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno || *end || v < 0)
			return erlrc_error_set(err, ERLRC_ERR_INPUT,
			    "SOURCE_DATE_EPOCH '%s' is not a number of "
			    "seconds", s);
		*epoch = (time_t)v;
		return 0;
	}
	*epoch = 0;
	for (i = 0; i < n; i++) {
		if (!files[i])
			continue;
		if (stat(files[i], &st) < 0)
			return erlrc_error_errno(err, "cannot stat '%s'",
			    files[i]);
		if (st.st_mtime > *epoch)
			*epoch = st.st_mtime;
	}
	return 0;
}
