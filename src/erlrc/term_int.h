/* SPDX-License-Identifier: GPL-2.0-or-later */
/* term_int.h - what the term modules share and nobody else uses */
#ifndef ERLRC_TERM_INT_H
#define ERLRC_TERM_INT_H

#include <stdint.h>

#include <erlrc/term.h>

/* The reader, as seen by the binary-syntax parser in term_bits.c. */
struct erlrc_reader;

struct erlrc_term *erlrc_reader_term(struct erlrc_reader *rd,
    int allow_unary);
int erlrc_reader_fail(struct erlrc_reader *rd, unsigned line, unsigned col,
    const char *msg);
/* '<' and '>' stand for "<<" and ">>". */
int erlrc_reader_punct(struct erlrc_reader *rd, int p);
const char *erlrc_reader_atom(struct erlrc_reader *rd, unsigned *line,
    unsigned *col);
int erlrc_reader_syntax_error(struct erlrc_reader *rd);
/* Is the current token a string literal? */
int erlrc_reader_at_string(struct erlrc_reader *rd);
void erlrc_reader_pos(struct erlrc_reader *rd, unsigned *line,
    unsigned *col);
/* The bits in the file's binaries so far, which term_bits.c limits. */
size_t *erlrc_reader_binary_bits(struct erlrc_reader *rd);

/* <<...>> after its "<<": the segments up to and including ">>". */
struct erlrc_term *erlrc_term_parse_binary(struct erlrc_termfile *tf,
    struct erlrc_reader *rd, unsigned line, unsigned col);

/* A growing array of terms (V owned, free(v) when done), copied to the
 * termfile's arena once complete. */
struct erlrc_term_vec {
	struct erlrc_term **v;
	size_t n, cap;
};

#define ERLRC_TERM_VEC_INIT { NULL, 0, 0 }

void erlrc_term_vec_push(struct erlrc_term_vec *s, struct erlrc_term *t);

int erlrc_term_is_reserved(const char *s, size_t len);
void erlrc_term_add_utf8(struct erlrc_buf *b, uint32_t c);
/* Decode one code point of UTF-8 text at *s (advanced); -1 when bad. */
int32_t erlrc_term_next_utf8(const char **s, const char *end);

#endif
