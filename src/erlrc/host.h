/* SPDX-License-Identifier: GPL-2.0-or-later */
/* host.h - this host as an erlrc program sees it, and the nodes it acts on */
#ifndef ERLRC_HOST_H
#define ERLRC_HOST_H

#include <stddef.h>

#include <erlrc/config.h>
#include <erlrc/error.h>
#include <erlrc/libdir.h>
#include <erlrc/lock.h>
#include <erlrc/log.h>
#include <erlrc/order.h>
#include <erlrc/paths.h>
#include <erlrc/registry.h>

/* What the command line says; zero means "the default". */
struct erlrc_host_opts {
	char **nodes;		/* --node, as given (alive or alive@host) */
	size_t nnodes;
	const char *cookie_file;	/* --cookie-file, for every --node */
	unsigned timeout_ms;	/* --timeout; else erlrc.yaml's */
	char **lib_dirs;	/* --lib-dir: replace erlrc.yaml's */
	size_t nlib_dirs;
	int no_nodes;		/* the nodes are not needed: do not read them */
	const struct erlrc_log *log;	/* warnings of the registry, or NULL */
};

/* A node to act on; the strings belong to the erlrc_host. */
struct erlrc_target {
	char *name;		/* full node name */
	char *cookie;		/* never printed; zeroed when freed */
	int skip;		/* dealt with already: leave it alone */
};

struct erlrc_host {
	struct erlrc_paths paths;
	struct erlrc_config cfg;
	struct erlrc_registry reg;	/* applications and nodes */
	struct erlrc_target *targets;
	size_t ntargets;
	int all_nodes;		/* the targets are every registered node */
	unsigned timeout_ms;	/* per node */
	char *libdir;		/* STATE/lib: erlrc's copies */
	struct erlrc_lock lock;
	const struct erlrc_host_opts *opts;
};

/*
 * Read the settings and registry (honouring DPKG_ROOT, ERLRC_ROOT and
 * ERLRC_STATE), choose the target nodes (every registered node, or those
 * of --node, whose cookie comes from --cookie-file or their registry
 * file).  Returns 0, or -1 with err set; release with erlrc_host_close
 * in every case.
 */
int erlrc_host_open(struct erlrc_host *h, const struct erlrc_host_opts *opts,
    struct erlrc_error *err);
void erlrc_host_close(struct erlrc_host *h);

/*
 * Take the host lock, STATE/lock, waiting at most erlrc.yaml's
 * lock_timeout for another run (see erlrc_lock_take); erlrc_host_close
 * releases it.
 */
int erlrc_host_lock(struct erlrc_host *h, struct erlrc_error *err);

/*
 * Check an application name and version given on the command line:
 * ERLRC_ERR_INPUT when one could not name a directory APP-VSN.
 */
int erlrc_host_check_args(const char *app, const char *vsn,
    struct erlrc_error *err);

/*
 * Scan the library directories (--lib-dir, else erlrc.yaml's lib_dirs
 * under DPKG_ROOT) into LIBS, which the caller initialised.
 */
int erlrc_host_scan_libs(const struct erlrc_host *h,
    struct erlrc_libdirs *libs, struct erlrc_error *err);

/*
 * The directory of APP at version VSN: LIBDIR/APP-VSN in a library
 * directory, whose .app says VSN, else erlrc's own copy.  *DIR is a new
 * string.  ERLRC_ERR_NOTFOUND when neither exists.
 */
int erlrc_host_find_app(const struct erlrc_host *h, const char *app,
    const char *vsn, char **dir, struct erlrc_error *err);

/*
 * The start order of APP at version VSN and of what it needs (at the
 * versions the library directories hold), into O, which the caller
 * initialised; LIBS (initialised by the caller) must outlive O.
 */
int erlrc_host_plan(const struct erlrc_host *h, const char *app,
    const char *vsn, struct erlrc_libdirs *libs, struct erlrc_order *o,
    struct erlrc_error *err);

/*
 * Remove erlrc's copies that no entry of IN_USE ("APP-VSN+ID", the copies
 * the nodes use, in their code paths or as the files of loaded modules)
 * names, each with a notice on LOG: the versions left by upgrades and
 * stops, and the copies an erlrc before content ids made of applications
 * whose packages do not call erlrc.  Call it only when every registered
 * node was reached or is not running.  Returns 0, or -1 with err set.
 */
int erlrc_host_forget(const struct erlrc_host *h, const char *const *in_use,
    size_t nin_use, const struct erlrc_log *log, struct erlrc_error *err);

#endif
