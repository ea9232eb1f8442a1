/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stalecheck.h - does a node run code older than what is installed? */
#ifndef ERLRC_STALECHECK_H
#define ERLRC_STALECHECK_H

#include <erlrc/error.h>
#include <erlrc/host.h>
#include <erlrc/live.h>
#include <erlrc/log.h>

/*
 * The way needrestart looks at processes: every module loaded on node L
 * from a file outside erlrc's copies (applications erlrc does not manage:
 * OTP's own, Debian's erlang-* libraries) is compared with that file, by
 * the MD5 that beam_lib:md5/1 computes.  A file that changed since the
 * module was loaded (dpkg renamed a new one over it) or is gone (a new
 * version went into another directory) means the node runs code older
 * than what is installed: one warning to LOG per application, naming it,
 * its modules and what to do; *NAPPS counts them.  Returns 0, or -1 with
 * err set when the node could not be read.
 */
int erlrc_stalecheck_node(struct erlrc_host *h, struct erlrc_live *l,
    const struct erlrc_log *log, size_t *napps, struct erlrc_error *err);

#endif
