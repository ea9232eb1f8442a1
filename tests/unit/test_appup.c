/* placeholder until the module lands */
#include "suites.h"
Suite *
erlrc_test_appup_suite(void)
{
	return suite_create("appup");
}
