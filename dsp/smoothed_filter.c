/* mixmaster DSP core: filters with smoothed design parameters.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "smoothed_filter.h"

#include <string.h>

#define RAMP_MS 20.0
/* a low-pass at or above this fraction of the rate is out, and no
 * frequency is designed above it */
#define TOP_FRACTION 0.45

void
smoothed_filter_init (smoothed_filter * f, filter_kind kind, double freq_hz,
    double gain_db, double q, double rate_hz)
{
  memset (f, 0, sizeof (*f));
  f->kind = kind;
  f->rate = rate_hz;
  f->order = 1;
  smoother_init (&f->freq, freq_hz, RAMP_MS, rate_hz);
  smoother_init (&f->gain, gain_db, RAMP_MS, rate_hz);
  smoother_init (&f->q, q, RAMP_MS, rate_hz);
}

void
smoothed_filter_set_targets (smoothed_filter * f, double freq_hz,
    double gain_db, double q)
{
  smoother_set_target (&f->freq, freq_hz);
  smoother_set_target (&f->gain, gain_db);
  smoother_set_target (&f->q, q);
}

void
smoothed_filter_set_order (smoothed_filter * f, unsigned order)
{
  f->order = order < 1 ? 1 : order > EQ_MAX_BUTTERWORTH_SECTIONS ?
      EQ_MAX_BUTTERWORTH_SECTIONS : order;
}

bool
smoothed_filter_is_settled (const smoothed_filter * f)
{
  return smoother_is_settled (&f->freq) && smoother_is_settled (&f->gain) &&
      smoother_is_settled (&f->q);
}

void
smoothed_filter_clear (smoothed_filter * f)
{
  memset (f->history, 0, sizeof (f->history));
}

static bool
wanted (const smoothed_filter * f)
{
  double freq = f->freq.value;
  switch (f->kind) {
    case FILTER_HIGHPASS:
      return freq >= 1.0;
    case FILTER_LOWPASS:
      return freq > 0.0 && freq < TOP_FRACTION * f->rate;
    default:
      return f->gain.value != 0.0;
  }
}

static void
design (smoothed_filter * f)
{
  double freq = f->freq.value, rate = f->rate;

  if (freq > TOP_FRACTION * rate)
    freq = TOP_FRACTION * rate;
  f->sections = 1;
  switch (f->kind) {
    case FILTER_HIGHPASS:
      f->sections = f->order;
      eq_design_butterworth_highpass (f->c, f->order, freq, rate);
      break;
    case FILTER_LOWPASS:
      eq_design_butterworth_lowpass (f->c, 1, freq, rate);
      break;
    case FILTER_LOW_SHELF:
      eq_design_low_shelf (f->c, freq, EQ_BUTTERWORTH_Q, f->gain.value, rate);
      break;
    case FILTER_PEAKING:
      eq_design_peaking (f->c, freq, f->q.value, f->gain.value, rate);
      break;
    case FILTER_HIGH_SHELF:
      eq_design_high_shelf (f->c, freq, EQ_BUTTERWORTH_Q, f->gain.value, rate);
      break;
    case FILTER_TILT:
      f->sections = eq_design_tilt (f->c, f->gain.value, freq, rate);
      break;
  }
}

void
smoothed_filter_advance (smoothed_filter * f, size_t n)
{
  bool moving = !smoothed_filter_is_settled (f);
  bool was_active = f->active;

  smoother_advance (&f->freq, n);
  smoother_advance (&f->gain, n);
  smoother_advance (&f->q, n);
  f->active = wanted (f);
  if (f->active && (moving || !was_active ||
          (f->kind == FILTER_HIGHPASS && f->sections != f->order)))
    design (f);
  f->active = f->active && f->sections > 0;
}

void
smoothed_filters_run (smoothed_filter * const *filters, int count,
    biquad_history * input, double *frames, unsigned channels, size_t n)
{
  biquad_cascade cascade = {.sections = 0,.history = {input} };
  const biquad_history *before = input;

  for (int f = 0; f < count; f++)
    for (unsigned k = 0; filters[f]->active && k < filters[f]->sections &&
        cascade.sections < BIQUAD_CASCADE_MAX_SECTIONS; k++) {
      cascade.coeffs[cascade.sections] = &filters[f]->c[k];
      cascade.history[++cascade.sections] = filters[f]->history[k];
    }
  biquad_cascade_process (&cascade, frames, channels, n);
  for (int f = 0; f < count; f++) {
    smoothed_filter *filter = filters[f];
    unsigned k = filter->active ? filter->sections : 0;
    if (filter->active)
      before = filter->history[filter->sections - 1];
    for (; k < SMOOTHED_FILTER_MAX_SECTIONS; k++)
      memcpy (filter->history[k], before, sizeof (filter->history[k]));
  }
}
