/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appdeb.c - an OTP application directory made into a .deb (makeappdeb) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <erlrc/app.h>
#include <erlrc/appdeb.h>
#include <erlrc/appup.h>
#include <erlrc/appupgen.h>
#include <erlrc/buf.h>
#include <erlrc/debpkg.h>
#include <erlrc/debscan.h>
#include <erlrc/dpkg.h>
#include <erlrc/libdir.h>
#include <erlrc/license.h>
#include <erlrc/makedeb.h>
#include <erlrc/registry.h>
#include <erlrc/spec.h>
#include <erlrc/subproc.h>
#include <erlrc/xalloc.h>

#define DEFAULT_LIB_DIR "/usr/lib/erlang/lib"
#define TARGET_LIB_DIR "/usr/lib/erlang/lib"

/* Everything one build holds, released at the end. */
struct build {
	const struct erlrc_appdeb_opts *o;
	struct erlrc_app app;
	struct erlrc_spec spec;
	struct erlrc_libdirs libs;
	struct erlrc_debpkg deb;
	char *name;		/* the application */
	char *package, *version, *maintainer, *synopsis, *extended;
	char *target;		/* /usr/lib/erlang/lib/APP-VSN */
	const char *arch;
	struct erlrc_debdeps deps;
	struct erlrc_debdeps recommends;	/* optional_applications */
	char *shlibs;		/* the libraries its ELF files need */
};

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* erlrc_appdeb_epoch - see appdeb.h. */
int
erlrc_appdeb_epoch(const char *appdir, const char *spec_file,
    time_t *epoch, struct erlrc_error *err)
{
	const char *files[2];
	char *name = NULL, *app;
	int ret;

	if (erlrc_appup_app_of(appdir, &name, err) < 0)
		return -1;
	app = erlrc_xasprintf("%s/ebin/%s.app", appdir, name);
	files[0] = app;
	files[1] = spec_file;
	ret = erlrc_makedeb_epoch(files, 2, epoch, err);
	free(app);
	free(name);
	return ret;
}

/* Characters in UTF-8 text S: its bytes but the continuation ones. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Does S hold a control character other than newline? */
static int
has_control(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7f)
			return 1;
	return 0;
}

/* The application's name and vsn, as erlrc will take them on the host. */
static int
checked_names(struct build *b, struct erlrc_error *err)
{
	if (erlrc_registry_check_app(b->name, err) == 0 &&
	    erlrc_registry_check_vsn(b->app.vsn, err) == 0)
		return 0;
	erlrc_error_prefix(err, "%s/ebin/%s.app: erlrc could not run this "
	    "application", b->o->appdir, b->name);
	return -1;
}

/* The prefix of package names. */
static const char *
prefix(const struct build *b)
{
	return b->o->prefix ? b->o->prefix : "erlang-";
}

/*
 * The package name must not be one that another package has, one not
 * made for erlrc (it does not depend on erlrc): Debian's erlang-jiffy
 * 1.1.1-1 sorts above a makeappdeb erlang-jiffy 1.1.1, and apt would
 * install one for the other silently.  dpkg's database is asked, then
 * apt's (unless told not to); a program missing is no answer.  A name in
 * the spec's replaces is taken on purpose.
 */
static int
check_name(struct build *b, struct erlrc_error *err)
{
	const char *dpkg[] = { "dpkg-query", "--admindir", b->o->admindir ?
	    b->o->admindir : "/var/lib/dpkg", "-W", "-f",
	    "Version: ${Version}\nDepends: ${Depends}\n\n", "--",
	    b->package, NULL };
	const char *apt[] = { "apt-cache", "show", "--", b->package, NULL };
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	char *other = NULL;
	const char *who = "dpkg's database";
	size_t i;

	for (i = 0; i < b->spec.nreplaces; i++)
		if (strncmp(b->spec.replaces[i], b->package,
		    strlen(b->package)) == 0 &&
		    strchr(" (", b->spec.replaces[i][strlen(b->package)]))
			return 0;
	if (erlrc_subproc_output(dpkg, NULL, NULL, &out, &ignored) == 0)
		erlrc_debscan_foreign_version(erlrc_buf_str(&out),
		    &other);
	if (!other && !b->o->no_apt) {
		erlrc_buf_reset(&out);
		erlrc_error_clear(&ignored);
		who = "apt";
		if (erlrc_subproc_output(apt, NULL, NULL, &out, &ignored) == 0)
			erlrc_debscan_foreign_version(erlrc_buf_str(&out),
			    &other);
	}
	erlrc_buf_destroy(&out);
	if (!other)
		return 0;
	if (b->spec.package)
		erlrc_error_set(err, ERLRC_ERR_INPUT, "the package name %s "
		    "(the spec's 'package:') is taken: %s knows %s %s, which "
		    "is not an erlrc package, and apt would install one for "
		    "the other.  Name yours otherwise in the spec; or, to "
		    "replace that package on purpose, list it in the spec's "
		    "'replaces'", b->package, who, b->package, other);
	else
		erlrc_error_set(err, ERLRC_ERR_INPUT, "the package name %s is "
		    "taken: %s knows %s %s, which is not an erlrc package, and "
		    "apt would install one for the other.  Name yours "
		    "otherwise: --prefix (makeappdeb -p local-erlang- gives "
		    "local-erlang-%s), or 'package:' in the spec; or, to "
		    "replace that package on purpose, list it in the spec's "
		    "'replaces'", b->package, who, b->package, other, b->name);
	free(other);
	return -1;
}

/*
 * SYNOPSIS, taken from an .app's description, made a synopsis as Debian
 * wants it (lintian's description-synopsis-starts-with-article and
 * synopsis-is-a-sentence): a leading "A ", "An " or "The ", in any case,
 * and one final full stop (not an ellipsis) are dropped, in place.
 */
static void
app_synopsis(char *synopsis)
{
	static const char *const articles[] = { "a ", "an ", "the ", NULL };
	size_t i, n, len;

	for (i = 0; articles[i]; i++) {
		n = strlen(articles[i]);
		if (strncasecmp(synopsis, articles[i], n) == 0) {
			n += strspn(synopsis + n, " ");
			memmove(synopsis, synopsis + n,
			    strlen(synopsis + n) + 1);
			break;
		}
	}
	len = strlen(synopsis);
	if (len > 0 && synopsis[len - 1] == '.' &&
	    (len == 1 || synopsis[len - 2] != '.'))
		synopsis[len - 1] = '\0';
}

/* The package's name, version, maintainer and description. */
static int
identity(struct build *b, struct erlrc_error *err)
{
	const struct erlrc_spec *s = &b->spec;
	const char *desc;

	b->package = s->package ? erlrc_xstrdup(s->package) :
	    erlrc_makedeb_package_name(prefix(b), b->name);
	if (!erlrc_debpkg_name_ok(b->package))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not a "
		    "valid Debian package name (lowercase letters, digits and "
		    "'+-.'): give one with 'package:' in the spec",
		    b->package);
	if (check_name(b, err) < 0)
		return -1;
	b->version = erlrc_xstrdup(s->version ? s->version : b->app.vsn);
	if (!s->version && erlrc_dpkg_version_check(b->version, err) < 0) {
		erlrc_error_prefix(err, "%s/ebin/%s.app: the application's "
		    "vsn cannot be the package's Version (give one with "
		    "'version:' in the spec)", b->o->appdir, b->name);
		return -1;
	}
	if (erlrc_debpkg_maintainer(s->maintainer, &b->maintainer, err) < 0)
		return -1;
	desc = s->description ? s->description : b->app.description;
	erlrc_makedeb_description(desc, &b->synopsis, &b->extended);
	/* the spec's is as its author wrote it */
	if (!s->description)
		app_synopsis(b->synopsis);
	if (!*b->synopsis)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s/ebin/%s.app "
		    "has no description: give one with 'description:' in the "
		    "spec", b->o->appdir, b->name);
	if (utf8_chars(b->synopsis) > ERLRC_SPEC_SYNOPSIS_MAX ||
	    has_control(desc))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "the description "
		    "'%s' is no synopsis (one line of at most %d characters, "
		    "no control characters): give one with 'description:' in "
		    "the spec", b->synopsis,
		    ERLRC_SPEC_SYNOPSIS_MAX);
	if (!b->extended)
		b->extended = erlrc_xasprintf("The OTP application %s, "
		    "version %s, for erlrc: the package's\nscripts start it, "
		    "upgrade and downgrade it live, and stop it on the\n"
		    "Erlang nodes of the host.", b->name, b->app.vsn);
	return 0;
}

/* Every module the .app lists has its .beam. */
static int
check_modules(struct build *b, struct erlrc_error *err)
{
	size_t i;
	char *path;

	for (i = 0; i < b->app.modules.n; i++) {
		path = erlrc_xasprintf("%s/ebin/%s.beam", b->o->appdir,
		    b->app.modules.v[i]);
		if (!is_file(path)) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s/ebin/%s.app "
			    "lists module '%s', but there is no %s",
			    b->o->appdir, b->name, b->app.modules.v[i], path);
			free(path);
			return -1;
		}
		free(path);
	}
	return 0;
}

/*
 * The appup: one the application ships is checked (against the previous
 * version too, with --appup-from); else, with --appup-from, one is
 * written from the two versions' .beam files.
 */
static int
appup(struct build *b, struct erlrc_error *err)
{
	struct erlrc_termfile made;
	struct erlrc_appup shipped;
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char *file = erlrc_xasprintf("%s/ebin/%s.appup", b->o->appdir,
	    b->name), *dest = NULL;
	int ret = -1;

	erlrc_termfile_init(&made);
	erlrc_appup_init(&shipped);
	if (is_file(file)) {
		if (erlrc_appup_read(&shipped, file, err) < 0 ||
		    erlrc_appup_check_vsn(&shipped, file, b->app.vsn,
		    err) < 0 ||
		    (b->o->appup_from && erlrc_appup_check_against(file,
		    b->name, b->o->appup_from, b->o->appdir, err) < 0))
			goto out;
	} else if (b->o->appup_from) {
		if (erlrc_appup_generate(&made, b->name, b->o->appup_from,
		    b->o->appdir, err) < 0)
			goto out;
		erlrc_buf_addf(&text, "%%%% %s.appup, written by makeappdeb "
		    "from the .beam files\n", b->name);
		erlrc_appup_write(&text, made.terms[0]);
		dest = erlrc_xasprintf("%s/ebin/%s.appup", b->target, b->name);
		if (erlrc_debpkg_add_file(&b->deb, dest, text.s, text.len, 0,
		    err) < 0)
			goto out;
	}
	ret = 0;
out:
	free(dest);
	free(file);
	erlrc_buf_destroy(&text);
	erlrc_appup_destroy(&shipped);
	erlrc_termfile_destroy(&made);
	return ret;
}

/* The application's files, its registration, its documentation. */
static int
files(struct build *b, struct erlrc_error *err)
{
	int include = b->o->include >= 0 ? b->o->include : b->spec.include > 0;
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char *src = NULL, *dest = NULL, *copyright = NULL;
	struct tm tm;
	char *change;
	int ret = -1;

	src = erlrc_xasprintf("%s/ebin", b->o->appdir);
	dest = erlrc_xasprintf("%s/ebin", b->target);
	if (erlrc_debpkg_add_tree(&b->deb, src, dest, err) < 0)
		goto out;
	free(src);
	free(dest);
	src = erlrc_xasprintf("%s/priv", b->o->appdir);
	dest = erlrc_xasprintf("%s/priv", b->target);
	if (is_dir(src) && erlrc_debpkg_add_tree(&b->deb, src, dest, err) < 0)
		goto out;
	free(src);
	free(dest);
	src = erlrc_xasprintf("%s/include", b->o->appdir);
	dest = erlrc_xasprintf("%s/include", b->target);
	if (include && !is_dir(src)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "include/ asked for, "
		    "but %s is no directory", src);
		goto out;
	}
	if (include && erlrc_debpkg_add_tree(&b->deb, src, dest, err) < 0)
		goto out;
	free(dest);
	dest = erlrc_xasprintf("/etc/erlrc.d/applications/%s", b->name);
	free(src);
	src = b->spec.start == 0 ? erlrc_xasprintf("# erlrc(7): %s is "
	    "installed, and not started, on a fresh install or at boot,\n"
	    "# until this says true; erlrc-start starts it by hand.\n"
	    "start: false\n", b->name) : erlrc_xstrdup("");
	if (erlrc_debpkg_add_conffile(&b->deb, dest, src, strlen(src),
	    err) < 0)
		goto out;
	/* the spec's, a file of the application's, else what the .app's
	 * licenses say (rebar3 writes them; its LICENSE is not in _build) */
	if (erlrc_makedeb_copyright(b->o->spec_file, &b->spec, b->o->appdir,
	    &copyright, err) < 0) {
		if (!b->app.licenses)
			goto out;
		free(src);
		src = erlrc_xasprintf("%s/ebin/%s.app", b->o->appdir, b->name);
		gmtime_r(&b->o->epoch, &tm);
		if (erlrc_license_copyright(b->name, src, tm.tm_year + 1900,
		    b->app.licenses, &text, err) < 0)
			goto out;
	}
	change = erlrc_xasprintf("The OTP application %s %s, packaged by "
	    "makeappdeb.", b->name, b->app.vsn);
	ret = erlrc_debpkg_add_docs(&b->deb, b->package, b->version,
	    b->maintainer, b->o->epoch, copyright, &text, change, err);
	free(change);
out:
	erlrc_buf_destroy(&text);
	free(copyright);
	free(src);
	free(dest);
	return ret;
}

/* The minimum version of NAME that runtime_dependencies asks, or NULL. */
static const char *
runtime_min(const struct erlrc_app *app, const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < app->runtime_deps.n; i++) {
		const char *e = app->runtime_deps.v[i];

		if (strncmp(e, name, len) == 0 && e[len] == '-')
			return e + len + 1;
	}
	return NULL;
}

/* Does package version PKGVER carry VSN as its upstream part? */
static int
versions_app(const char *pkgver, const char *vsn)
{
	const char *colon = strchr(pkgver, ':'), *dash;
	const char *up = colon ? colon + 1 : pkgver;

	dash = strrchr(up, '-');
	return strlen(vsn) == (size_t)(dash ? dash - up : (long)strlen(up)) &&
	    strncmp(up, vsn, strlen(vsn)) == 0;
}

/* Package version PKGVER without its Debian revision, epoch kept: a new
 * string. */
static char *
without_revision(const char *pkgver)
{
	const char *colon = strchr(pkgver, ':');
	const char *dash = strrchr(colon ? colon + 1 : pkgver, '-');

	return dash ? erlrc_xstrndup(pkgver, (size_t)(dash - pkgver)) :
	    erlrc_xstrdup(pkgver);
}

/* The clause for the application NAME that this one needs, into DEPS. */
static int
depend_on(struct build *b, const char *name, struct erlrc_debdeps *deps,
    struct erlrc_error *err)
{
	const struct erlrc_spec_app *sa = erlrc_spec_app(&b->spec, name);
	const struct erlrc_libapp *lib = erlrc_libdirs_find(&b->libs, name);
	const char *min = runtime_min(&b->app, name);
	char *pkg = NULL, *owner_ver = NULL, *op = NULL, *ver = NULL;
	int found = 0, ret = -1;

	if (sa && sa->package)
		pkg = erlrc_xstrdup(sa->package);
	else if (lib && (found = erlrc_dpkg_owner(b->o->admindir,
	    lib->app_file, &pkg, &owner_ver, err)) < 0)
		goto out;
	if (!pkg)
		pkg = strcmp(name, "erts") == 0 ?
		    erlrc_makedeb_app_package(name) :
		    erlrc_makedeb_package_name(prefix(b), name);
	if (!erlrc_debpkg_name_ok(pkg)) {
		erlrc_error_set(err, ERLRC_ERR_INPUT, "no package is known for "
		    "application '%s' ('%s' is no package name): give one in "
		    "the spec's 'applications'", name, pkg);
		goto out;
	}
	if (sa && sa->version) {
		erlrc_makedeb_relation(sa->version, &op, &ver);
	} else if (min) {
		if (lib && *lib->dirvsn &&
		    erlrc_libdirs_vsn_compare(lib->dirvsn, min) < 0) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s needs %s-%s "
			    "(runtime_dependencies), but %s is %s", b->name,
			    name, min, lib->dir, lib->dirvsn);
			goto out;
		}
		op = erlrc_xstrdup(">=");
		/* a package versioned otherwise than its application
		 * (erlang-base holds erts, kernel, ...): at least the one
		 * built against */
		if (found && !(*lib->dirvsn && versions_app(owner_ver,
		    lib->dirvsn)))
			ver = erlrc_xstrdup(owner_ver);
		else if (erlrc_dpkg_version_check(min, err) == 0)
			ver = erlrc_xstrdup(min);
		else {
			erlrc_error_prefix(err, "%s's runtime_dependencies "
			    "'%s-%s' gives no package version: give one in the "
			    "spec's 'applications'", b->name, name, min);
			goto out;
		}
	} else if (found) {
		/* built against the version installed: at least its upstream
		 * part, of any Debian revision, as Debian's erlang-depends
		 * bounds erlang-base and the other OTP packages */
		op = erlrc_xstrdup(">=");
		ver = without_revision(owner_ver);
	}
	ret = erlrc_debdeps_add(deps, pkg, op, ver, err);
out:
	free(pkg);
	free(owner_ver);
	free(op);
	free(ver);
	return ret;
}

/*
 * The version X of the clause "erlang-abi (= X)" of PROVIDES, a Provides
 * field, as a new string; NULL when there is none.
 */
static char *
abi_of(const char *provides)
{
	static const char name[] = "erlang-abi";
	const char *p = provides, *v;
	size_t n;

	while (*p) {
		p += strspn(p, " \t\n,");
		n = strcspn(p, " \t\n,(");
		v = p + n + strspn(p + n, " \t\n");
		if (n == sizeof(name) - 1 && strncmp(p, name, n) == 0 &&
		    *v == '(') {
			v++;
			v += strspn(v, " \t\n");
			if (*v == '=' && v[1] != '=') {
				v++;
				v += strspn(v, " \t\n");
				n = strcspn(v, " \t\n)");
				if (n && v[n + strspn(v + n, " \t\n")] == ')')
					return erlrc_xstrndup(v, n);
			}
		}
		p += strcspn(p, ",");
	}
	return NULL;
}

/*
 * *ABI: the version of erlang-abi that the installed erlang-base
 * provides, as a new string, or NULL when erlang-base is not installed
 * (or dpkg-query cannot say) or provides none.  Debian's Erlang library
 * packages all depend on "erlang-abi (= X)": their .beam files are made
 * for the emulator of that ABI.
 */
static void
erlang_abi(struct build *b, char **abi)
{
	const char *argv[] = { "dpkg-query", "--admindir", b->o->admindir ?
	    b->o->admindir : "/var/lib/dpkg", "-W", "-f",
	    "${db:Status-Status}\n${Provides}", "--", "erlang-base", NULL };
	static const char *const installed[] = {
		"installed\n", "triggers-pending\n", "triggers-awaited\n",
		"half-configured\n", "unpacked\n", NULL,
	};
	struct erlrc_error ignored = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	const char *text;
	size_t i;

	*abi = NULL;
	/* not installed, or no dpkg-query: no answer, no error */
	if (erlrc_subproc_output(argv, NULL, NULL, &out, &ignored) == 0) {
		text = erlrc_buf_str(&out);
		for (i = 0; installed[i]; i++)
			if (strncmp(text, installed[i],
			    strlen(installed[i])) == 0)
				*abi = abi_of(text + strlen(installed[i]));
	}
	erlrc_buf_destroy(&out);
}

/*
 * Drop from D the clauses of packages that DEPS has: a package that must
 * be installed need not be recommended too (Debian's erlang-base holds
 * sasl, an optional application, with kernel and stdlib).
 */
static void
drop_depended(struct erlrc_debdeps *d, const struct erlrc_debdeps *deps)
{
	size_t i, j, k = 0;

	for (i = 0; i < d->n; i++) {
		for (j = 0; j < deps->n; j++)
			if (strcmp(d->v[i].pkg, deps->v[j].pkg) == 0)
				break;
		if (j < deps->n) {
			free(d->v[i].pkg);
			free(d->v[i].op);
			free(d->v[i].ver);
		} else {
			d->v[k++] = d->v[i];
		}
	}
	d->n = k;
}

/*
 * Depends: erlrc, the runtime and the erlang-abi it provides, every
 * application this one needs; Recommends: those of its applications
 * that are optional (OTP 24's optional_applications), which OTP starts
 * first when they are installed and does without when they are not.
 */
static int
depends(struct build *b, struct erlrc_error *err)
{
	const char *name;
	char *abi;
	size_t i;
	int ret;

	if (erlrc_debdeps_add(&b->deps, "erlrc", ">=", b->o->erlrc_version,
	    err) < 0 || depend_on(b, "erts", &b->deps, err) < 0)
		return -1;
	erlang_abi(b, &abi);
	ret = abi ? erlrc_debdeps_add(&b->deps, "erlang-abi", "=", abi,
	    err) : 0;
	free(abi);
	if (ret < 0)
		return -1;
	for (i = 0; i < b->app.applications.n; i++) {
		name = b->app.applications.v[i];
		if (depend_on(b, name, erlrc_names_has(&b->app.optional,
		    name) ? &b->recommends : &b->deps, err) < 0)
			return -1;
	}
	/* an included application is started by this one's supervisor,
	 * optional or not */
	for (i = 0; i < b->app.included.n; i++)
		if (depend_on(b, b->app.included.v[i], &b->deps, err) < 0)
			return -1;
	drop_depended(&b->recommends, &b->deps);
	return 0;
}

/* DATADIR/templates/NAME with DATADIR/hooks/NAME and the settings. */
static int
script(struct build *b, const char *name, struct erlrc_error *err)
{
	const char *vars[] = {
		"erlrc_app", b->name,
		"erlrc_vsn", b->app.vsn,
		"erlrc_version", b->version,
		NULL,
	};

	return erlrc_debpkg_add_script_from(&b->deb, b->o->datadir, name, name,
	    b->package, vars, err);
}

/* DEBIAN/control, built and written with the package. */
static int
finish(struct build *b, char **deb, struct erlrc_error *err)
{
	const struct erlrc_makedeb_control c = {
		b->package, b->version, b->arch, b->maintainer, b->synopsis,
		b->extended, &b->deps, b->shlibs, &b->recommends, &b->spec,
	};

	return erlrc_makedeb_finish(&b->deb, &c, b->o->epoch, deb, err);
}

static int
scan_libs(struct build *b, struct erlrc_error *err)
{
	size_t i;

	if (b->o->nlib_dirs == 0)
		return erlrc_libdirs_scan(&b->libs, DEFAULT_LIB_DIR, err);
	for (i = 0; i < b->o->nlib_dirs; i++)
		if (erlrc_libdirs_scan(&b->libs, b->o->lib_dirs[i], err) < 0)
			return -1;
	return 0;
}

/*
 * Native code: an ELF file anywhere in the application's tree (a NIF
 * library or a port program in priv/, usually) makes the package the
 * build machine's architecture, and what its executables and shared
 * objects link with goes into Depends, as dpkg-shlibdeps finds it.
 */
static int
native(struct build *b, struct erlrc_error *err)
{
	int elf = 0;

	if (erlrc_debpkg_has_elf(&b->deb, b->target, &elf, err) < 0 ||
	    erlrc_debpkg_shlibdeps(&b->deb, b->target, b->package,
	    b->o->admindir, &b->shlibs, err) < 0)
		return -1;
	b->arch = elf ? erlrc_dpkg_native_arch() : "all";
	return 0;
}

/* erlrc_appdeb_build - see appdeb.h. */
int
erlrc_appdeb_build(const struct erlrc_appdeb_opts *o, char **deb,
    struct erlrc_error *err)
{
	struct build b;
	int ret = -1;

	memset(&b, 0, sizeof(b));
	b.o = o;
	*deb = NULL;
	erlrc_debdeps_init(&b.deps);
	erlrc_debdeps_init(&b.recommends);
	erlrc_app_init(&b.app);
	erlrc_spec_init(&b.spec);
	erlrc_libdirs_init(&b.libs);
	if (erlrc_appup_app_of(o->appdir, &b.name, err) < 0 ||
	    erlrc_app_read_dir(&b.app, o->appdir, b.name, err) < 0 ||
	    checked_names(&b, err) < 0 ||
	    (o->spec_file && erlrc_spec_read(&b.spec, o->spec_file,
	    err) < 0) ||
	    identity(&b, err) < 0 || check_modules(&b, err) < 0 ||
	    scan_libs(&b, err) < 0 || depends(&b, err) < 0 ||
	    erlrc_debpkg_open(&b.deb, o->outdir, err) < 0)
		goto out;
	b.target = erlrc_xasprintf("%s/%s-%s", TARGET_LIB_DIR, b.name,
	    b.app.vsn);
	if (files(&b, err) < 0 || appup(&b, err) < 0 ||
	    script(&b, "postinst", err) < 0 ||
	    script(&b, "prerm", err) < 0 ||
	    script(&b, "postrm", err) < 0 || native(&b, err) < 0)
		goto out;
	ret = finish(&b, deb, err);
out:
	erlrc_debpkg_destroy(&b.deb);
	erlrc_debdeps_destroy(&b.deps);
	erlrc_debdeps_destroy(&b.recommends);
	free(b.shlibs);
	free(b.target);
	free(b.name);
	free(b.package);
	free(b.version);
	free(b.maintainer);
	free(b.synopsis);
	free(b.extended);
	erlrc_libdirs_destroy(&b.libs);
	erlrc_spec_destroy(&b.spec);
	erlrc_app_destroy(&b.app);
	return ret;
}
