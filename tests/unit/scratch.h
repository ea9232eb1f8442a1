/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scratch.h - a scratch directory per test case for the unit tests */
#ifndef ERLRC_TEST_SCRATCH_H
#define ERLRC_TEST_SCRATCH_H

/*
 * The parent process makes the top directory before a test case and
 * removes it with all it holds afterwards (an unchecked fixture), so
 * nothing is left behind even when a forked test fails halfway.
 */
extern char erlrc_scratch_top[];

void erlrc_scratch_setup(void);
void erlrc_scratch_teardown(void);
/* A new directory TOP/PREFIX.XXXXXX (static storage: until the next call). */
const char *erlrc_scratch_dir(const char *prefix);

/* DIR's entries, sorted, separated by spaces (new string); "-" if DIR
 * does not exist. */
char *erlrc_scratch_listing(const char *dir);

/* Check that DIR's entries are WANT, as erlrc_scratch_listing gives them. */
#define CHECK_LISTING(dir, want) \
	do { \
		char *l_ = erlrc_scratch_listing(dir); \
		ck_assert_str_eq(l_, want); \
		free(l_); \
	} while (0)

#endif
