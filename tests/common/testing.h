/* mixmaster tests: a minimal harness for the plain-C tests of dsp/.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A test program holds named cases; `prog` runs all of them, `prog NAME`
 * runs one (meson registers each case as its own test). Every check prints
 * what it compared, so a failure log says which number was off by how much.
 */
#ifndef MIXMASTER_TESTING_H
#define MIXMASTER_TESTING_H

#include <stdbool.h>
#include <stddef.h>

typedef struct
{
  const char *name;
  void (*run) (void);
} test_case;

bool check_true (const char *file, int line, const char *what, bool ok);
bool check_near (const char *file, int line, const char *what,
    double actual, double expected, double tolerance);
bool check_range (const char *file, int line, const char *what,
    double actual, double low, double high);

#define CHECK(cond) check_true (__FILE__, __LINE__, #cond, (cond))
#define CHECK_NEAR(actual, expected, tolerance) \
  check_near (__FILE__, __LINE__, #actual, (actual), (expected), (tolerance))
#define CHECK_RANGE(actual, low, high) \
  check_range (__FILE__, __LINE__, #actual, (actual), (low), (high))

/* Runs the case named by argv[1], or all; exit status 0 only if all pass. */
int run_tests (int argc, char **argv, const test_case * cases, size_t n);

#define TEST_MAIN(cases) \
  int main (int argc, char **argv) \
  { return run_tests (argc, argv, cases, sizeof (cases) / sizeof (cases[0])); }

/* Quiet checks for loops: only failures print; turning verbosity back on
 * prints the count, and a quiet stretch that ran no check fails. */
void testing_set_verbose (bool verbose);

#endif
