/* SPDX-License-Identifier: GPL-2.0-or-later */
/* basedeb.h - a node package: systemd unit, cookie, vm.args (makebasedeb) */
#ifndef ERLRC_BASEDEB_H
#define ERLRC_BASEDEB_H

#include <stddef.h>
#include <time.h>

#include <erlrc/buf.h>
#include <erlrc/error.h>

/*
 * The longest alive name: with '@' and a host name of up to 63
 * characters (a DNS label), the node's name stays within the 255
 * characters of an atom.
 */
#define ERLRC_BASEDEB_NODE_MAX 191

/* What to build; fill it, zero what is not given. */
struct erlrc_basedeb_opts {
	const char *node;	/* the alive name: -sname NODE */
	const char *outdir;	/* where the .deb goes */
	const char *spec_file;	/* the package spec (YAML), or NULL */
	const char *version;	/* the Version, or NULL: the spec's */
	const char *vm_args;	/* vm.args to ship, or NULL: the template */
	const char *sys_config;	/* sys.config, or NULL: the template */
	const char *datadir;	/* holds templates/ and hooks/ */
	const char *erlrc_version;	/* Depends on erlrc (>= this) */
	time_t epoch;		/* the date of everything in the package */
};

/*
 * Build the package of node O->node (see makebasedeb(1) for every rule:
 * files, control fields, maintainer scripts) into O->outdir; *DEB is the
 * path of the new .deb.  Returns 0, or -1 with err set (ERLRC_ERR_INPUT
 * for bad input, naming the file or the option), and nothing written.
 */
int erlrc_basedeb_build(const struct erlrc_basedeb_opts *o, char **deb,
    struct erlrc_error *err);

/*
 * The date the package gets when SOURCE_DATE_EPOCH is not set: the
 * newest modification time of the files O names (the spec, vm.args,
 * sys.config), so the same inputs give the same .deb.  Returns 0, or -1
 * with err set; with none of them, *EPOCH is 0.
 */
int erlrc_basedeb_epoch(const struct erlrc_basedeb_opts *o, time_t *epoch,
    struct erlrc_error *err);

/*
 * Check that NODE can name a node package's node: an alive name (no
 * '@': the node runs on the host that installs it), of letters, digits,
 * '_' and '-', not starting with '-', at most ERLRC_BASEDEB_NODE_MAX
 * bytes.  Returns 0, or -1 with err (ERLRC_ERR_INPUT) saying why.
 */
int erlrc_basedeb_node_check(const char *node, struct erlrc_error *err);

/* "erlang-node-" and NODE lowercased, '_' as '-'.  A new string. */
char *erlrc_basedeb_default_package(const char *node);

/*
 * Append TEXT to OUT with each placeholder #NAME# (uppercase letters,
 * digits and '_' between two '#') replaced by its value in VARS
 * (NULL-terminated NAME, VALUE pairs, NAME without the '#').  A
 * placeholder VARS does not hold is an error "FILE:LINE: unknown
 * placeholder #NAME#" (ERLRC_ERR_INPUT); any other '#' is kept.
 * Returns 0, or -1 with err set and OUT as it was.
 */
int erlrc_basedeb_subst(struct erlrc_buf *out, const char *file,
    const char *text, const char *const *vars, struct erlrc_error *err);

/*
 * Check TEXT (LEN bytes, the file NAME) as a sys.config that erl -config
 * takes: one term, a list whose elements are {Application, Env}, with
 * Application an atom and Env a list of {Key, Value} with Key an atom,
 * or the name of another .config file (a string).  Returns 0, or -1
 * with err (ERLRC_ERR_INPUT) as "NAME:LINE:COL: what is wrong".
 */
int erlrc_basedeb_sys_config_check(const char *name, const char *text,
    size_t len, struct erlrc_error *err);

/*
 * Check TEXT (LEN bytes, the file NAME) as a vm.args: any text, but no
 * NUL byte, which erl would take for the end of the file.  Returns 0,
 * or -1 with err (ERLRC_ERR_INPUT) naming the line.
 */
int erlrc_basedeb_vm_args_check(const char *name, const char *text,
    size_t len, struct erlrc_error *err);

#endif
