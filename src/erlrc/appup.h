/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appup.h - an application upgrade file (appup(4)), read and checked */
#ifndef ERLRC_APPUP_H
#define ERLRC_APPUP_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/term.h>

/*
 * One {Vsn, Instructions} pair of the upgrade or the downgrade list.
 * Every pointer but re lives in the appup's termfile.
 */
struct erlrc_appup_entry {
	const struct erlrc_term *key;	/* the version term as written */
	const char *vsn;	/* the string or the regex source, UTF-8 */
	size_t vsnlen;		/* bytes of vsn (a key may hold a NUL) */
	int is_regex;		/* the key is a binary: a regex */
	void *re;		/* its compiled pcre2_code, when is_regex */
	const struct erlrc_term *instructions;	/* a list, checked */
};

/* What an .appup file says; erlrc_appup_destroy frees all of it. */
struct erlrc_appup {
	struct erlrc_termfile tf;
	const char *vsn;		/* the version the file upgrades to */
	struct erlrc_appup_entry *up;	/* [{UpFromVsn, Instructions}] */
	size_t nup;
	struct erlrc_appup_entry *down;	/* [{DownToVsn, Instructions}] */
	size_t ndown;
};

void erlrc_appup_init(struct erlrc_appup *a);
void erlrc_appup_destroy(struct erlrc_appup *a);

/*
 * Is A, read from FILE, the appup of version VSN (its first element), as
 * OTP's release handler requires?  Returns 0, or -1 with ERLRC_ERR_INPUT
 * naming FILE and both versions.
 */
int erlrc_appup_check_vsn(const struct erlrc_appup *a, const char *file,
    const char *vsn, struct erlrc_error *err);

/*
 * Read PATH and check it: its first term (OTP's tools read no further:
 * systools_lib:read_term/1), {Vsn, [{UpFromVsn, Instructions}],
 * [{DownToVsn, Instructions}]}, every instruction as systools_rc checks
 * it.  Returns 0, or -1 with err (ERLRC_ERR_INPUT) set to
 * "FILE:LINE:COL: what is wrong".
 */
int erlrc_appup_read(struct erlrc_appup *a, const char *path,
    struct erlrc_error *err);
/* The same from TEXT (LEN bytes); NAME is the file name for messages. */
int erlrc_appup_parse(struct erlrc_appup *a, const char *name,
    const char *text, size_t len, struct erlrc_error *err);

/*
 * Check INSTRS, a term of TF, as the instructions of one appup entry:
 * what systools_rc:translate_scripts/4 refuses whatever the .app files
 * say.  Returns 0, or -1 with err set at the offending term.
 */
int erlrc_appup_check_instructions(struct erlrc_termfile *tf,
    const struct erlrc_term *instrs, struct erlrc_error *err);

/*
 * The entry for upgrading from (UP non-zero) or downgrading to (UP zero)
 * version VSN, as OTP's systools_relup:appup_search_for_version/2 finds
 * it: the first entry whose string equals VSN, or whose regular
 * expression's first match is the whole of VSN.  NULL if none.
 */
const struct erlrc_appup_entry *erlrc_appup_find(const struct erlrc_appup *a,
    int up, const char *vsn);

#endif
