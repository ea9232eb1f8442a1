/* SPDX-License-Identifier: GPL-2.0-or-later */
/* suites.h - one check suite per library module */
#ifndef ERLRC_TEST_SUITES_H
#define ERLRC_TEST_SUITES_H

#include <check.h>

Suite *erlrc_test_term_suite(void);
Suite *erlrc_test_term_ei_suite(void);
Suite *erlrc_test_app_suite(void);
Suite *erlrc_test_appup_suite(void);
Suite *erlrc_test_rel_suite(void);
Suite *erlrc_test_registry_suite(void);
Suite *erlrc_test_config_suite(void);
Suite *erlrc_test_dpkg_suite(void);
Suite *erlrc_test_order_suite(void);
Suite *erlrc_test_tree_suite(void);
Suite *erlrc_test_lock_suite(void);
Suite *erlrc_test_nodeproc_suite(void);
Suite *erlrc_test_beam_suite(void);
Suite *erlrc_test_spec_suite(void);
Suite *erlrc_test_debpkg_suite(void);
Suite *erlrc_test_subproc_suite(void);
Suite *erlrc_test_basedeb_suite(void);

#endif
