/* mixmaster DSP core: a three-band Linkwitz-Riley crossover.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "crossover.h"

#include "range.h"

#include <stdlib.h>
#include <string.h>

#include "biquad_cascade.h"
#include "eq_design.h"

#define MIN_HZ 10.0
#define MAX_FRACTION 0.45

/* One path of the network: biquad sections in series with their
 * junction histories. */
typedef struct
{
  unsigned sections;
  biquad_coeffs c[3];
  biquad_history history[4][CROSSOVER_MAX_CHANNELS];
} path;

struct crossover
{
  unsigned channels;
  double rate;
  /* low: LP(low)^2 then AP(high); rest: HP(low)^2; mid: LP(high)^2 of the
   * rest; high: HP(high)^2 of the rest */
  path low, rest, mid, high;
};

crossover *
crossover_new (unsigned channels, unsigned rate_hz)
{
  crossover *x;

  if (channels < 1 || channels > CROSSOVER_MAX_CHANNELS || rate_hz < 1000.0)
    return NULL;
  x = calloc (1, sizeof (*x));
  if (!x)
    return NULL;
  x->channels = channels;
  x->rate = rate_hz;
  x->low.sections = 3;
  x->rest.sections = x->mid.sections = x->high.sections = 2;
  crossover_set_frequencies (x, 200.0, 3000.0);
  return x;
}

void
crossover_free (crossover * x)
{
  free (x);
}

void
crossover_reset (crossover * x)
{
  memset (x->low.history, 0, sizeof (x->low.history));
  memset (x->rest.history, 0, sizeof (x->rest.history));
  memset (x->mid.history, 0, sizeof (x->mid.history));
  memset (x->high.history, 0, sizeof (x->high.history));
}

void
crossover_set_frequencies (crossover * x, double low_hz, double high_hz)
{
  double top = MAX_FRACTION * x->rate;
  double low = range_clamp (low_hz < high_hz ? low_hz : high_hz, MIN_HZ, top);
  double high = range_clamp (low_hz < high_hz ? high_hz : low_hz, MIN_HZ, top);

  for (int k = 0; k < 2; k++) {
    eq_design_lowpass (&x->low.c[k], low, EQ_BUTTERWORTH_Q, x->rate);
    eq_design_highpass (&x->rest.c[k], low, EQ_BUTTERWORTH_Q, x->rate);
    eq_design_lowpass (&x->mid.c[k], high, EQ_BUTTERWORTH_Q, x->rate);
    eq_design_highpass (&x->high.c[k], high, EQ_BUTTERWORTH_Q, x->rate);
  }
  eq_design_allpass (&x->low.c[2], high, EQ_BUTTERWORTH_Q, x->rate);
}

/* The path over the frames in place. */
static void
run (const crossover * x, path * p, double *frames, size_t n)
{
  biquad_cascade cascade = {.sections = p->sections };

  for (unsigned k = 0; k < p->sections; k++)
    cascade.coeffs[k] = &p->c[k];
  for (unsigned j = 0; j <= p->sections; j++)
    cascade.history[j] = p->history[j];
  biquad_cascade_process (&cascade, frames, x->channels, n);
}

void
crossover_split (crossover * x, const double *in, double *low, double *mid,
    double *high, size_t n)
{
  const size_t count = n * x->channels;

  /* high holds the rest first, so `in` may be any output */
  memmove (high, in, count * sizeof (double));
  if (low != in)
    memcpy (low, high, count * sizeof (double));
  run (x, &x->low, low, n);
  run (x, &x->rest, high, n);
  memcpy (mid, high, count * sizeof (double));
  run (x, &x->mid, mid, n);
  run (x, &x->high, high, n);
}
