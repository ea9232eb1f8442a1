/* SPDX-License-Identifier: GPL-2.0-or-later */
/* maxrss - run a command once and record its time and peak memory */
/*
 *   maxrss [-t SECONDS] FILE COMMAND [ARG...]
 *
 * Runs COMMAND (looked up in PATH) with this program's standard input,
 * output and error, waits for it with wait4(), and appends one line to
 * FILE:
 *
 *   STATUS WALL_NS CPU_US MAXRSS_KIB
 *
 * STATUS is COMMAND's exit status, or 128 + the signal that killed it;
 * WALL_NS the nanoseconds from just before fork() to wait4()'s return, on
 * CLOCK_MONOTONIC; CPU_US its user + system time in microseconds; and
 * MAXRSS_KIB its peak resident set (ru_maxrss, KiB), which Linux keeps
 * across exec(), so a shell script that execs a program counts the larger
 * of the two.  After SECONDS (default 60) COMMAND is killed with SIGKILL.
 *
 * GNU time would do, but it is not installed everywhere; and timing here,
 * rather than in the shell, keeps the shell's own fork and exec of this
 * program out of the measure.  Built by tests/bench/bench-start with $CC.
 * Exit status: COMMAND's status as above; 126 COMMAND could not be run
 * (an error on stderr), 2 bad usage or FILE could not be written.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;

static void
on_alarm(int sig)
{
	timed_out = 1;
}

static void
usage(void)
{
	fputs("usage: maxrss [-t SECONDS] FILE COMMAND [ARG...]\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct timespec t0, t1;
	struct rusage ru;
	long long wall_ns, cpu_us;
	unsigned long secs = 60;
	char *end;
	FILE *out;
	pid_t pid, got;
	int c, wstatus, status;

	while ((c = getopt(argc, argv, "+t:")) != -1) {
		if (c != 't')
			usage();
		errno = 0;
		secs = strtoul(optarg, &end, 10);
		if (errno || end == optarg || *end || secs == 0 ||
		    secs > 86400)
			usage();
	}
	if (argc - optind < 2)
		usage();
	/* Open FILE first: no run is lost for want of a place to record it. */
	out = fopen(argv[optind], "a");
	if (!out) {
		fprintf(stderr, "maxrss: error: cannot open '%s': %s\n",
		    argv[optind], strerror(errno));
		return 2;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: wait4 returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "maxrss: error: cannot fork: %s\n",
		    strerror(errno));
		return 126;
	}
	if (pid == 0) {
		fclose(out);
		execvp(argv[optind + 1], argv + optind + 1);
		fprintf(stderr, "maxrss: error: cannot run '%s': %s\n",
		    argv[optind + 1], strerror(errno));
		_exit(126);
	}
	alarm(secs);
	for (;;) {
		got = wait4(pid, &wstatus, 0, &ru);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			fprintf(stderr, "maxrss: error: wait4: %s\n",
			    strerror(errno));
			kill(pid, SIGKILL);
			return 126;
		}
		if (timed_out) {
			fprintf(stderr, "maxrss: error: '%s' still running "
			    "after %lu s: killed\n", argv[optind + 1], secs);
			kill(pid, SIGKILL);
			timed_out = 0;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	alarm(0);

	status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) :
	    128 + WTERMSIG(wstatus);
	wall_ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL +
	    (t1.tv_nsec - t0.tv_nsec);
	cpu_us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
	    ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
	fprintf(out, "%d %lld %lld %ld\n", status, wall_ns, cpu_us,
	    ru.ru_maxrss);
	if (fclose(out) != 0) {
		fprintf(stderr, "maxrss: error: cannot write '%s': %s\n",
		    argv[optind], strerror(errno));
		return 2;
	}
	return status;
}
