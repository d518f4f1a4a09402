/* mixmaster tools: synthesis of the EBU Tech 3341/3342 test signals.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "signals.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

float *
tone_sequence (unsigned rate, double frequency_hz,
    const tone_segment * segments, size_t n_segments, size_t *frames)
{
  double total_seconds = 0.0;
  size_t start = 0;
  float *out;

  for (size_t s = 0; s < n_segments; s++)
    total_seconds += segments[s].seconds;
  *frames = (size_t) llround (total_seconds * rate);
  out = calloc (*frames ? *frames : 1, sizeof (float));

  double elapsed = 0.0;
  for (size_t s = 0; s < n_segments; s++) {
    elapsed += segments[s].seconds;
    size_t end = (size_t) llround (elapsed * rate);
    double amplitude = isinf (segments[s].peak_dbfs) ? 0.0 :
        pow (10.0, segments[s].peak_dbfs / 20.0);
    for (size_t i = start; i < end && i < *frames; i++)
      out[i] = (float) (amplitude * sin (2.0 * M_PI * frequency_hz * i / rate));
    start = end;
  }
  return out;
}

float *
interleave_copies (const float *mono, size_t frames, unsigned channels,
    const double *channel_gain_db)
{
  float *out = malloc (frames * channels * sizeof (float) + 1);
  for (unsigned c = 0; c < channels; c++) {
    double gain = channel_gain_db ? pow (10.0, channel_gain_db[c] / 20.0) : 1;
    for (size_t i = 0; i < frames; i++)
      out[i * channels + c] = (float) (gain * mono[i]);
  }
  return out;
}

/* Linear fade-in and fade-out over fade_frames at both ends. */
static void
apply_fades (float *x, size_t frames, size_t fade_frames)
{
  for (size_t i = 0; i < fade_frames && i < frames; i++) {
    float g = (float) i / fade_frames;
    x[i] *= g;
    x[frames - 1 - i] *= g;
  }
}

/* Cases 15-19: x[n] = A sin(2 pi n / div + phase), 10 ms fades (3.5). */
static float *
steady_true_peak_case (unsigned rate, int divisor, double amplitude,
    double phase_deg, size_t *frames)
{
  float *mono;
  *frames = rate;               /* 1 s: "duration does not matter" */
  mono = malloc (*frames * sizeof (float));
  for (size_t n = 0; n < *frames; n++)
    mono[n] = (float) (amplitude * sin (2.0 * M_PI * n / divisor +
            phase_deg * M_PI / 180.0));
  apply_fades (mono, *frames, rate / 100);
  return mono;
}

/* 255-tap Blackman-windowed sinc low-pass, unity DC gain, cut-off
 * `cutoff` in cycles per sample. */
#define LOWPASS_TAPS 255

static void
design_blackman_lowpass (double *h, int taps, double cutoff)
{
  double sum = 0.0;
  int centre = (taps - 1) / 2;
  for (int j = 0; j < taps; j++) {
    double t = j - centre;
    double sinc = t == 0 ? 2.0 * cutoff : sin (2.0 * M_PI * cutoff * t) /
        (M_PI * t);
    double w = 0.42 - 0.5 * cos (2.0 * M_PI * j / (taps - 1)) +
        0.08 * cos (4.0 * M_PI * j / (taps - 1));
    h[j] = sinc * w;
    sum += h[j];
  }
  for (int j = 0; j < taps; j++)
    h[j] /= sum;
}

/* Cases 20-23 (3.5): at 4 fs an fs/6 tone (24 samples a period) at 0.5,
 * one period of fs/4 (16 samples) at 1.0 inserted at a rising zero
 * crossing, the tone resuming at phase 0; low-passed at 0.45 fs and
 * decimated by 4 keeping samples offset + 4 m. */
static float *
burst_true_peak_case (unsigned rate, int offset, size_t *frames)
{
  enum
  { TAPS = LOWPASS_TAPS, PERIOD = 24, BURST = 16 };
  size_t periods = rate / 6, n_hi = 2 * periods * PERIOD + BURST;
  double *hi = calloc (n_hi, sizeof (double)), h[TAPS];
  float *mono;

  for (size_t i = 0; i < n_hi; i++) {
    size_t burst_start = periods * PERIOD;
    if (i < burst_start)
      hi[i] = 0.5 * sin (2.0 * M_PI * (i % PERIOD) / PERIOD);
    else if (i < burst_start + BURST)
      hi[i] = sin (2.0 * M_PI * (i - burst_start) / BURST);
    else
      hi[i] = 0.5 * sin (2.0 * M_PI * ((i - burst_start - BURST) % PERIOD) /
          PERIOD);
  }
  design_blackman_lowpass (h, TAPS, 0.45 / 4.0);

  *frames = (n_hi - offset) / 4;
  mono = calloc (*frames, sizeof (float));
  for (size_t m = 0; m < *frames; m++) {
    size_t centre = offset + 4 * m;
    double acc = 0.0;
    for (int j = 0; j < TAPS; j++) {
      long k = (long) centre + j - TAPS / 2;
      if (k >= 0 && k < (long) n_hi)
        acc += h[j] * hi[k];
    }
    mono[m] = (float) acc;
  }
  free (hi);
  apply_fades (mono, *frames, rate / 100);
  return mono;
}

/* Cases 15-19 (reference section 3.5): divisor, amplitude, phase. */
static const struct
{
  int divisor;
  double amplitude;             /* "0.50 FFS" is -6.0 dBFS, exactly */
  double phase_deg;
} steady_cases[] = {
  {4, 0.501187233627272, 0.0},  /* 15 */
  {4, 0.501187233627272, 45.0}, /* 16 */
  {6, 0.501187233627272, 60.0}, /* 17 */
  {8, 0.501187233627272, 67.5}, /* 18 */
  {4, 1.41, 45.0},              /* 19 */
};

float *
true_peak_case (int case_number, unsigned rate, size_t *frames)
{
  float *mono, *stereo;

  if (case_number >= 15 && case_number <= 19)
    mono = steady_true_peak_case (rate, steady_cases[case_number - 15].divisor,
        steady_cases[case_number - 15].amplitude,
        steady_cases[case_number - 15].phase_deg, frames);
  else if (case_number >= 20 && case_number <= 23)
    mono = burst_true_peak_case (rate, case_number - 20, frames);
  else
    abort ();
  stereo = interleave_copies (mono, *frames, 2, NULL);
  free (mono);
  return stereo;
}

double
noise_uniform (unsigned long long *state)
{
  /* 64-bit LCG (Knuth MMIX constants); the top 53 bits as the fraction. */
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double) (*state >> 11) / 4503599627370496.0 - 1.0;
}

void
lowpass_in_place (float *x, size_t frames, unsigned channels,
    double cutoff_hz, unsigned rate)
{
  double h[LOWPASS_TAPS];
  float *channel = malloc (frames * sizeof (float));
  design_blackman_lowpass (h, LOWPASS_TAPS, cutoff_hz / rate);
  for (unsigned c = 0; c < channels; c++) {
    for (size_t i = 0; i < frames; i++)
      channel[i] = x[i * channels + c];
    for (size_t i = 0; i < frames; i++) {
      double acc = 0.0;
      for (int j = 0; j < LOWPASS_TAPS; j++) {
        long k = (long) i + j - LOWPASS_TAPS / 2;
        if (k >= 0 && k < (long) frames)
          acc += h[j] * channel[k];
      }
      x[i * channels + c] = (float) acc;
    }
  }
  free (channel);
}
