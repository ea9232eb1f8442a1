/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_copy - what tying erlrc's copies to their content costs each
 * start, boot and upgrade: the content id of an application's directory
 * (erlrc_tree_digest: every file read and hashed), against reading the
 * same files and doing nothing with them (the floor: what any check of
 * the content pays), and the hard-linked copy made once per content.
 *   bench_copy DIR ROUNDS
 * The three take turns, ROUNDS times, so that whatever else loads the
 * machine weighs on all alike; wall time (CLOCK_MONOTONIC) and CPU time
 * (getrusage, user + system) per round, medians.  It measures; it never
 * fails on a timing.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <erlrc/tree.h>

#define WAYS 3

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static long long bytes;

static int
read_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	static char buf[65536];
	ssize_t r;
	int fd;

	(void)st;
	(void)f;
	if (flag != FTW_F)
		return 0;
	fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		bytes += r;
	close(fd);
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
	static const char *const names[WAYS] = {
		"content id (erlrc_tree_digest)",
		"reading the files (the floor)",
		"a new copy (erlrc_tree_copy)",
	};
	struct erlrc_error err = ERLRC_ERROR_INIT;
	char id[ERLRC_TREE_ID_LEN + 1], tmpl[] = "/tmp/bench_copy.XXXXXX";
	char *dest, *lib;
	double *wall[WAYS], *cpus[WAYS], w0, c0;
	int rounds, i, k;

	if (argc != 3 || (rounds = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: bench_copy DIR ROUNDS\n");
		return 2;
	}
	if (!mkdtemp(tmpl)) {
		perror("mkdtemp");
		return 2;
	}
	for (k = 0; k < WAYS; k++) {
		wall[k] = calloc((size_t)rounds, sizeof(double));
		cpus[k] = calloc((size_t)rounds, sizeof(double));
	}
	for (i = 0; i < rounds; i++) {
		for (k = 0; k < WAYS; k++) {
			if (asprintf(&lib, "%s/lib%d", tmpl, i) < 0)
				return 2;
			w0 = now();
			c0 = cpu();
			if (k == 0 && erlrc_tree_digest(argv[1], id, &err) < 0) {
				fprintf(stderr, "bench_copy: %s\n", err.msg);
				return 2;
			}
			if (k == 1) {
				bytes = 0;
				nftw(argv[1], read_one, 32, FTW_PHYS);
			}
			if (k == 2) {
				if (erlrc_tree_copy(lib, "bench", "1", argv[1],
				    &dest, &err) < 0) {
					fprintf(stderr, "bench_copy: %s\n",
					    err.msg);
					return 2;
				}
				free(dest);
			}
			wall[k][i] = now() - w0;
			cpus[k][i] = cpu() - c0;
			if (k == 2 && erlrc_tree_rmrf(lib, &err) < 0)
				return 2;
			free(lib);
		}
	}
	printf("%s: %lld bytes, %d rounds, medians\n", argv[1], bytes, rounds);
	for (k = 0; k < WAYS; k++)
		printf("  %-32s %8.2f ms wall %8.2f ms CPU\n", names[k],
		    1e3 * median(wall[k], rounds), 1e3 * median(cpus[k],
		    rounds));
	printf("  content id / reading: %.2f wall, %.2f CPU\n",
	    median(wall[0], rounds) / median(wall[1], rounds),
	    median(cpus[0], rounds) / median(cpus[1], rounds));
	rmdir(tmpl);
	return 0;
}
