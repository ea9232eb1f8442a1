/* boot.h - what erlrc-boot does, as library calls */
#ifndef ERLRC_BOOT_H
#define ERLRC_BOOT_H

#include <stdio.h>

#include <erlrc/error.h>

struct erlrc_boot_opts {
	char **lib_dirs;	/* --lib-dir: replace the configured ones */
	size_t nlib_dirs;
};

/*
 * Print to OUT the start order of the registered applications, one
 * "NAME VSN DIR" line each, from the settings, registry and library
 * directories of this host (see erlrc-boot(8)).  *NREGISTERED gets the
 * number of registered applications.  Returns 0, or -1 with err set.
 */
int erlrc_boot_dry_run(const struct erlrc_boot_opts *opts, FILE *out,
    size_t *nregistered, struct erlrc_error *err);

#endif
