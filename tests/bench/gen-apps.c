/* SPDX-License-Identifier: GPL-2.0-or-later */
/* gen-apps - write a large random set of OTP applications for the benchmarks */
/*
 *   gen-apps [-k] [-s SEED] N LIBDIR ETCDIR >MANIFEST
 *
 * Writes N applications app00001 .. appNNNNN as LIBDIR/appNNNNN-1.0/ebin/
 * appNNNNN.app, registers each of them with an empty file in
 * ETCDIR/applications, and prints on stdout what it meant, one line per
 * application, for the benchmark's check of erlrc's order:
 *
 *   NAME INCLUDER DEP...
 *
 * INCLUDER is "-" unless another application includes NAME, DEP are the
 * entries of its "applications" list.  With -k it also writes a kernel
 * and a stdlib (for machines whose Erlang/OTP is not in /usr/lib/erlang);
 * the manifest always lists them.
 *
 * The graph is a random DAG, the same for the same seed on every machine
 * (the generator is ours, not libc's): each application depends on kernel,
 * stdlib and 0-5 applications with a lower number; about 2% of them also
 * include an application of lower number that nobody else includes or
 * depends on and that includes nothing, which keeps erlrc's rules (an
 * included application is no one's dependency and has one includer) and
 * the graph acyclic.
 *
 * Built by tests/bench/run with $CC alone: it needs nothing of erlrc.
 * Exit status: 0 done, 2 could not write or bad usage.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPS 5
#define INCLUDE_PERCENT 2
#define NAME_LEN 16		/* "app" + 5 digits, with room to spare */

struct app {
	int includer;		/* who includes it, 0 for no one */
	int included;		/* what it includes, 0 for nothing */
	int deps[MAX_DEPS];	/* lower-numbered applications it needs */
	int ndeps;
};

static const char *const module_suffixes[] = {
	"app", "sup", "server", "worker", "config",
	"db", "api", "util", "proto", "stats",
};

static uint64_t rng_state;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
    noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen-apps: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* splitmix64: small, good enough, and the same everywhere. */
static uint64_t
rng_next(void)
{
	uint64_t z = (rng_state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number in [0, n); the modulo bias is far below what matters here. */
static int
rng_below(int n)
{
	return (int)(rng_next() % (uint64_t)n);
}

static void
app_name(char *buf, int i)
{
	snprintf(buf, NAME_LEN, "app%05d", i);
}

/*
 * Who includes whom: about INCLUDE_PERCENT of the applications include
 * one of lower number that is neither an includer nor already included.
 * Decided for every application before any dependency, so that no
 * dependency can point at an application included later.
 */
static void
choose_inclusions(struct app *apps, int n)
{
	int i, x, tries;

	for (i = 2; i <= n; i++) {
		if (rng_below(100) >= INCLUDE_PERCENT)
			continue;
		for (tries = 0; tries < 20; tries++) {
			x = 1 + rng_below(i - 1);
			if (!apps[x].includer && !apps[x].included) {
				apps[x].includer = i;
				apps[i].included = x;
				break;
			}
		}
	}
}

/* 0-5 distinct dependencies of lower number, none of them included. */
static void
choose_deps(struct app *apps, int n)
{
	int i, j, d, want, tries;

	for (i = 2; i <= n; i++) {
		want = rng_below(MAX_DEPS + 1);
		for (tries = 0; apps[i].ndeps < want && tries < 20 * want;
		    tries++) {
			d = 1 + rng_below(i - 1);
			if (apps[d].includer)
				continue;
			for (j = 0; j < apps[i].ndeps; j++)
				if (apps[i].deps[j] == d)
					break;
			if (j == apps[i].ndeps)
				apps[i].deps[apps[i].ndeps++] = d;
		}
	}
}

/* snprintf into a path buffer, which must be large enough. */
static void path_printf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
path_printf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= size)
		die("path too long: '%s...'", buf);
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		die("cannot create '%s': %s", path, strerror(errno));
}

static FILE *
open_file(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		die("cannot create '%s': %s", path, strerror(errno));
	return f;
}

static void
close_file(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f))
		die("cannot write '%s': %s", path, strerror(errno));
}

/* The directory LIBDIR/NAME-VSN/ebin; its path in buf. */
static void
make_ebin(char *buf, size_t size, const char *libdir, const char *name,
    const char *vsn)
{
	path_printf(buf, size, "%s/%s-%s", libdir, name, vsn);
	make_dir(buf);
	path_printf(buf, size, "%s/%s-%s/ebin", libdir, name, vsn);
	make_dir(buf);
}

/* An .app file as a real project would ship it. */
static void
write_app(const struct app *apps, int i, const char *libdir)
{
	const struct app *a = &apps[i];
	char name[NAME_LEN], dep[NAME_LEN], path[4096];
	size_t m, nmod = sizeof(module_suffixes) / sizeof(*module_suffixes);
	FILE *f;
	int j;

	app_name(name, i);
	make_ebin(path, sizeof(path), libdir, name, "1.0");
	path_printf(path, sizeof(path), "%s/%s-1.0/ebin/%s.app", libdir, name,
	    name);
	f = open_file(path);
	fprintf(f, "%%%% %s.app - written by tests/bench/gen-apps\n", name);
	fprintf(f, "{application, %s,\n", name);
	fprintf(f, " [{description, \"Benchmark application number %d\"},\n",
	    i);
	fprintf(f, "  {vsn, \"1.0\"},\n");
	fprintf(f, "  {modules, [");
	for (m = 0; m < nmod; m++)
		fprintf(f, "%s%s_%s", m == 0 ? "" : m % 4 ? ", " :
		    ",\n             ", name, module_suffixes[m]);
	fprintf(f, "]},\n");
	fprintf(f, "  {registered, [%s_sup, %s_server]},\n", name, name);
	fprintf(f, "  {applications, [kernel, stdlib");
	for (j = 0; j < a->ndeps; j++) {
		app_name(dep, a->deps[j]);
		fprintf(f, ", %s", dep);
	}
	fprintf(f, "]},\n");
	if (a->included) {
		app_name(dep, a->included);
		fprintf(f, "  {included_applications, [%s]},\n", dep);
	}
	fprintf(f, "  {env, [{port, %d},\n", 20000 + i);
	fprintf(f, "         {pool_size, %d},\n", 1 + i % 16);
	fprintf(f, "         {log_level, info},\n");
	fprintf(f, "         {data_dir, \"/var/lib/%s\"}]},\n", name);
	fprintf(f, "  {mod, {%s_app, []}}]}.\n", name);
	close_file(f, path);
}

/* A stand-in kernel or stdlib, for -k. */
static void
write_otp_app(const char *libdir, const char *name, const char *deps)
{
	char path[4096];
	FILE *f;

	make_ebin(path, sizeof(path), libdir, name, "0.0");
	path_printf(path, sizeof(path), "%s/%s-0.0/ebin/%s.app", libdir, name,
	    name);
	f = open_file(path);
	fprintf(f, "{application, %s,\n [{description, \"stand-in\"},\n"
	    "  {vsn, \"0.0\"},\n  {modules, []},\n  {registered, []},\n"
	    "  {applications, [%s]}]}.\n", name, deps);
	close_file(f, path);
}

static void
register_app(const char *regdir, int i)
{
	char name[NAME_LEN], path[4096];

	app_name(name, i);
	path_printf(path, sizeof(path), "%s/%s", regdir, name);
	close_file(open_file(path), path);
}

static void
print_manifest(const struct app *apps, int n)
{
	char name[NAME_LEN];
	int i, j;

	printf("kernel -\nstdlib - kernel\n");
	for (i = 1; i <= n; i++) {
		app_name(name, i);
		printf("%s ", name);
		if (apps[i].includer) {
			app_name(name, apps[i].includer);
			printf("%s", name);
		} else {
			printf("-");
		}
		printf(" kernel stdlib");
		for (j = 0; j < apps[i].ndeps; j++) {
			app_name(name, apps[i].deps[j]);
			printf(" %s", name);
		}
		printf("\n");
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen-apps [-k] [-s SEED] N LIBDIR ETCDIR "
	    ">MANIFEST\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct app *apps;
	char regdir[4096];
	char *end;
	int c, i, n, otp = 0;

	rng_state = 20240601;
	while ((c = getopt(argc, argv, "ks:")) != -1) {
		switch (c) {
		case 'k':
			otp = 1;
			break;
		case 's':
			rng_state = strtoull(optarg, &end, 10);
			if (*end || !*optarg)
				usage();
			break;
		default:
			usage();
		}
	}
	argv += optind;
	if (argc - optind != 3)
		usage();
	n = (int)strtol(argv[0], &end, 10);
	if (*end || n < 1 || n > 99999)
		die("N must be a number from 1 to 99999, not '%s'", argv[0]);

	apps = calloc((size_t)n + 1, sizeof(*apps));
	if (!apps)
		die("out of memory");
	choose_inclusions(apps, n);
	choose_deps(apps, n);

	make_dir(argv[1]);
	make_dir(argv[2]);
	path_printf(regdir, sizeof(regdir), "%s/applications", argv[2]);
	make_dir(regdir);
	if (otp) {
		write_otp_app(argv[1], "kernel", "");
		write_otp_app(argv[1], "stdlib", "kernel");
	}
	for (i = 1; i <= n; i++) {
		write_app(apps, i, argv[1]);
		register_app(regdir, i);
	}
	print_manifest(apps, n);
	free(apps);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write the manifest: %s", strerror(errno));
	return 0;
}
