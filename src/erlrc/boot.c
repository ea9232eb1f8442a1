/* boot.c - what erlrc-boot does, as library calls */
#include <stdlib.h>

#include <erlrc/boot.h>
#include <erlrc/config.h>
#include <erlrc/libdir.h>
#include <erlrc/order.h>
#include <erlrc/paths.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>

/*
 * The library directories to search: --lib-dir as given, else those of
 * erlrc.yaml on the target system, and always erlrc's own copies.
 */
static int
scan_lib_dirs(struct erlrc_libdirs *libs, const struct erlrc_boot_opts *opts,
    const struct erlrc_paths *paths, const struct erlrc_config *cfg,
    struct erlrc_error *err)
{
	char *dir;
	size_t i;
	int ret;

	for (i = 0; i < opts->nlib_dirs; i++)
		if (erlrc_libdirs_scan(libs, opts->lib_dirs[i], err) < 0)
			return -1;
	for (i = 0; !opts->nlib_dirs && i < cfg->nlib_dirs; i++) {
		dir = erlrc_paths_target(paths, cfg->lib_dirs[i]);
		ret = erlrc_libdirs_scan(libs, dir, err);
		free(dir);
		if (ret < 0)
			return -1;
	}
	dir = erlrc_paths_lib_dir(paths);
	ret = erlrc_libdirs_scan(libs, dir, err);
	free(dir);
	return ret;
}

/* erlrc_boot_dry_run - see boot.h. */
int
erlrc_boot_dry_run(const struct erlrc_boot_opts *opts, FILE *out,
    size_t *nregistered, struct erlrc_error *err)
{
	struct erlrc_paths paths = ERLRC_PATHS_INIT;
	struct erlrc_config cfg;
	struct erlrc_registry reg;
	struct erlrc_libdirs libs;
	struct erlrc_order order;
	char *file = NULL;
	size_t i;
	int ret = -1;

	erlrc_config_init(&cfg);
	erlrc_registry_init(&reg);
	erlrc_libdirs_init(&libs);
	erlrc_order_init(&order);
	if (erlrc_paths_init(&paths, err) < 0)
		goto out;
	file = erlrc_paths_config_file(&paths);
	if (erlrc_config_read(&cfg, file, err) < 0 ||
	    erlrc_registry_read_apps(&reg, &paths, err) < 0)
		goto out;
	*nregistered = reg.napps;
	if (scan_lib_dirs(&libs, opts, &paths, &cfg, err) < 0 ||
	    erlrc_order_compute(&order, &libs, (const char *const *)reg.apps,
	    reg.napps, err) < 0)
		goto out;
	for (i = 0; i < order.n; i++)
		fprintf(out, "%s %s %s\n", order.items[i].name,
		    order.items[i].vsn, order.items[i].dir);
	ret = 0;
out:
	free(file);
	erlrc_order_destroy(&order);
	erlrc_libdirs_destroy(&libs);
	erlrc_registry_destroy(&reg);
	erlrc_config_destroy(&cfg);
	erlrc_paths_destroy(&paths);
	return ret;
}
