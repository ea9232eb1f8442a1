/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libdir.h - the applications found in library directories */
#ifndef ERLRC_LIBDIR_H
#define ERLRC_LIBDIR_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/strmap.h>

/*
 * One application directory: DIR/APP or DIR/APP-VSN with ebin/APP.app,
 * or a directory named otherwise whose ebin holds APP.app (Debian's
 * p1_tls-1.1.16/ebin/fast_tls.app).
 */
struct erlrc_libapp {
	char *name;		/* the application */
	char *dir;		/* its directory, absolute */
	char *app_file;		/* DIR/ebin/NAME.app */
	char *entry;		/* the directory's name */
	const char *dirvsn;	/* its version: from entry, or app_vsn */
	char *app_vsn;		/* when not named after APP: its .app's vsn */
};

/* The highest version of each application over all directories scanned. */
struct erlrc_libdirs {
	struct erlrc_libapp *apps;
	size_t n, cap;
	struct erlrc_strmap byname;
	char **dirs;		/* the directories scanned, for messages */
	size_t ndirs;
};

void erlrc_libdirs_init(struct erlrc_libdirs *l);
void erlrc_libdirs_destroy(struct erlrc_libdirs *l);

/*
 * Add the applications of library directory DIR: each entry holds the
 * application it is named after (NAME or NAME-VSN with ebin/NAME.app),
 * else those whose .app files its ebin holds.  A directory that does
 * not exist holds none (as for the code server); one that cannot be read
 * is an error.  Where an application is found more than once, the one
 * OTP's code server would choose is kept: versions made of numbers and
 * dots compare number by number, any other version counts as 0, and a
 * tie goes to the greater path.  Returns 0, or -1 with err set.
 */
int erlrc_libdirs_scan(struct erlrc_libdirs *l, const char *dir,
    struct erlrc_error *err);

/*
 * Make DIR, an absolute application directory (.../NAME or .../NAME-VSN
 * with ebin/NAME.app), the one chosen for NAME, whatever the versions.
 * Returns 0, or -1 with err set (ERLRC_ERR_NOTFOUND: no such .app).
 */
int erlrc_libdirs_pin(struct erlrc_libdirs *l, const char *name,
    const char *dir, struct erlrc_error *err);

/*
 * The directory in library directory DIR whose ebin/NAME.app says VSN, as
 * a new string in *APPDIR, whatever its name; NULL when there is none.
 * Returns 0, or -1 with err set (DIR cannot be read).
 */
int erlrc_libdirs_lookup(const char *dir, const char *name, const char *vsn,
    char **appdir, struct erlrc_error *err);

/* The application NAME, or NULL. */
const struct erlrc_libapp *erlrc_libdirs_find(const struct erlrc_libdirs *l,
    const char *name);

/* "DIR1, DIR2" (new string, freed by the caller), for messages. */
char *erlrc_libdirs_describe(const struct erlrc_libdirs *l);

/*
 * Compare two versions the way the code server does (numeric parts
 * compared as numbers; anything not numeric counts as "0").
 * Returns <0, 0 or >0.
 */
int erlrc_libdirs_vsn_compare(const char *a, const char *b);

#endif
