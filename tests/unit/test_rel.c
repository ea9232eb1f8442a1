/* placeholder until the module lands */
#include "suites.h"
Suite *
erlrc_test_rel_suite(void)
{
	return suite_create("rel");
}
