/* placeholder until the module lands */
#include "suites.h"
Suite *
erlrc_test_order_suite(void)
{
	return suite_create("order");
}
