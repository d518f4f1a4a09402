/* mixmaster DSP core: the mastering chain for a stereo mixdown.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * input gain (trim) -> high-pass (24 dB/oct) -> EQ (low shelf, mid peak, high
 * shelf, tilt around 1 kHz) -> three-band compressor (multiband.h) ->
 * width and bass mono (stereo_image.h; stereo only) -> saturation
 * (saturation.h) -> ambience reverb (reverb.h) -> loudness stage and
 * lookahead true-peak limiter (normalizer.h).
 *
 * Mono or stereo, F32 or F64 interleaved, any rate from 8 to 384 kHz.
 * Every continuous parameter is smoothed (20 ms); with the defaults the
 * chain is the limiter's and the saturation's delay (master_latency()),
 * and signal under the ceiling passes unchanged. Meters: the loudness of
 * the input, of the signal into the loudness stage and of the output
 * (loudness_meter.h: momentary, short-term, true peak), each band's and
 * the limiter's gain reduction, and the output's phase correlation.
 */
#ifndef MIXMASTER_DSP_MASTER_H
#define MIXMASTER_DSP_MASTER_H

#include <stddef.h>

#include "dynamics.h"
#include "loudness_leveler.h"
#include "loudness_meter.h"
#include "multiband.h"
#include "reverb.h"
#include "stereo_image.h"

typedef struct
{
  double input_gain_db;
  double low_cut_hz;            /* 0 = off */
  double eq_low_hz, eq_low_db;  /* low shelf */
  double eq_mid_hz, eq_mid_db, eq_mid_q;        /* peak */
  double eq_high_hz, eq_high_db;        /* high shelf */
  double eq_tilt_db_per_oct;    /* around 1 kHz */
  double crossover_low_hz, crossover_high_hz;
  compressor_params band[MULTIBAND_BANDS];
  double width;                 /* 0 .. 2, stereo only */
  double bass_mono_hz;          /* 0 = off, stereo only */
  double saturation;            /* 0 .. 1 */
  reverb_params ambience;       /* mix 0 = off */
  double ceiling_dbtp;
  double release_ms;
} master_params;

master_params master_params_default (void);

typedef struct master master;

/* channels 1 or 2, rate 8 .. 384 kHz, lookahead as limiter_new(), the
 * loudness stage's gain lookahead as normalizer_new(); NULL on bad
 * arguments or short memory. */
master *master_new (unsigned channels, unsigned rate_hz, double lookahead_ms,
    double gain_lookahead_s);
void master_free (master * m);
/* Silence everywhere, meters forgotten, parameters settled. */
void master_reset (master * m);
void master_set_params (master * m, const master_params * p);

/* The loudness stage: a constant gain into the limiter, or leveling to a
 * target (loudness_leveler.h), measured on the signal entering it. */
void master_set_drive_db (master * m, double gain_db);
void master_set_leveling (master * m, const loudness_leveler_params * p);

/* Frames the output lags the input: saturation, gain and limiter
 * lookahead. */
size_t master_latency (const master * m);

/* In place, interleaved; the output is the input delayed by
 * master_latency() frames, processed. */
void master_process_f32 (master * m, float *interleaved, size_t frames);
void master_process_f64 (master * m, double *interleaved, size_t frames);
/* The same for the silence that pushes out what the chain delays (at the
 * end, at a discontinuity): the input and stage meters do not hear it,
 * and so neither does the leveler; the output meter hears what comes out. */
void master_drain_f32 (master * m, float *interleaved, size_t frames);
void master_drain_f64 (master * m, double *interleaved, size_t frames);

typedef enum
{ MASTER_INPUT, MASTER_STAGE, MASTER_OUTPUT } master_point;

/* The meter at a point of the chain (owned by the chain). */
const loudness_meter *master_meter (const master * m, master_point point);

typedef struct
{
  double band_reduction_db[MULTIBAND_BANDS];    /* largest since last take */
  double limiter_reduction_db;  /* largest at block ends since last take */
  double drive_db;              /* the loudness stage's gain now */
  const char *leveler;          /* leveling: what it does (normalizer.h);
                                 * NULL for a constant drive */
  double correlation;           /* of the output since last take; 1 mono */
} master_meters;

master_meters master_take_meters (master * m);

#endif
