/* SPDX-License-Identifier: GPL-2.0-or-later */
/* basedeb.c - a node package: systemd unit, cookie, vm.args (makebasedeb) */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <erlrc/basedeb.h>
#include <erlrc/buf.h>
#include <erlrc/debpkg.h>
#include <erlrc/dpkg.h>
#include <erlrc/makedeb.h>
#include <erlrc/spec.h>
#include <erlrc/term.h>
#include <erlrc/xalloc.h>

#define CONFIG_DIR "/etc/erlrc.d/config"	/* + /NODE/vm.args, ... */
#define UNIT_DIR "/lib/systemd/system"		/* Debian 12's */
#define UNIT_SUFFIX ".service"
#define UNIT_NAME_MAX 255	/* systemd's, suffix included */
#define TEXT_WIDTH 79		/* of the extended description's lines */

/* Everything one build holds, released at the end. */
struct build {
	const struct erlrc_basedeb_opts *o;
	struct erlrc_spec spec;
	struct erlrc_debpkg deb;
	struct erlrc_debdeps deps;
	char *package, *unit, *version, *maintainer, *synopsis, *extended;
	char *copyright;	/* the file to ship as copyright */
	struct erlrc_buf service, vm_args, sys_config;	/* as shipped */
};

/* erlrc_basedeb_node_check - see basedeb.h. */
int
erlrc_basedeb_node_check(const char *node, struct erlrc_error *err)
{
	const char *p;

	if (!*node)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "the node name is "
		    "empty");
	if (strchr(node, '@'))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "node name '%s': "
		    "give the alive name only, without '@' and a host: the "
		    "node runs on the host that installs the package, as "
		    "-sname ALIVE", node);
	for (p = node; *p; p++) {
		if (isascii((unsigned char)*p) &&
		    (isalnum((unsigned char)*p) || *p == '_' || *p == '-'))
			continue;
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "node name '%s': "
		    "an alive name is made of letters, digits, '_' and '-' "
		    "(it names a node, a file and a systemd unit)", node);
	}
	if (node[0] == '-')
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "node name '%s' "
		    "starts with '-', which reads as an option", node);
	if (strlen(node) > ERLRC_BASEDEB_NODE_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "node name '%.20s"
		    "...' is longer than %d characters: with '@' and the host "
		    "name, a node's name must fit in an atom", node,
		    ERLRC_BASEDEB_NODE_MAX);
	return 0;
}

/* erlrc_basedeb_default_package - see basedeb.h. */
char *
erlrc_basedeb_default_package(const char *node)
{
	return erlrc_makedeb_package_name("erlang-node-", node);
}

static const char *
var_value(const char *const *vars, const char *name, size_t len)
{
	size_t i;

	for (i = 0; vars[i]; i += 2)
		if (strlen(vars[i]) == len && strncmp(vars[i], name, len) == 0)
			return vars[i + 1];
	return NULL;
}

static int
placeholder_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* erlrc_basedeb_subst - see basedeb.h. */
int
erlrc_basedeb_subst(struct erlrc_buf *out, const char *file,
    const char *text, const char *const *vars, struct erlrc_error *err)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	const char *p = text, *q, *value;
	unsigned line = 1;

	while (*p) {
		if (*p != '#') {
			line += *p == '\n';
			erlrc_buf_addc(&b, *p++);
			continue;
		}
		for (q = p + 1; placeholder_char(*q); q++)
			;
		if (*q != '#' || q == p + 1) {
			/* a comment, "##", or "#" then no name: as it is */
			erlrc_buf_addc(&b, *p++);
			continue;
		}
		value = var_value(vars, p + 1, (size_t)(q - p - 1));
		if (!value) {
			erlrc_error_set(err, ERLRC_ERR_INPUT, "%s:%u: unknown "
			    "placeholder %.*s", file, line, (int)(q - p + 1),
			    p);
			erlrc_buf_destroy(&b);
			return -1;
		}
		erlrc_buf_adds(&b, value);
		p = q + 1;
	}
	erlrc_buf_add(out, erlrc_buf_str(&b), b.len);
	erlrc_buf_destroy(&b);
	return 0;
}

/* Is T a file name in a sys.config: a string that is not empty? */
static int
is_file_name(const struct erlrc_term *t, struct erlrc_buf *tmp)
{
	return t->type != ERLRC_TERM_NIL && erlrc_term_string(t, tmp);
}

/* A proper list, [] included (a string is a list of integers). */
static int
is_proper_list(const struct erlrc_term *t)
{
	return (t->type == ERLRC_TERM_NIL || t->type == ERLRC_TERM_LIST) &&
	    erlrc_term_list_length(t) >= 0;
}

/* {Application, [{Key, Value}]} as application_controller checks it. */
static int
check_app_env(struct erlrc_termfile *tf, const struct erlrc_term *t,
    struct erlrc_error *err)
{
	const struct erlrc_term *env = t->u.seq.v[1], *kv;
	size_t i;

	if (t->u.seq.v[0]->type != ERLRC_TERM_ATOM)
		return erlrc_term_error(err, tf, t->u.seq.v[0], "expected an "
		    "application name (an atom), got %s",
		    erlrc_term_describe(t->u.seq.v[0]));
	if (!is_proper_list(env))
		return erlrc_term_error(err, tf, env, "application %s: "
		    "expected a list of {Key, Value}, got %s",
		    t->u.seq.v[0]->u.text.s, erlrc_term_describe(env));
	for (i = 0; env->type == ERLRC_TERM_LIST && i < env->u.seq.n; i++) {
		kv = env->u.seq.v[i];
		if (kv->type != ERLRC_TERM_TUPLE || kv->u.seq.n != 2 ||
		    kv->u.seq.v[0]->type != ERLRC_TERM_ATOM)
			return erlrc_term_error(err, tf, kv, "application %s: "
			    "expected {Key, Value} with Key an atom, got %s",
			    t->u.seq.v[0]->u.text.s, erlrc_term_describe(kv));
	}
	return 0;
}

/* erlrc_basedeb_sys_config_check - see basedeb.h. */
int
erlrc_basedeb_sys_config_check(const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	struct erlrc_termfile tf;
	struct erlrc_buf tmp = ERLRC_BUF_INIT;
	const struct erlrc_term *top, *e;
	size_t i;
	int ret = -1;

	erlrc_termfile_init(&tf);
	if (erlrc_term_parse(&tf, name, text, len, err) < 0)
		goto out;
	if (tf.nterms != 1) {
		erlrc_term_error(err, &tf, tf.nterms ? tf.terms[1] : NULL,
		    "expected one term, a list ended by '.', found %zu",
		    tf.nterms);
		goto out;
	}
	top = tf.terms[0];
	if (!is_proper_list(top)) {
		erlrc_term_error(err, &tf, top, "expected a list of "
		    "{Application, [{Key, Value}]} and file names, got %s",
		    erlrc_term_describe(top));
		goto out;
	}
	for (i = 0; top->type == ERLRC_TERM_LIST && i < top->u.seq.n; i++) {
		e = top->u.seq.v[i];
		if (e->type == ERLRC_TERM_TUPLE && e->u.seq.n == 2) {
			if (check_app_env(&tf, e, err) < 0)
				goto out;
		} else if (!is_file_name(e, &tmp)) {
			erlrc_term_error(err, &tf, e, "expected {Application, "
			    "[{Key, Value}]} or the name of a .config file, "
			    "got %s", erlrc_term_describe(e));
			goto out;
		}
	}
	ret = 0;
out:
	erlrc_buf_destroy(&tmp);
	erlrc_termfile_destroy(&tf);
	return ret;
}

/* erlrc_basedeb_vm_args_check - see basedeb.h. */
int
erlrc_basedeb_vm_args_check(const char *name, const char *text,
    size_t len, struct erlrc_error *err)
{
	const char *nul = memchr(text, '\0', len), *p;
	unsigned line = 1;

	if (!nul)
		return 0;
	for (p = text; p < nul; p++)
		line += *p == '\n';
	return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s:%u: a NUL byte: "
	    "this is no text file", name, line);
}

/* erlrc_basedeb_epoch - see basedeb.h. */
int
erlrc_basedeb_epoch(const struct erlrc_basedeb_opts *o, time_t *epoch,
    struct erlrc_error *err)
{
	const char *files[] = { o->spec_file, o->vm_args, o->sys_config };

	return erlrc_makedeb_epoch(files, 3, epoch, err);
}

/* Keys of the spec that say nothing of a node. */
static int
check_spec(struct build *b, struct erlrc_error *err)
{
	const char *key = NULL;

	if (b->spec.napps)
		key = "applications";
	else if (b->spec.include >= 0)
		key = "include";
	else if (b->spec.start >= 0)
		key = "start";
	if (key)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: '%s' is "
		    "for makeappdeb: a node package has no use for it",
		    b->o->spec_file, key);
	return 0;
}

/* Append TEXT to OUT, its words in lines of at most WIDTH characters. */
static void
wrap(struct erlrc_buf *out, const char *text, size_t width)
{
	size_t col = 0, n;

	while (*text) {
		text += strspn(text, " ");
		n = strcspn(text, " ");
		if (!n)
			break;
		if (col && col + 1 + n > width) {
			erlrc_buf_addc(out, '\n');
			col = 0;
		}
		if (col) {
			erlrc_buf_addc(out, ' ');
			col++;
		}
		erlrc_buf_add(out, text, n);
		col += n;
		text += n;
	}
}

/* The package's name, unit, version, maintainer and description. */
static int
identity(struct build *b, struct erlrc_error *err)
{
	const struct erlrc_spec *s = &b->spec;
	const char *node = b->o->node;
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char *para;

	b->package = s->package ? erlrc_xstrdup(s->package) :
	    erlrc_basedeb_default_package(node);
	if (!erlrc_debpkg_name_ok(b->package))
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "'%s' is not a "
		    "valid Debian package name (lowercase letters, digits and "
		    "'+-.'): give one with 'package:' in the spec",
		    b->package);
	/* the unit is PACKAGE.service, and systemd takes no '+' */
	if (strchr(b->package, '+') || strlen(b->package) +
	    strlen(UNIT_SUFFIX) > UNIT_NAME_MAX)
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "%s: the package "
		    "'%s' cannot name a systemd unit (no '+', at most %zu "
		    "characters): give another with 'package:'",
		    b->o->spec_file ? b->o->spec_file : "the spec", b->package,
		    UNIT_NAME_MAX - strlen(UNIT_SUFFIX));
	b->unit = erlrc_xasprintf("%s%s", b->package, UNIT_SUFFIX);
	if (b->o->version) {
		if (erlrc_dpkg_version_check(b->o->version, err) < 0) {
			erlrc_error_prefix(err, "--package-version");
			return -1;
		}
		b->version = erlrc_xstrdup(b->o->version);
	} else if (s->version) {
		b->version = erlrc_xstrdup(s->version);
	} else {
		return erlrc_error_set(err, ERLRC_ERR_INPUT, "no version: give "
		    "one with --package-version (-V) or with 'version:' in "
		    "the spec");
	}
	if (erlrc_debpkg_maintainer(s->maintainer, &b->maintainer, err) < 0)
		return -1;
	if (s->description) {
		erlrc_makedeb_description(s->description, &b->synopsis,
		    &b->extended);
	} else {
		b->synopsis = erlrc_xasprintf("Erlang node %s, run by systemd "
		    "for erlrc", node);
		if (strlen(b->synopsis) > ERLRC_SPEC_SYNOPSIS_MAX)
			return erlrc_error_set(err, ERLRC_ERR_INPUT, "the node "
			    "name is too long for the default description "
			    "(at most %d characters): give one with "
			    "'description:' in the spec",
			    ERLRC_SPEC_SYNOPSIS_MAX);
	}
	if (!b->extended) {
		para = erlrc_xasprintf("The Erlang node %s of the host that "
		    "installs this package (-sname %s), run by systemd as %s, "
		    "with its vm.args and sys.config in %s/%s/. The package "
		    "makes the node's cookie and registers the node for "
		    "erlrc, whose programs start, upgrade and stop the "
		    "applications of erlrc's packages on it live.", node,
		    node, b->unit, CONFIG_DIR, node);
		wrap(&text, para, TEXT_WIDTH);
		free(para);
		b->extended = erlrc_buf_detach(&text);
	}
	return 0;
}

/* DATADIR/templates/NAME with the placeholders replaced, into OUT. */
static int
template(struct build *b, const char *name, struct erlrc_buf *out,
    struct erlrc_error *err)
{
	const char *vars[] = {
		"NODE", b->o->node,
		"PACKAGE", b->package,
		"UNIT", b->unit,
		"CONFIG_DIR", CONFIG_DIR,
		NULL,
	};
	struct erlrc_buf text = ERLRC_BUF_INIT;
	char *path = erlrc_xasprintf("%s/templates/%s", b->o->datadir, name);
	int ret = -1;

	if (erlrc_buf_read_file(&text, path, err) == 0 &&
	    erlrc_basedeb_vm_args_check(path, erlrc_buf_str(&text), text.len,
	    err) == 0)
		ret = erlrc_basedeb_subst(out, path, erlrc_buf_str(&text), vars,
		    err);
	free(path);
	erlrc_buf_destroy(&text);
	return ret;
}

/* The unit, vm.args and sys.config, read and checked. */
static int
inputs(struct build *b, struct erlrc_error *err)
{
	const struct erlrc_basedeb_opts *o = b->o;
	char *vm_name, *sys_name;
	int ret = -1;

	vm_name = o->vm_args ? erlrc_xstrdup(o->vm_args) :
	    erlrc_xasprintf("%s/templates/vm.args", o->datadir);
	sys_name = o->sys_config ? erlrc_xstrdup(o->sys_config) :
	    erlrc_xasprintf("%s/templates/sys.config", o->datadir);
	if (template(b, "node.service", &b->service, err) < 0)
		goto out;
	if (o->vm_args ? erlrc_buf_read_file(&b->vm_args, o->vm_args,
	    err) < 0 : template(b, "vm.args", &b->vm_args, err) < 0)
		goto out;
	if (erlrc_basedeb_vm_args_check(vm_name, erlrc_buf_str(&b->vm_args),
	    b->vm_args.len, err) < 0)
		goto out;
	if (o->sys_config ? erlrc_buf_read_file(&b->sys_config,
	    o->sys_config, err) < 0 : template(b, "sys.config",
	    &b->sys_config, err) < 0)
		goto out;
	if (erlrc_basedeb_sys_config_check(sys_name,
	    erlrc_buf_str(&b->sys_config), b->sys_config.len, err) < 0)
		goto out;
	ret = 0;
out:
	free(vm_name);
	free(sys_name);
	return ret;
}

/* Depends: erlrc, the runtime (erl), what the spec adds (in finish). */
static int
depends(struct build *b, struct erlrc_error *err)
{
	if (erlrc_debdeps_add(&b->deps, "erlrc", ">=", b->o->erlrc_version,
	    err) < 0 || erlrc_debdeps_add(&b->deps, "erlang-base", NULL, NULL,
	    err) < 0)
		return -1;
	return 0;
}

/* The unit, the configuration, the documentation. */
static int
files(struct build *b, struct erlrc_error *err)
{
	char *dest, *change;
	int ret = -1;

	dest = erlrc_xasprintf("%s/%s", UNIT_DIR, b->unit);
	if (erlrc_debpkg_add_file(&b->deb, dest, erlrc_buf_str(&b->service),
	    b->service.len, 0, err) < 0)
		goto out;
	free(dest);
	dest = erlrc_xasprintf("%s/%s/vm.args", CONFIG_DIR, b->o->node);
	if (erlrc_debpkg_add_conffile(&b->deb, dest,
	    erlrc_buf_str(&b->vm_args), b->vm_args.len, err) < 0)
		goto out;
	free(dest);
	dest = erlrc_xasprintf("%s/%s/sys.config", CONFIG_DIR, b->o->node);
	if (erlrc_debpkg_add_conffile(&b->deb, dest,
	    erlrc_buf_str(&b->sys_config), b->sys_config.len, err) < 0)
		goto out;
	change = erlrc_xasprintf("The Erlang node %s, packaged by "
	    "makebasedeb.", b->o->node);
	ret = erlrc_debpkg_add_docs(&b->deb, b->package, b->version,
	    b->maintainer, b->o->epoch, b->copyright, NULL, change, err);
	free(change);
out:
	free(dest);
	return ret;
}

/* DATADIR/templates/NAME with DATADIR/hooks/node-NAME and the settings. */
static int
script(struct build *b, const char *name, struct erlrc_error *err)
{
	const char *vars[] = {
		"erlrc_node", b->o->node,
		"erlrc_unit", b->unit,
		NULL,
	};
	char *hook = erlrc_xasprintf("node-%s", name);
	int ret;

	ret = erlrc_debpkg_add_script_from(&b->deb, b->o->datadir, name, hook,
	    b->package, vars, err);
	free(hook);
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

/* erlrc_basedeb_build - see basedeb.h. */
int
erlrc_basedeb_build(const struct erlrc_basedeb_opts *o, char **deb,
    struct erlrc_error *err)
{
	struct build b;
	int ret = -1;

	memset(&b, 0, sizeof(b));
	b.o = o;
	*deb = NULL;
	erlrc_spec_init(&b.spec);
	erlrc_debdeps_init(&b.deps);
	if (erlrc_basedeb_node_check(o->node, err) < 0 ||
	    (o->spec_file && (erlrc_spec_read(&b.spec, o->spec_file,
	    err) < 0 || check_spec(&b, err) < 0)) ||
	    identity(&b, err) < 0 || erlrc_makedeb_copyright(o->spec_file,
	    &b.spec, NULL, &b.copyright, err) < 0 ||
	    inputs(&b, err) < 0 || depends(&b, err) < 0 ||
	    erlrc_debpkg_open(&b.deb, o->outdir, err) < 0 ||
	    files(&b, err) < 0 || script(&b, "postinst", err) < 0 ||
	    script(&b, "prerm", err) < 0 || script(&b, "postrm", err) < 0)
		goto out;
	ret = finish(&b, deb, err);
out:
	erlrc_debpkg_destroy(&b.deb);
	erlrc_debdeps_destroy(&b.deps);
	erlrc_buf_destroy(&b.service);
	erlrc_buf_destroy(&b.vm_args);
	erlrc_buf_destroy(&b.sys_config);
	free(b.copyright);
	free(b.package);
	free(b.unit);
	free(b.version);
	free(b.maintainer);
	free(b.synopsis);
	free(b.extended);
	erlrc_spec_destroy(&b.spec);
	return ret;
}
