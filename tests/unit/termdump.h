/* SPDX-License-Identifier: GPL-2.0-or-later */
/* termdump.h - struct erlrc_term as text that shows how it is stored */
#ifndef ERLRC_TEST_TERMDUMP_H
#define ERLRC_TEST_TERMDUMP_H

#include <erlrc/buf.h>
#include <erlrc/term.h>

/*
 * Append T to B as 1, big:1..., f:1.5, 'atom', "string", [], [1,2|tail],
 * {a}, #{k=>v}, bin:NBITS:HEX, fun(m,f,1) or opaque:TEXT, with control
 * characters and '<' in text as <HEX>.  Fails the test case when T breaks
 * what term.h promises of how terms are stored.
 */
void erlrc_test_term_dump(struct erlrc_buf *b, const struct erlrc_term *t);

#endif
