/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nodecall - test tool: one call on a node through erlrc's node.c, so
 * tests can see its deadline and its messages.
 *   nodecall NODE COOKIEFILE TIMEOUT_MS MOD FUN [ARG...]
 * Each ARG is an integer if it is all digits, else an atom.  Prints the
 * reply as Erlang text; exits with the status the error calls for (0 for
 * a node not running), the message on stderr as "nodecall: CODE: MSG". */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include <erlrc/buf.h>
#include <erlrc/node.h>
#include <erlrc/registry.h>
#include <erlrc/report.h>

static const char *
code_name(enum erlrc_errcode code)
{
	switch (code) {
	case ERLRC_ERR_NODEDOWN:
		return "nodedown";
	case ERLRC_ERR_REFUSED:
		return "refused";
	case ERLRC_ERR_FAILED:
		return "failed";
	default:
		return "other";
	}
}

static int
all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

int
main(int argc, char **argv)
{
	struct erlrc_conn c = ERLRC_CONN_INIT;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf out = ERLRC_BUF_INIT;
	struct erlrc_termfile tf;
	struct erlrc_term *reply;
	char *cookie = NULL;
	ei_x_buff args;
	int i, ret = 2;

	if (argc < 6) {
		fprintf(stderr, "usage: nodecall NODE COOKIEFILE TIMEOUT_MS "
		    "MOD FUN [ARG...]\n");
		return 2;
	}
	erlrc_termfile_init(&tf);
	ei_x_new(&args);
	if (argc > 6)
		ei_x_encode_list_header(&args, argc - 6);
	for (i = 6; i < argc; i++) {
		if (all_digits(argv[i]))
			ei_x_encode_long(&args, atol(argv[i]));
		else
			ei_x_encode_atom(&args, argv[i]);
	}
	ei_x_encode_empty_list(&args);
	if (erlrc_node_read_cookie_file(argv[2], &cookie, &err) < 0 ||
	    erlrc_node_connect(&c, argv[1], cookie, (unsigned)atoi(argv[3]),
	    &err) < 0 ||
	    erlrc_node_call(&c, argv[4], argv[5], &args, &tf, &reply,
	    &err) < 0) {
		fprintf(stderr, "nodecall: %s: %s\n", code_name(err.code),
		    err.msg);
		ret = erlrc_report_status(&err);
		goto out;
	}
	erlrc_term_write(&out, reply);
	printf("%s\n", erlrc_buf_str(&out));
	ret = 0;
out:
	erlrc_node_close(&c);
	erlrc_node_free_cookie(cookie);
	ei_x_free(&args);
	erlrc_buf_destroy(&out);
	erlrc_termfile_destroy(&tf);
	return ret;
}
