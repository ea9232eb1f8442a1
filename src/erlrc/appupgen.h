/* SPDX-License-Identifier: GPL-2.0-or-later */
/* appupgen.h - an appup written from two versions' .beam files (DESIGN §7) */
#ifndef ERLRC_APPUPGEN_H
#define ERLRC_APPUPGEN_H

#include <erlrc/buf.h>
#include <erlrc/error.h>
#include <erlrc/term.h>

/*
 * Compare the application APP in OLDDIR and NEWDIR (directories with
 * ebin/APP.app and a .beam for each module the .app lists) and append to
 * OUT (initialised) the appup term {NewVsn, [{OldVsn, Up}], [{OldVsn,
 * Down}]}:
 *  - a module whose MD5 (beam_lib:md5/1) did not change gets nothing;
 *  - an added one {add_module, M}, a removed one {delete_module, M};
 *  - a changed supervisor {update, M, supervisor}, followed by
 *    {apply, {M, sup_upgrade_notify, [Old, New]}} when the new code
 *    exports it (going down, {apply, {M, sup_downgrade_notify, [Old,
 *    New]}} before the update, when the code being left exports it);
 *  - a changed module exporting code_change/3 {update, M, {advanced, []}};
 *  - any other changed module {load_module, M};
 *  - each with DepMods, the added or changed modules it calls, and in an
 *    order where a module comes after those it calls (cycles by name);
 *  - last, {apply, {Mod, version_change, [Old, []]}} when the new
 *    application callback module exports version_change/2 (going down
 *    {apply, {Mod, version_change, [{down, Old}, []]}} when the code being
 *    left does).
 * The downgrade is the same set undone, in reverse order.  Returns 0, or
 * -1 with err set (a missing or bad .app or .beam, named).
 */
int erlrc_appup_generate(struct erlrc_termfile *out, const char *app,
    const char *olddir, const char *newdir, struct erlrc_error *err);

/*
 * Append the appup term APPUP (what erlrc_appup_generate made) to OUT as
 * a file that file:consult/1 reads, an instruction a line.
 */
void erlrc_appup_write(struct erlrc_buf *out,
    const struct erlrc_term *appup);

/* The application of DIR: the one .app file of DIR/ebin (*APP, new). */
int erlrc_appup_app_of(const char *dir, char **app,
    struct erlrc_error *err);

/*
 * Check the hand-written appup FILE for upgrading APP from OLDDIR to
 * NEWDIR: it is well formed (erlrc_appup_read), it upgrades to the new
 * .app's version, it has an up and a down entry for the old version, and
 * each module its instructions name exists where it must (added or
 * loaded: in the version moved to; deleted: in the version left).
 * Returns 0, or -1 with err (ERLRC_ERR_INPUT) naming FILE and the line
 * of the first problem.
 */
int erlrc_appup_check_against(const char *file, const char *app,
    const char *olddir, const char *newdir, struct erlrc_error *err);

#endif
