/* SPDX-License-Identifier: GPL-2.0-or-later */
/* boot.h - what erlrc-boot does, as library calls */
#ifndef ERLRC_BOOT_H
#define ERLRC_BOOT_H

#include <stdio.h>

#include <erlrc/error.h>
#include <erlrc/host.h>
#include <erlrc/libdir.h>
#include <erlrc/live.h>
#include <erlrc/log.h>
#include <erlrc/order.h>

/* The start order of every registered application, computed once. */
struct erlrc_boot {
	struct erlrc_libdirs libs;
	struct erlrc_order order;
	const char **removed;	/* registered, not installed (host's names) */
	size_t nremoved;
};

/* Empty; release with erlrc_boot_destroy. */
void erlrc_boot_init(struct erlrc_boot *b);

/*
 * Compute into B (see erlrc_boot_init) the start order of the
 * applications registered on host H from its library directories, each
 * at the highest version found there (see erlrc_order_compute).  A
 * registered application with no version installed is left out and
 * listed in B->removed: its package was removed, and dpkg keeps the
 * registration file, a conffile, until the package is purged.
 */
int erlrc_boot_prepare(struct erlrc_boot *b, const struct erlrc_host *h,
    struct erlrc_error *err);
void erlrc_boot_destroy(struct erlrc_boot *b);

/* Print the order to OUT, one "NAME VSN DIR" line each. */
void erlrc_boot_print(const struct erlrc_boot *b, FILE *out);

/*
 * Wait until each target node of H answers, up to WAIT_MS in all (a node
 * that refuses the handshake may be booting: it is asked again too).  A
 * node that is still not running is reported as a notice, one that
 * fails otherwise as an error; both are marked skip.  Returns the worst
 * exit status of those.
 */
int erlrc_boot_wait(struct erlrc_host *h, unsigned wait_ms,
    const struct erlrc_log *log);

/*
 * erlrc-boot on node L (ARG is the struct erlrc_boot): start every
 * application of the order that does not run yet, going on past
 * failures (see erlrc_start_items).  Returns 0, or -1 with err set.
 */
int erlrc_boot_node(struct erlrc_host *h, struct erlrc_live *l, void *arg,
    struct erlrc_error *err);

#endif
