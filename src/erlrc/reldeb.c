/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reldeb.c - a release (.rel) made into a package pinning its applications */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <erlrc/app.h>
#include <erlrc/buf.h>
#include <erlrc/debpkg.h>
#include <erlrc/debscan.h>
#include <erlrc/dpkg.h>
#include <erlrc/libdir.h>
#include <erlrc/makedeb.h>
#include <erlrc/registry.h>
#include <erlrc/rel.h>
#include <erlrc/reldeb.h>
#include <erlrc/spec.h>
#include <erlrc/subproc.h>
#include <erlrc/xalloc.h>

#define DEFAULT_LIB_DIR "/usr/lib/erlang/lib"
#define TARGET_DIR "/usr/share/erlrc/releases"

/* Everything one build holds, released at the end. */
struct build {
	const struct erlrc_reldeb_opts *o;
	const char *lib_dirs[2];	/* when none is given */
	const char *const *libs;	/* where the applications are */
	size_t nlibs;
	char *rel_lib;		/* ROOT/lib of ROOT/releases/VSN/NAME.rel */
	struct erlrc_buf text;	/* the .rel, as shipped */
	struct erlrc_rel rel;
	struct erlrc_spec spec;
	struct erlrc_debpkg deb;
	struct erlrc_debdeps deps;
	struct erlrc_debscan scan;	/* what O->debs hold */
	char *package, *version, *maintainer, *synopsis, *extended;
	char *target;		/* the .rel's path in the package */
};

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The library directories: those given, else OTP's, then the lib
 * directory of the release's own tree when the .rel is where a release
 * keeps it, ROOT/releases/VSN/NAME.rel (OTP's first: that its
 * applications are OTP's packages' shows only there).
 */
static void
default_libs(struct build *b)
{
	const char *f = b->o->rel_file, *p[3] = { NULL, NULL, NULL };
	const char *s, *seg;
	size_t n = 0;
	struct stat st;

	if (b->o->nlib_dirs) {
		b->libs = b->o->lib_dirs;
		b->nlibs = b->o->nlib_dirs;
		return;
	}
	b->lib_dirs[n++] = DEFAULT_LIB_DIR;
	/* p[0..2]: the last three slashes of f */
	for (s = f; (s = strchr(s, '/')); s++) {
		p[0] = p[1];
		p[1] = p[2];
		p[2] = s;
	}
	seg = p[0] ? p[0] + 1 : f;	/* where "releases" would be */
	if (p[1] && p[1] - seg == 8 && strncmp(seg, "releases", 8) == 0) {
		b->rel_lib = erlrc_xasprintf("%.*slib", (int)(seg - f), f);
		if (stat(b->rel_lib, &st) == 0 && S_ISDIR(st.st_mode))
			b->lib_dirs[n++] = b->rel_lib;
	}
	b->libs = b->lib_dirs;
	b->nlibs = n;
}

/* The package's name, version, maintainer and description. */
static int
identity(struct build *b, struct erlrc_error *err)
{
	const struct erlrc_spec *s = &b->spec;

	b->package = s->package ? erlrc_xstrdup(s->package) :
	    erlrc_makedeb_package_name("", b->rel.name);
	if (!erlrc_debpkg_name_ok(b->package))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not a "
		    "valid Debian package name (lowercase letters, digits and "
		    "'+-.'): give one with 'package:' in the spec",
		    b->package);
	b->version = erlrc_xstrdup(s->version ? s->version : b->rel.vsn);
	if (!s->version && erlrc_dpkg_version_check(b->version, err) < 0) {
		erlrc_error_prefix(err, "%s: the release's vsn cannot be the "
		    "package's Version (give one with 'version:' in the spec)",
		    b->o->rel_file);
		return -1;
	}
	if (erlrc_debpkg_maintainer(s->maintainer, &b->maintainer, err) < 0)
		return -1;
	if (!s->description) {
		b->synopsis = erlrc_xasprintf("Erlang/OTP release %s %s",
		    b->rel.name, b->rel.vsn);
	} else {
		erlrc_makedeb_description(s->description, &b->synopsis,
		    &b->extended);
	}
	if (!b->extended)
		b->extended = erlrc_xasprintf("The release %s, version %s, for "
		    "erlrc: it depends on exactly the versions\nof the "
		    "applications the release names, so installing it moves "
		    "the\nErlang nodes of the host to them, live.",
		    b->rel.name, b->rel.vsn);
	return 0;
}

/*
 * The file that shows NAME at VSN in the library directories: the .app
 * of DIR/NAME-VSN (or of DIR/NAME at that vsn, as rebar3 lays them out,
 * or of a directory named otherwise whose ebin holds NAME.app at VSN),
 * for erts ROOT/erts-VSN/bin/erlexec, ROOT holding DIR.  *FILE is NULL
 * when none is there.
 */
static int
find(struct build *b, const char *name, const char *vsn, char **file,
    struct erlrc_error *err)
{
	struct erlrc_app app;
	char *dir = NULL, *lib_dir = NULL;
	size_t i, len;
	int ret = 0;

	*file = NULL;
	for (i = 0; i < b->nlibs && !*file && ret == 0; i++) {
		const char *lib = b->libs[i];

		len = strlen(lib);
		while (len > 1 && lib[len - 1] == '/')
			len--;
		if (strcmp(name, "erts") == 0) {
			while (len > 0 && lib[len - 1] != '/')
				len--;
			*file = erlrc_xasprintf("%.*serts-%s/bin/erlexec",
			    (int)len, lib, vsn);
			if (!is_file(*file)) {
				free(*file);
				*file = NULL;
			}
			continue;
		}
		for (int versioned = 1; versioned >= 0 && !*file; versioned--) {
			free(dir);
			dir = versioned ? erlrc_xasprintf("%.*s/%s-%s", (int)len,
			    lib, name, vsn) : erlrc_xasprintf("%.*s/%s",
			    (int)len, lib, name);
			*file = erlrc_xasprintf("%s/ebin/%s.app", dir, name);
			if (!is_file(*file)) {
				free(*file);
				*file = NULL;
				continue;
			}
			erlrc_app_init(&app);
			if (erlrc_app_read_dir(&app, dir, name, err) < 0) {
				ret = -1;
			} else if (strcmp(app.vsn, vsn) != 0) {
				if (versioned)
					ret = erlrc_error_set(err,
					    ERLRC_ERR_INPUT, "%s has vsn "
					    "\"%s\", not the release's \"%s\"",
					    *file, app.vsn, vsn);
				free(*file);
				*file = NULL;
			}
			erlrc_app_destroy(&app);
		}
		/* a directory not named after it: the .app decides */
		if (!*file && ret == 0) {
			free(dir);
			free(lib_dir);
			lib_dir = erlrc_xstrndup(lib, len);
			ret = erlrc_libdirs_lookup(lib_dir, name, vsn, &dir,
			    err);
			if (ret == 0 && dir)
				*file = erlrc_xasprintf("%s/ebin/%s.app", dir,
				    name);
		}
	}
	free(lib_dir);
	free(dir);
	return ret;
}

/* Keys of the spec that say nothing of a release. */
static int
check_spec(struct build *b, struct erlrc_error *err)
{
	const char *key = b->spec.include >= 0 ? "include" :
	    b->spec.start >= 0 ? "start" : NULL;

	if (key)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: '%s' is "
		    "for makeappdeb: a release package has no use for it",
		    b->o->spec_file, key);
	return 0;
}

/* Make *PATH absolute (the dpkg database knows no other). */
static int
absolute(char **path, struct erlrc_error *err)
{
	char *cwd, *abs;

	if (**path == '/')
		return 0;
	if (!(cwd = getcwd(NULL, 0)))
		return erlrc_error_errno(err, "cannot get the current "
		    "directory");
	abs = erlrc_xasprintf("%s/%s", cwd, *path);
	free(cwd);
	free(*path);
	*path = abs;
	return 0;
}

/* The clause pinning the package of NAME at VSN. */
static int
pin(struct build *b, const char *name, const char *vsn,
    struct erlrc_error *err)
{
	const struct erlrc_spec_app *sa = erlrc_spec_app(&b->spec, name);
	const struct erlrc_debapp *given = NULL;
	char *file = NULL, *pkg = NULL, *owner_ver = NULL, *op = NULL;
	char *ver = NULL, *where;
	size_t i;
	int ret = -1;

	/* a package the release is made with holds it: that one, not
	 * another installed here with the same application */
	if (!(sa && sa->package))
		given = erlrc_debscan_find(&b->scan, name, vsn);
	if (given && !(sa && sa->version)) {
		pkg = erlrc_xstrdup(given->package);
		op = erlrc_xstrdup("=");
		ver = erlrc_xstrdup(given->version);
		goto check;
	}
	if (!(sa && sa->package && sa->version) &&
	    (find(b, name, vsn, &file, err) < 0 || (file &&
	    (absolute(&file, err) < 0 || erlrc_dpkg_owner(b->o->admindir,
	    file, &pkg, &owner_ver, err) < 0))))
		goto out;
	if (sa && sa->package) {
		if (pkg && strcmp(pkg, sa->package) != 0) {
			free(owner_ver);
			owner_ver = NULL;
		}
		free(pkg);
		pkg = erlrc_xstrdup(sa->package);
	}
	if (sa && sa->version) {
		erlrc_makedeb_relation(sa->version, &op, &ver);
	} else if (owner_ver) {
		op = erlrc_xstrdup("=");
		ver = erlrc_xstrdup(owner_ver);
	} else if (file && strcmp(name, "erts") == 0) {
		/* erlang-base is never versioned as its erts */
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: %s is in no "
		    "installed package: give the package of erts %s and its "
		    "version in the spec's 'applications'", b->o->rel_file,
		    file, vsn);
		goto out;
	} else if (file) {
		if (erlrc_dpkg_version_check(vsn, err) < 0) {
			erlrc_error_prefix(err, "%s: %s %s is in no installed "
			    "package and its vsn is no package version: give "
			    "its package's version in the spec's "
			    "'applications'", b->o->rel_file, name, vsn);
			goto out;
		}
		op = erlrc_xstrdup("=");
		ver = erlrc_xstrdup(vsn);
	} else {
		where = strcmp(name, "erts") == 0 ? erlrc_xasprintf("erts-%s "
		    "is beside none of", vsn) : erlrc_xasprintf("%s-%s is in "
		    "none of", name, vsn);
		erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: %s the library "
		    "directories (%s%s): give the one that holds it with "
		    "--lib-dir, or its package and version in the spec's "
		    "'applications'", b->o->rel_file, where, b->libs[0],
		    b->nlibs > 1 ? ", ..." : "");
		free(where);
		goto out;
	}
	if (!pkg)
		pkg = erlrc_makedeb_app_package(name);
check:
	if (!erlrc_debpkg_name_ok(pkg)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "no package is known for "
		    "application '%s' ('%s' is no package name): give one in "
		    "the spec's 'applications'", name, pkg);
		goto out;
	}
	/* one package cannot be installed at two versions */
	for (i = 0; i < b->deps.n; i++) {
		const struct erlrc_debdep *d = &b->deps.v[i];

		if (strcmp(d->pkg, pkg) == 0 && strcmp(op, "=") == 0 &&
		    d->op && strcmp(d->op, "=") == 0 &&
		    strcmp(d->ver, ver) != 0) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: %s %s "
			    "needs %s (= %s), another application of the "
			    "release %s (= %s)", b->o->rel_file, name, vsn,
			    pkg, ver, pkg, d->ver);
			goto out;
		}
	}
	ret = erlrc_debdeps_add(&b->deps, pkg, op, ver, err);
out:
	free(file);
	free(pkg);
	free(owner_ver);
	free(op);
	free(ver);
	return ret;
}

/* Read the packages the release is made with. */
static int
scan_debs(struct build *b, struct erlrc_error *err)
{
	size_t i;

	for (i = 0; i < b->o->ndebs; i++)
		if (erlrc_debscan_add(&b->scan, b->o->debs[i], err) < 0)
			return -1;
	return 0;
}

/* Is PKG at VER installed here (with --no-apt) or known to apt? */
static int
known(const struct build *b, const char *pkg, const char *ver)
{
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	char *spec = erlrc_xasprintf("%s=%s", pkg, ver);
	const char *apt[] = { "apt-cache", "show", "--", spec, NULL };
	const char *dpkg[] = { "dpkg-query", "--admindir", b->o->admindir ?
	    b->o->admindir : "/var/lib/dpkg", "-W", "-f", "${Version}", "--",
	    pkg, NULL };
	int ret;

	if (b->o->no_apt)
		ret = erlrc_subproc_output(dpkg, NULL, NULL, &out, &ignored) == 0 &&
		    strcmp(erlrc_buf_str(&out), ver) == 0;
	else
		ret = !erlrc_subproc_output(apt, NULL, NULL, &out,
		    &ignored);
	erlrc_buf_destroy(&out);
	free(spec);
	return ret;
}

/*
 * With --debs: every exact pin must be one of those packages, or one apt
 * knows (with --no-apt: one installed here), or the release fails only
 * on the device that cannot install it.
 */
static int
satisfiable(const struct build *b, struct erlrc_error *err)
{
	const struct erlrc_debdep *d;
	size_t i;

	if (!b->o->ndebs)
		return 0;
	for (i = 0; i < b->deps.n; i++) {
		d = &b->deps.v[i];
		if (!d->op || strcmp(d->op, "=") != 0 ||
		    erlrc_debscan_has(&b->scan, d->pkg, d->ver) ||
		    known(b, d->pkg, d->ver))
			continue;
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: the release "
		    "would depend on %s (= %s), which is neither among the "
		    "packages given with --debs nor %s: give its .deb with "
		    "--debs, or its package and version in the spec's "
		    "'applications'", b->o->rel_file, d->pkg, d->ver,
		    b->o->no_apt ? "installed here" : "known to apt");
	}
	return 0;
}

/* Depends: erlrc, the runtime, every application of the release. */
static int
depends(struct build *b, struct erlrc_error *err)
{
	size_t i;

	if (erlrc_debdeps_add(&b->deps, "erlrc", ">=", b->o->erlrc_version,
	    err) < 0 || pin(b, "erts", b->rel.erts_vsn, err) < 0)
		return -1;
	for (i = 0; i < b->rel.napps; i++) {
		if (erlrc_registry_check_app(b->rel.apps[i].name, err) < 0 ||
		    erlrc_registry_check_vsn(b->rel.apps[i].vsn, err) < 0) {
			erlrc_error_prefix(err, "%s: erlrc could not run "
			    "this release", b->o->rel_file);
			return -1;
		}
		if (pin(b, b->rel.apps[i].name, b->rel.apps[i].vsn, err) < 0)
			return -1;
	}
	return 0;
}

/* The .rel and the documentation. */
static int
files(struct build *b, struct erlrc_error *err)
{
	const char *slash;
	char *copyright, *change, *dir;
	int ret;

	b->target = erlrc_xasprintf("%s/%s/%s/%s.rel", TARGET_DIR,
	    b->rel.name, b->rel.vsn, b->rel.name);
	if (erlrc_debpkg_add_file(&b->deb, b->target, b->text.s, b->text.len,
	    0, err) < 0)
		return -1;
	slash = strrchr(b->o->rel_file, '/');
	dir = slash ? erlrc_xstrndup(b->o->rel_file,
	    (size_t)(slash - b->o->rel_file)) : erlrc_xstrdup(".");
	ret = erlrc_makedeb_copyright(b->o->spec_file, &b->spec, dir,
	    &copyright, err);
	free(dir);
	if (ret < 0)
		return -1;
	change = erlrc_xasprintf("The Erlang/OTP release %s %s, packaged by "
	    "makereldeb.", b->rel.name, b->rel.vsn);
	ret = erlrc_debpkg_add_docs(&b->deb, b->package, b->version,
	    b->maintainer, b->o->epoch, copyright, NULL, change, err);
	free(change);
	free(copyright);
	return ret;
}

/* DEBIAN/control, built and written with the package. */
static int
finish(struct build *b, char **deb, struct erlrc_error *err)
{
	const struct erlrc_makedeb_control c = {
		b->package, b->version, "all", b->maintainer, b->synopsis,
		b->extended, &b->deps, NULL, NULL, &b->spec,
	};

	return erlrc_makedeb_finish(&b->deb, &c, b->o->epoch, deb, err);
}

/* erlrc_reldeb_build - see reldeb.h. */
int
erlrc_reldeb_build(const struct erlrc_reldeb_opts *o, char **deb,
    struct erlrc_error *err)
{
	const char *vars[] = { "erlrc_rel", NULL, NULL };
	struct build b;
	int ret = -1;

	memset(&b, 0, sizeof(b));
	b.o = o;
	default_libs(&b);
	*deb = NULL;
	erlrc_buf_init(&b.text);
	erlrc_rel_init(&b.rel);
	erlrc_spec_init(&b.spec);
	erlrc_debdeps_init(&b.deps);
	erlrc_debscan_init(&b.scan);
	if (erlrc_buf_read_file(&b.text, o->rel_file, err) < 0 ||
	    erlrc_rel_parse(&b.rel, o->rel_file, b.text.s, b.text.len,
	    err) < 0 ||
	    (o->spec_file && erlrc_spec_read(&b.spec, o->spec_file,
	    err) < 0) || check_spec(&b, err) < 0 ||
	    identity(&b, err) < 0 || scan_debs(&b, err) < 0 ||
	    depends(&b, err) < 0 || satisfiable(&b, err) < 0 ||
	    erlrc_debpkg_open(&b.deb, o->outdir, err) < 0 ||
	    files(&b, err) < 0)
		goto out;
	vars[1] = b.target;
	if (erlrc_debpkg_add_script_from(&b.deb, o->datadir, "postinst",
	    "release-postinst", b.package, vars, err) < 0)
		goto out;
	ret = finish(&b, deb, err);
out:
	erlrc_debpkg_destroy(&b.deb);
	erlrc_debdeps_destroy(&b.deps);
	erlrc_debscan_destroy(&b.scan);
	free(b.rel_lib);
	free(b.target);
	free(b.package);
	free(b.version);
	free(b.maintainer);
	free(b.synopsis);
	free(b.extended);
	erlrc_spec_destroy(&b.spec);
	erlrc_rel_destroy(&b.rel);
	erlrc_buf_destroy(&b.text);
	return ret;
}
