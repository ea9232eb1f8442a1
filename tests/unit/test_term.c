/* placeholder until the module lands */
#include "suites.h"
Suite *
erlrc_test_term_suite(void)
{
	return suite_create("term");
}
