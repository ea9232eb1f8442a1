/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c - run every unit-test suite of the erlrc library */
#include <stdlib.h>

#include <check.h>

#include "suites.h"

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(erlrc_test_term_suite());
	srunner_add_suite(sr, erlrc_test_term_ei_suite());
	srunner_add_suite(sr, erlrc_test_app_suite());
	srunner_add_suite(sr, erlrc_test_appup_suite());
	srunner_add_suite(sr, erlrc_test_rel_suite());
	srunner_add_suite(sr, erlrc_test_registry_suite());
	srunner_add_suite(sr, erlrc_test_config_suite());
	srunner_add_suite(sr, erlrc_test_dpkg_suite());
	srunner_add_suite(sr, erlrc_test_order_suite());
	srunner_add_suite(sr, erlrc_test_tree_suite());
	srunner_add_suite(sr, erlrc_test_lock_suite());
	srunner_add_suite(sr, erlrc_test_nodeproc_suite());
	srunner_add_suite(sr, erlrc_test_beam_suite());
	srunner_add_suite(sr, erlrc_test_spec_suite());
	srunner_add_suite(sr, erlrc_test_debpkg_suite());
	srunner_add_suite(sr, erlrc_test_subproc_suite());
	srunner_add_suite(sr, erlrc_test_basedeb_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
