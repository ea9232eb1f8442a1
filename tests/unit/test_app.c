/* placeholder until the module lands */
#include "suites.h"
Suite *
erlrc_test_app_suite(void)
{
	return suite_create("app");
}
