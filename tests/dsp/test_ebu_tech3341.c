/* EBU Tech 3341 minimum-requirements cases 1-6 and 9-23, synthesized.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Tolerances are the Tech document's: +-0.1 LU for M, S and I,
 * +0.2/-0.4 dB for true peak. Expected values of the synthesized signals
 * (which differ from the official 16-bit files by dither) are what an
 * independent meter (libebur128) reads on them: case 1 is -22.993 LUFS at
 * 48 kHz, as the K-weighting gain at 1000 Hz is +0.698 dB.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "loudness_meter.h"
#include "signals.h"
#include "testing.h"

#define RATE 48000
#define LU_TOLERANCE 0.1

static const double surround_5_0_weights[5] = { 1.0, 1.0, 1.0, 1.41, 1.41 };

/* Stereo 1 kHz tone sequence, measured in one go. */
static loudness_meter *
measure_stereo_tones (unsigned rate, const tone_segment * segments,
    size_t n_segments)
{
  size_t frames;
  float *mono = tone_sequence (rate, 1000.0, segments, n_segments, &frames);
  float *stereo = interleave_copies (mono, frames, 2, NULL);
  loudness_meter *m = loudness_meter_new (2, rate);

  loudness_meter_add_f32 (m, stereo, frames);
  free (mono);
  free (stereo);
  return m;
}

static void
check_steady_tone (double dbfs)
{
  const tone_segment tone[] = { {20.0, dbfs} };
  unsigned rates[] = { 44100, 48000 };
  for (size_t r = 0; r < 2; r++) {
    loudness_meter *m = measure_stereo_tones (rates[r], tone, 1);
    printf (" at %u Hz\n", rates[r]);
    CHECK_NEAR (loudness_meter_momentary (m), dbfs, LU_TOLERANCE);
    CHECK_NEAR (loudness_meter_short_term (m), dbfs, LU_TOLERANCE);
    CHECK_NEAR (loudness_meter_integrated (m), dbfs, LU_TOLERANCE);
    /* The reference meter reads -22.993 (48 k) for a 1 kHz tone at -23. */
    CHECK_NEAR (loudness_meter_integrated (m), dbfs + 0.007, 0.005);
    loudness_meter_free (m);
  }
}

static void
case_1 (void)
{
  check_steady_tone (-23.0);
}

static void
case_2 (void)
{
  check_steady_tone (-33.0);
}

static void
check_integrated (const tone_segment * segments, size_t n, double reference)
{
  loudness_meter *m = measure_stereo_tones (RATE, segments, n);
  CHECK_NEAR (loudness_meter_integrated (m), -23.0, LU_TOLERANCE);
  /* independent reference meter on the same synthesis */
  CHECK_NEAR (loudness_meter_integrated (m), reference, 0.01);
  loudness_meter_free (m);
}

static void
case_3 (void)
{
  const tone_segment s[] = { {10, -36}, {60, -23}, {10, -36} };
  check_integrated (s, 3, -23.014);
}

static void
case_4 (void)
{
  const tone_segment s[] = { {10, -72}, {10, -36}, {60, -23}, {10, -36},
  {10, -72}
  };
  check_integrated (s, 5, -23.014);
}

static void
case_5 (void)
{
  const tone_segment s[] = { {20, -26}, {20.1, -20}, {20, -26} };
  check_integrated (s, 3, -22.979);
}

static void
case_6 (void)
{
  const tone_segment tone[] = { {20.0, 0.0} };
  const double levels[5] = { -28.0, -28.0, -24.0, -30.0, -30.0 };
  size_t frames;
  float *mono = tone_sequence (RATE, 1000.0, tone, 1, &frames);
  float *five = interleave_copies (mono, frames, 5, levels);
  loudness_meter *m = loudness_meter_new (5, RATE);

  for (unsigned ch = 0; ch < 5; ch++)
    loudness_meter_set_channel_weight (m, ch, surround_5_0_weights[ch]);
  loudness_meter_add_f32 (m, five, frames);
  CHECK_NEAR (loudness_meter_integrated (m), -23.0, LU_TOLERANCE);
  CHECK_NEAR (loudness_meter_integrated (m), -23.016, 0.01);
  loudness_meter_free (m);
  free (mono);
  free (five);
}

/* Feeds a stereo tone sequence in chunks of chunk_ms, calling `check`
 * after every chunk with the time reached. */
static void
feed_in_chunks (const tone_segment * segments, size_t n, double chunk_ms,
    void (*check) (loudness_meter *, double, void *), void *data)
{
  size_t frames;
  float *mono = tone_sequence (RATE, 1000.0, segments, n, &frames);
  float *stereo = interleave_copies (mono, frames, 2, NULL);
  loudness_meter *m = loudness_meter_new (2, RATE);
  size_t chunk = (size_t) (chunk_ms * RATE / 1000.0);

  for (size_t pos = 0; pos < frames; pos += chunk) {
    size_t k = frames - pos < chunk ? frames - pos : chunk;
    loudness_meter_add_f32 (m, stereo + 2 * pos, k);
    check (m, (double) (pos + k) / RATE, data);
  }
  loudness_meter_free (m);
  free (mono);
  free (stereo);
}

typedef struct
{
  double after_seconds;
  double (*value) (const loudness_meter *);
  double min, max;
} constancy;

static void
track_range (loudness_meter * m, double t, void *data)
{
  constancy *c = data;
  if (t < c->after_seconds)
    return;
  double v = c->value (m);
  c->min = fmin (c->min, v);
  c->max = fmax (c->max, v);
}

static void
check_constant (const tone_segment * s, size_t n, double after_seconds,
    double (*value) (const loudness_meter *), double reference)
{
  constancy c = { after_seconds, value, INFINITY, -INFINITY };
  feed_in_chunks (s, n, 10.0, track_range, &c);
  CHECK_RANGE (c.min, -23.0 - LU_TOLERANCE, -23.0 + LU_TOLERANCE);
  CHECK_RANGE (c.max, -23.0 - LU_TOLERANCE, -23.0 + LU_TOLERANCE);
  CHECK_NEAR (c.max, reference, 0.01);
}

static void
case_9 (void)
{
  tone_segment s[10];
  for (int i = 0; i < 5; i++) {
    s[2 * i] = (tone_segment) {
    1.34, -20.0};
    s[2 * i + 1] = (tone_segment) {
    1.66, -30.0};
  }
  check_constant (s, 10, 3.0, loudness_meter_short_term, -22.986);
}

static void
case_12 (void)
{
  tone_segment s[50];
  for (int i = 0; i < 25; i++) {
    s[2 * i] = (tone_segment) {
    0.18, -20.0};
    s[2 * i + 1] = (tone_segment) {
    0.22, -30.0};
  }
  check_constant (s, 50, 1.0, loudness_meter_momentary, -22.960);
}

/* File-based maxima: 20 separate signals, each measured from reset. */
static void
check_file_maxima (double step_seconds, double tone_seconds,
    double (*max_value) (const loudness_meter *))
{
  for (int i = 0; i < 20; i++) {
    const tone_segment s[] = { {i * step_seconds, -INFINITY},
    {tone_seconds, -23.0}, {1.0, -INFINITY}
    };
    loudness_meter *m = measure_stereo_tones (RATE, s, 3);
    testing_set_verbose (false);
    CHECK_NEAR (max_value (m), -23.0, LU_TOLERANCE);
    CHECK_NEAR (max_value (m), -22.994, 0.01);
    loudness_meter_free (m);
  }
}

static void
case_10 (void)
{
  check_file_maxima (0.15, 3.0, loudness_meter_max_short_term);
}

static void
case_13 (void)
{
  check_file_maxima (0.020, 0.4, loudness_meter_max_momentary);
}

/* Live maxima: one signal of 20 segments; after segment i the running
 * maximum must read -38 + i. */
typedef struct
{
  double segment_seconds;
  double (*max_value) (const loudness_meter *);
  int checked;
} live_maxima;

static void
check_running_max (loudness_meter * m, double t, void *data)
{
  live_maxima *live = data;
  double segments_done = t / live->segment_seconds;
  int i = (int) llround (segments_done) - 1;
  if (fabs (segments_done - (i + 1)) > 1e-6 || i < 0)
    return;
  testing_set_verbose (false);
  CHECK_NEAR (live->max_value (m), -38.0 + i, LU_TOLERANCE);
  live->checked++;
}

static void
check_live_maxima (double step_seconds, double tone_seconds,
    double (*max_value) (const loudness_meter *))
{
  tone_segment s[60];
  for (int i = 0; i < 20; i++) {
    s[3 * i] = (tone_segment) {
    i *step_seconds, -INFINITY};
    s[3 * i + 1] = (tone_segment) {
    tone_seconds, -38.0 + i};
    s[3 * i + 2] = (tone_segment) {
    tone_seconds - i * step_seconds, -INFINITY};
  }
  live_maxima live = { 2 * tone_seconds, max_value, 0 };
  feed_in_chunks (s, 60, 10.0, check_running_max, &live);
  CHECK (live.checked == 20);
}

static void
case_11 (void)
{
  check_live_maxima (0.15, 3.0, loudness_meter_max_short_term);
}

static void
case_14 (void)
{
  check_live_maxima (0.020, 0.4, loudness_meter_max_momentary);
}

/* Cases 15-23: max true peak over channels, +0.2/-0.4 dB. Synthesized
 * sample peaks are checked too: they prove the signal is the Tech's. */
static void
check_true_peak (int case_number, double expected_dbtp,
    double reference_sample_peak_db)
{
  size_t frames;
  float *x = true_peak_case (case_number, RATE, &frames);
  loudness_meter *m = loudness_meter_new (2, RATE);
  loudness_meter_add_f32 (m, x, frames);
  double tp = fmax (loudness_meter_true_peak_db (m, 0),
      loudness_meter_true_peak_db (m, 1));
  CHECK_RANGE (tp, expected_dbtp - 0.4, expected_dbtp + 0.2);
  CHECK_NEAR (loudness_meter_sample_peak_db (m, 0), reference_sample_peak_db,
      0.02);
  CHECK (tp >= loudness_meter_sample_peak_db (m, 0));
  loudness_meter_free (m);
  free (x);
}

static void
case_15 (void)
{
  check_true_peak (15, -6.0, -6.000);
}

static void
case_16 (void)
{
  check_true_peak (16, -6.0, -9.010);
}

static void
case_17 (void)
{
  check_true_peak (17, -6.0, -7.249);
}

static void
case_18 (void)
{
  check_true_peak (18, -6.0, -6.688);
}

static void
case_19 (void)
{
  check_true_peak (19, 3.0, -0.010);
}

static void
case_20 (void)
{
  check_true_peak (20, 0.0, -0.157);
}

static void
case_21 (void)
{
  check_true_peak (21, 0.0, -0.557);
}

static void
case_22 (void)
{
  check_true_peak (22, 0.0, -2.648);
}

static void
case_23 (void)
{
  check_true_peak (23, 0.0, -0.557);
}

static const test_case cases[] = {
  {"case_1", case_1}, {"case_2", case_2}, {"case_3", case_3},
  {"case_4", case_4}, {"case_5", case_5}, {"case_6", case_6},
  {"case_9", case_9}, {"case_10", case_10}, {"case_11", case_11},
  {"case_12", case_12}, {"case_13", case_13}, {"case_14", case_14},
  {"case_15", case_15}, {"case_16", case_16}, {"case_17", case_17},
  {"case_18", case_18}, {"case_19", case_19}, {"case_20", case_20},
  {"case_21", case_21}, {"case_22", case_22}, {"case_23", case_23},
};

TEST_MAIN (cases)
