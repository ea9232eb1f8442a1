/* fuzz_models.c - libFuzzer target: the .app, .appup and .rel checks on
 * whatever terms the reader accepts */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <erlrc/app.h>
#include <erlrc/appup.h>
#include <erlrc/buf.h>
#include <erlrc/rel.h>
#include <erlrc/term.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The .app file name the input calls for: NAME.app when it starts with
 * {application, NAME, ...}, so the key checks are reached and not only
 * the name check.
 */
static void
app_name(const char *text, size_t len, struct erlrc_buf *name)
{
	struct erlrc_termfile tf;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	const struct erlrc_term *t;

	erlrc_buf_adds(name, "fuzz.app");
	erlrc_termfile_init(&tf);
	if (erlrc_term_parse(&tf, "fuzz", text, len, &err) == 0 &&
	    tf.nterms > 0) {
		t = tf.terms[0];
		if (erlrc_term_is_tagged(t, "application", 3) &&
		    t->u.seq.v[1]->type == ERLRC_TERM_ATOM &&
		    !strchr(t->u.seq.v[1]->u.text.s, '/')) {
			erlrc_buf_reset(name);
			erlrc_buf_addf(name, "%s.app",
			    t->u.seq.v[1]->u.text.s);
		}
	}
	erlrc_termfile_destroy(&tf);
}

/* Each model either accepts the input or refuses it with a message. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct erlrc_error err = ERLRC_ERROR_INIT;
	struct erlrc_buf name = ERLRC_BUF_INIT;
	struct erlrc_app app;
	struct erlrc_appup appup;
	struct erlrc_rel rel;

	app_name(text, size, &name);
	erlrc_app_init(&app);
	if (erlrc_app_parse(&app, erlrc_buf_str(&name), text, size, &err) < 0
	    && err.msg[0] == '\0')
		__builtin_trap();
	erlrc_app_destroy(&app);
	erlrc_buf_destroy(&name);

	erlrc_error_clear(&err);
	erlrc_appup_init(&appup);
	if (erlrc_appup_parse(&appup, "fuzz.appup", text, size, &err) < 0 &&
	    err.msg[0] == '\0')
		__builtin_trap();
	if (appup.nup > 0)
		(void)erlrc_appup_find(&appup, 1, "1.0");
	erlrc_appup_destroy(&appup);

	erlrc_error_clear(&err);
	erlrc_rel_init(&rel);
	if (erlrc_rel_parse(&rel, "fuzz.rel", text, size, &err) < 0 &&
	    err.msg[0] == '\0')
		__builtin_trap();
	erlrc_rel_destroy(&rel);
	return 0;
}
