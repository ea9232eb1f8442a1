/* SPDX-License-Identifier: GPL-2.0-or-later */
/* beam.h - what erlrc reads of a compiled module (.beam) */
#ifndef ERLRC_BEAM_H
#define ERLRC_BEAM_H

#include <stddef.h>

#include <erlrc/error.h>
#include <erlrc/term.h>

/* An exported function. */
struct erlrc_beam_fa {
	const char *name;
	unsigned arity;
};

/* An imported function: what the module calls in another module. */
struct erlrc_beam_mfa {
	const char *module;
	const char *name;
	unsigned arity;
};

/*
 * A .beam file (plain, or gzip-compressed as the compiler's
 * `compressed` option writes it).  Every string and term is owned by tf
 * and freed by erlrc_beam_destroy; atoms are UTF-8.
 */
struct erlrc_beam {
	struct erlrc_termfile tf;
	const char *file;		/* for messages */
	const char *module;		/* the first atom */
	const char **atoms;		/* AtU8 or Atom, in table order */
	size_t natoms;
	struct erlrc_beam_fa *exports;	/* ExpT */
	size_t nexports;
	struct erlrc_beam_mfa *imports;	/* ImpT */
	size_t nimports;
	/* Attr, decoded: [{Key, Value}], [] when the chunk is absent */
	const struct erlrc_term *attributes;
	const struct erlrc_term *vsn;	/* the vsn attribute's value, or NULL */
	const char **behaviours;	/* behaviour and behavior attributes */
	size_t nbehaviours;
	unsigned char md5[16];		/* what beam_lib:md5/1 returns */
	/*
	 * The same MD5, but for the literal table, which is read as the
	 * text of each literal with the directory the module was built in
	 * (CInf's source less its last two components) taken out, when
	 * that directory is in it: two builds of one source in two places
	 * that differ only by ?FILE have one path_md5.  Else md5 itself.
	 */
	unsigned char path_md5[16];
};

void erlrc_beam_init(struct erlrc_beam *b);
void erlrc_beam_destroy(struct erlrc_beam *b);

/*
 * Read the .beam file PATH into B (initialised).  Returns 0, or -1 with
 * err set (ERLRC_ERR_INPUT naming the file, and the chunk where there is
 * one, for truncated or corrupt data; ERLRC_ERR_NOTFOUND or
 * ERLRC_ERR_SYSTEM when the file cannot be read).
 */
int erlrc_beam_read(struct erlrc_beam *b, const char *path,
    struct erlrc_error *err);

/*
 * Module MODULE of the application directory DIR, DIR/ebin/MODULE.beam,
 * read into a new struct that erlrc_beam_free frees.  NULL with err set
 * as erlrc_beam_read sets it.
 */
struct erlrc_beam *erlrc_beam_load(const char *dir, const char *module,
    struct erlrc_error *err);
void erlrc_beam_free(struct erlrc_beam *b);

/* The same from the LEN bytes at DATA; NAME is the file name for messages. */
int erlrc_beam_parse(struct erlrc_beam *b, const char *name,
    const unsigned char *data, size_t len, struct erlrc_error *err);

/* Does B export NAME/ARITY? */
int erlrc_beam_exports(const struct erlrc_beam *b, const char *name,
    unsigned arity);
/* Does B declare the behaviour NAME (-behaviour or -behavior)? */
int erlrc_beam_has_behaviour(const struct erlrc_beam *b, const char *name);

#endif
