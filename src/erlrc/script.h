/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script.h - what a release handler's low-level script names */
#ifndef ERLRC_SCRIPT_H
#define ERLRC_SCRIPT_H

#include <erlrc/term.h>

/*
 * Does the low-level SCRIPT (what systools_rc:translate_scripts/4
 * gives) name module MODULE in an instruction OP: {load, {M, Pre, Post}},
 * {remove, {M, Pre, Post}} or {suspend, [M | {M, Timeout}]}?
 */
int erlrc_script_names(const struct erlrc_term *script, const char *op,
    const char *module);

#endif
