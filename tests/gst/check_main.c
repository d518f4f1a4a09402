/* The main () of every element test program.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "check_main.h"

int
check_main_run (Suite * suite)
{
  SRunner *runner = srunner_create (suite);
  int ran, failed;

  srunner_run_all (runner, CK_NORMAL);
  ran = srunner_ntests_run (runner);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  if (ran == 0) {
    g_printerr ("no test case matches GST_CHECKS=%s\n",
        g_getenv ("GST_CHECKS"));
    return 1;
  }
  return failed == 0 ? 0 : 1;
}
