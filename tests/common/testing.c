/* mixmaster tests: a minimal harness for the plain-C tests of dsp/.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "testing.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int failures;
static bool verbose = true;
static int quiet_checks;

/* Turning verbosity back on reports how many checks ran quietly; a quiet
 * stretch that ran none is a failure (its loops never executed). */
void
testing_set_verbose (bool v)
{
  if (v && !verbose) {
    printf ("  %s %d checks passed quietly\n",
        quiet_checks > 0 ? "ok  " : "FAIL", quiet_checks);
    if (quiet_checks == 0)
      failures++;
  }
  if (!v)
    quiet_checks = 0;
  verbose = v;
}

/* Prints a check (always if verbose, else only when it fails) and counts
 * the failure. */
static bool
record (bool ok, const char *file, int line, const char *what,
    const char *detail)
{
  if (!ok || verbose)
    printf ("  %s %s:%d: %s%s\n", ok ? "ok  " : "FAIL", file, line, what,
        detail);
  if (!ok)
    failures++;
  else if (!verbose)
    quiet_checks++;
  return ok;
}

bool
check_true (const char *file, int line, const char *what, bool ok)
{
  return record (ok, file, line, what, "");
}

bool
check_near (const char *file, int line, const char *what, double actual,
    double expected, double tolerance)
{
  char detail[128];
  snprintf (detail, sizeof (detail), " = %.4f, expected %.4f +- %g", actual,
      expected, tolerance);
  return record (fabs (actual - expected) <= tolerance, file, line, what,
      detail);
}

bool
check_range (const char *file, int line, const char *what, double actual,
    double low, double high)
{
  char detail[128];
  snprintf (detail, sizeof (detail), " = %.4f, expected in [%.4f, %.4f]",
      actual, low, high);
  return record (actual >= low && actual <= high, file, line, what, detail);
}

int
run_tests (int argc, char **argv, const test_case * cases, size_t n)
{
  int ran = 0, failed_cases = 0;

  for (size_t i = 0; i < n; i++) {
    if (argc > 1 && strcmp (argv[1], cases[i].name) != 0)
      continue;
    int before = failures;
    printf ("%s\n", cases[i].name);
    cases[i].run ();
    testing_set_verbose (true);
    ran++;
    if (failures != before) {
      failed_cases++;
      printf ("FAIL %s\n", cases[i].name);
    } else {
      printf ("PASS %s\n", cases[i].name);
    }
  }
  if (ran == 0) {
    printf ("no test named '%s'\n", argc > 1 ? argv[1] : "");
    return 1;
  }
  return failed_cases == 0 ? 0 : 1;
}
