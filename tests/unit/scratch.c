/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scratch.c - a scratch directory per test case for the unit tests */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include <erlrc/buf.h>
#include <erlrc/xalloc.h>

#include "scratch.h"

char erlrc_scratch_top[PATH_MAX / 2];

void
erlrc_scratch_setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(erlrc_scratch_top, PATH_MAX / 2, "%s/erlrc-unit.XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(erlrc_scratch_top))
		ck_abort_msg("mkdtemp %s: %s", erlrc_scratch_top,
		    strerror(errno));
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void
erlrc_scratch_teardown(void)
{
	nftw(erlrc_scratch_top, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
erlrc_scratch_dir(const char *prefix)
{
	static char dir[PATH_MAX];

	snprintf(dir, sizeof(dir), "%s/%s.XXXXXX", erlrc_scratch_top, prefix);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* erlrc_scratch_listing - see scratch.h. */
char *
erlrc_scratch_listing(const char *dir)
{
	struct erlrc_buf b = ERLRC_BUF_INIT;
	char **names = NULL;
	struct dirent *de;
	size_t n = 0, cap = 0, i;
	DIR *d;

	d = opendir(dir);
	if (!d) {
		ck_assert_int_eq(errno, ENOENT);
		return erlrc_xstrdup("-");
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		names = erlrc_xgrow(names, &cap, n, sizeof(*names));
		names[n++] = erlrc_xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		erlrc_buf_addf(&b, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
	free(names);
	return erlrc_buf_detach(&b);
}
