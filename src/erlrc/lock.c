/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lock.c - one erlrc run at a time on a host: STATE/lock */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <erlrc/lock.h>
#include <erlrc/paths.h>
#include <erlrc/xalloc.h>

#define FIRST_PAUSE_MS 2
#define MAX_PAUSE_MS 50

/* mkdir -p for the directory that holds PATH, mode 0755. */
static int
make_parent_dirs(const char *path, struct erlrc_error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ret;

	if (!slash || slash == path)
		return 0;
	dir = erlrc_xstrndup(path, (size_t)(slash - path));
	ret = erlrc_paths_mkdirs(dir, 0755, err);
	free(dir);
	return ret;
}

static unsigned long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000 +
	    (unsigned long long)ts.tv_nsec / 1000000;
}

static void
pause_ms(unsigned ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	/* Woken early by a signal: the caller looks at the clock anyway. */
	nanosleep(&ts, NULL);
}

/* MS as seconds for a message: "0", "0.2", "1.25", "30". */
static void
format_seconds(char *buf, size_t size, unsigned ms)
{
	size_t len;

	if (ms % 1000 == 0) {
		snprintf(buf, size, "%u", ms / 1000);
		return;
	}
	snprintf(buf, size, "%u.%03u", ms / 1000, ms % 1000);
	len = strlen(buf);
	while (buf[len - 1] == '0')
		buf[--len] = '\0';
}

/*
 * erlrc_lock_take - see lock.h.  Polls with flock(LOCK_NB), pausing 2 ms
 * at first and twice as long each time up to 50 ms, rather than blocking
 * in flock(), so the wait ends at the deadline without a signal.  A lock
 * already held through L is kept (0).
 */
int
erlrc_lock_take(struct erlrc_lock *l, const char *path,
    unsigned timeout_ms, struct erlrc_error *err)
{
	unsigned long long start, waited;
	unsigned pause = FIRST_PAUSE_MS;
	char secs[32];
	int fd = -1, ret = -1;

	if (l->fd >= 0)
		return 0;
	if (make_parent_dirs(path, err) < 0)
		goto out;
	fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
	if (fd < 0) {
		erlrc_error_errno(err, "cannot open lock file '%s'", path);
		goto out;
	}
	start = now_ms();
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK) {
			erlrc_error_errno(err, "cannot lock '%s'", path);
			goto out;
		}
		waited = now_ms() - start;
		if (waited >= timeout_ms) {
			format_seconds(secs, sizeof(secs), timeout_ms);
			erlrc_error_set(err, ERLRC_ERR_SYSTEM,
			    "another erlrc run has held '%s' for %s second%s",
			    path, secs, timeout_ms == 1000 ? "" : "s");
			goto out;
		}
		if (pause > timeout_ms - waited)
			pause_ms((unsigned)(timeout_ms - waited));
		else
			pause_ms(pause);
		pause = pause * 2 > MAX_PAUSE_MS ? MAX_PAUSE_MS : pause * 2;
	}
	l->fd = fd;
	fd = -1;
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * erlrc_lock_release - unlock and close.  LOCK_UN first: a child forked
 * without exec shares the open file and would otherwise keep it locked.
 */
void
erlrc_lock_release(struct erlrc_lock *l)
{
	if (l->fd < 0)
		return;
	(void)flock(l->fd, LOCK_UN);
	close(l->fd);
	l->fd = -1;
}
