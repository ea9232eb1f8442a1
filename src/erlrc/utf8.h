/* SPDX-License-Identifier: GPL-2.0-or-later */
/* utf8.h - UTF-8 text as Erlang takes it in atoms */
#ifndef ERLRC_UTF8_H
#define ERLRC_UTF8_H

#include <stddef.h>

/*
 * The characters of the LEN bytes at S, or -1 unless they are UTF-8 as
 * the loader and binary_to_term/1 take it in an atom: no overlong forms,
 * no surrogates, nothing past U+10FFFF.
 */
long erlrc_utf8_chars(const unsigned char *s, size_t len);

#endif
