/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.h - erlrc's settings: ETC/erlrc.yaml */
#ifndef ERLRC_CONFIG_H
#define ERLRC_CONFIG_H

#include <stddef.h>

#include <erlrc/error.h>

/* How the application controller treats an application that stops. */
enum erlrc_start_type {
	ERLRC_START_TEMPORARY,
	ERLRC_START_TRANSIENT,
	ERLRC_START_PERMANENT,
};

/* What to do when an upgrade fails past the point of no return. */
enum erlrc_on_failure {
	ERLRC_ON_FAILURE_RESUME,	/* resume the suspended processes */
	ERLRC_ON_FAILURE_RESTART,	/* resume them, restart the app */
};

/* Defaults, in milliseconds, and the largest value of every duration. */
#define ERLRC_CONFIG_TIMEOUT_MS 30000u
#define ERLRC_CONFIG_LOCK_TIMEOUT_MS 60000u
#define ERLRC_CONFIG_BOOT_WAIT_MS 60000u
#define ERLRC_CONFIG_SETTLE_MS 1000u
#define ERLRC_CONFIG_MAX_MS 86400000u

/*
 * A duration in seconds, S (LEN bytes), as erlrc.yaml and the command
 * line both take it: an integer or a decimal with at most three decimals,
 * in plain digits (YAML 1.1's 010, 1_000, 0x10 and 1e3 are refused rather
 * than guessed at), above 0 unless ZERO_OK, at most ERLRC_CONFIG_MAX_MS.
 * Returns NULL with *MS set, or what is wrong.
 */
const char *erlrc_config_seconds(const char *s, size_t len, int zero_ok,
    unsigned *ms);
#define ERLRC_CONFIG_LIB_DIR "/usr/lib/erlang/lib"

/* Settings of one application (the "applications" mapping). */
struct erlrc_config_app {
	char *name;
	int has_start_type;	/* else the global start_type applies */
	enum erlrc_start_type start_type;
};

/* Everything erlrc.yaml sets; the struct owns every string. */
struct erlrc_config {
	unsigned timeout_ms;		/* all of a run's work on one node */
	unsigned lock_timeout_ms;	/* wait for another erlrc run */
	unsigned boot_wait_ms;		/* erlrc-boot: wait for a node */
	unsigned settle_ms;	/* watch an upgraded application this long */
	char **lib_dirs;	/* as written: target-system absolute paths */
	size_t nlib_dirs;
	enum erlrc_start_type start_type;
	enum erlrc_on_failure on_failure;
	struct erlrc_config_app *apps;	/* sorted by name (strcmp) */
	size_t napps;
};

/* The defaults; release with erlrc_config_destroy. */
void erlrc_config_init(struct erlrc_config *c);
void erlrc_config_destroy(struct erlrc_config *c);

/* Read the file PATH into c; a missing file leaves the defaults. */
int erlrc_config_read(struct erlrc_config *c, const char *path,
    struct erlrc_error *err);
/* Parse TEXT (LEN bytes) into c; NAME is the file name for messages. */
int erlrc_config_parse(struct erlrc_config *c, const char *name,
    const char *text, size_t len, struct erlrc_error *err);

/* The settings of APP, or NULL when erlrc.yaml has none. */
const struct erlrc_config_app *erlrc_config_app(const struct erlrc_config *c,
    const char *app);
/* The start type of APP: its own setting, else the global one. */
enum erlrc_start_type erlrc_config_start_type(const struct erlrc_config *c,
    const char *app);
/* "temporary", "transient" or "permanent": the Erlang atom. */
const char *erlrc_start_type_name(enum erlrc_start_type t);
/* "resume" or "restart". */
const char *erlrc_on_failure_name(enum erlrc_on_failure f);

#endif
