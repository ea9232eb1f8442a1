/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench_order - time the steps of erlrc-boot's ordering, one by one */
/*
 *   bench_order REPS LIBDIR... >RESULTS
 *
 * Does what erlrc_boot_dry_run does, with the same environment
 * (ERLRC_ROOT, ERLRC_STATE), REPS times, timing each step with
 * CLOCK_MONOTONIC:
 *
 *   registry  erlrc_registry_read_apps
 *   scan      erlrc_libdirs_scan of each LIBDIR and of STATE/lib
 *   compute   erlrc_order_compute as a whole: it reads the .app files of
 *             the closure and orders them
 *   read      the time spent in erlrc_app_read during that call
 *   order     compute - read: the closure's bookkeeping, the inclusion
 *             checks and the depth-first walk
 *
 * The library is not changed: the run script links this program with
 * -Wl,--wrap=erlrc_app_read, so each call erlrc_order_compute makes to
 * erlrc_app_read goes through __wrap_erlrc_app_read below, which times it.
 * Reading and ordering are thus split within the same call, under the
 * same conditions; the two clock readings per file (some 50 ns) count
 * as reading.
 *
 * Prints "KEY MEDIAN MIN MAX" lines (seconds) for each step, and
 * "registered N", "read N" (applications in the closure) and
 * "started N" (lines erlrc-boot prints) for the run script's checks.
 * Exit status: 0 done, 2 could not try (the error on stderr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <erlrc/app.h>
#include <erlrc/error.h>
#include <erlrc/libdir.h>
#include <erlrc/order.h>
#include <erlrc/paths.h>
#include <erlrc/registry.h>
#include <erlrc/xalloc.h>

enum step { REGISTRY, SCAN, COMPUTE, READ, ORDER, NSTEPS };

static const char *const step_names[NSTEPS] = {
	"registry", "scan", "compute", "read", "order",
};

struct counts {
	size_t registered, read, started;
};

/* What __wrap_erlrc_app_read measured since the last reset. */
static double read_secs;
static size_t read_calls;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The linker's names for the wrapper and the library's own function. */
int __real_erlrc_app_read(struct erlrc_app *app, const char *path,
    struct erlrc_error *err);
int __wrap_erlrc_app_read(struct erlrc_app *app, const char *path,
    struct erlrc_error *err);

int
__wrap_erlrc_app_read(struct erlrc_app *app, const char *path,
    struct erlrc_error *err)
{
	double t0 = now();
	int ret = __real_erlrc_app_read(app, path, err);

	read_secs += now() - t0;
	read_calls++;
	return ret;
}

/* One run of every step; its times in secs[]. */
static int
run_once(const struct erlrc_paths *paths, char **dirs, size_t ndirs,
    double *secs, struct counts *cnt, struct erlrc_error *err)
{
	struct erlrc_registry reg;
	struct erlrc_libdirs libs;
	struct erlrc_order order;
	char *state_lib = erlrc_paths_lib_dir(paths);
	double t0;
	size_t i;
	int ret = -1;

	erlrc_registry_init(&reg);
	erlrc_libdirs_init(&libs);
	erlrc_order_init(&order);

	t0 = now();
	if (erlrc_registry_read_apps(&reg, paths, err) < 0)
		goto out;
	secs[REGISTRY] = now() - t0;

	t0 = now();
	for (i = 0; i < ndirs; i++)
		if (erlrc_libdirs_scan(&libs, dirs[i], err) < 0)
			goto out;
	if (erlrc_libdirs_scan(&libs, state_lib, err) < 0)
		goto out;
	secs[SCAN] = now() - t0;

	read_secs = 0;
	read_calls = 0;
	t0 = now();
	if (erlrc_order_compute(&order, &libs, (const char *const *)reg.apps,
	    reg.napps, err) < 0)
		goto out;
	secs[COMPUTE] = now() - t0;
	secs[READ] = read_secs;
	secs[ORDER] = secs[COMPUTE] - secs[READ];
	if (read_calls != order.napps) {
		erlrc_error_set(err, ERLRC_ERR_FAILED, "erlrc_app_read was "
		    "called %zu times for %zu applications: is the program "
		    "linked with -Wl,--wrap=erlrc_app_read?", read_calls,
		    order.napps);
		goto out;
	}
	cnt->registered = reg.napps;
	cnt->read = order.napps;
	cnt->started = order.n;
	ret = 0;
out:
	erlrc_order_destroy(&order);
	erlrc_libdirs_destroy(&libs);
	erlrc_registry_destroy(&reg);
	free(state_lib);
	return ret;
}

int
main(int argc, char **argv)
{
	struct erlrc_paths paths = ERLRC_PATHS_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct counts cnt = { 0, 0, 0 };
	double *secs[NSTEPS], row[NSTEPS];
	char *end;
	long reps;
	int r, s, status = 2;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_order REPS LIBDIR...\n");
		return 2;
	}
	reps = strtol(argv[1], &end, 10);
	if (*end || reps < 1 || reps > 1000) {
		fprintf(stderr, "bench_order: error: REPS must be a number "
		    "from 1 to 1000, not '%s'\n", argv[1]);
		return 2;
	}
	for (s = 0; s < NSTEPS; s++)
		secs[s] = erlrc_xcalloc((size_t)reps, sizeof(double));
	if (erlrc_paths_init(&paths, &err) < 0)
		goto out;
	for (r = 0; r < reps; r++) {
		if (run_once(&paths, argv + 2, (size_t)argc - 2, row, &cnt,
		    &err) < 0)
			goto out;
		for (s = 0; s < NSTEPS; s++)
			secs[s][r] = row[s];
	}

	printf("registered %zu\nread %zu\nstarted %zu\n", cnt.registered,
	    cnt.read, cnt.started);
	for (s = 0; s < NSTEPS; s++) {
		qsort(secs[s], (size_t)reps, sizeof(double), compare_doubles);
		printf("%s %.6f %.6f %.6f\n", step_names[s],
		    secs[s][reps / 2], secs[s][0], secs[s][reps - 1]);
	}
	status = 0;
out:
	if (status)
		fprintf(stderr, "bench_order: error: %s\n", err.msg);
	for (s = 0; s < NSTEPS; s++)
		free(secs[s]);
	erlrc_paths_destroy(&paths);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "bench_order: error: cannot write results\n");
		status = 2;
	}
	return status;
}
