/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lock.h - one erlrc run at a time on a host: STATE/lock */
#ifndef ERLRC_LOCK_H
#define ERLRC_LOCK_H

#include <erlrc/error.h>

struct erlrc_lock {
	int fd;		/* the locked file, -1 when not held */
};

#define ERLRC_LOCK_INIT { -1 }

/*
 * Take an exclusive lock (flock) on the file PATH, created mode 0644
 * with its parent directories when missing, waiting at most TIMEOUT_MS
 * for another run that holds it.  The lock goes with the process: a run
 * that dies releases it.  Returns 0, or -1 with err set: ERLRC_ERR_SYSTEM
 * with "another erlrc run has held PATH for N seconds" on a timeout.
 */
int erlrc_lock_take(struct erlrc_lock *l, const char *path,
    unsigned timeout_ms, struct erlrc_error *err);

/* Release the lock if held (the file stays). */
void erlrc_lock_release(struct erlrc_lock *l);

#endif
