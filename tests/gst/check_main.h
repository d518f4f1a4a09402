/* The main () of every element test program.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_CHECK_MAIN_H
#define MIXMASTER_CHECK_MAIN_H

#include <gst/check/gstcheck.h>

/* Runs the suite's cases that GST_CHECKS names (all without it), as
 * GST_CHECK_MAIN does, but fails when that names no case: a test renamed
 * in the code and not in meson.build must not pass by running nothing. */
int check_main_run (Suite * suite);

#define CHECK_MAIN(name)                      \
  int                                         \
  main (int argc, char **argv)                \
  {                                           \
    gst_check_init (&argc, &argv);            \
    return check_main_run (name##_suite ());  \
  }

#endif
