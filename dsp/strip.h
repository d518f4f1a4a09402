/* mixmaster DSP core: a mixing-console channel strip for one track.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Signal flow, in this order:
 *   trim -> polarity -> high-pass / low-pass -> gate -> 4-band EQ ->
 *   compressor -> reverb (insert) -> pan / width -> fader -> mute -> meters
 * Mono or stereo in; stereo out (a mono track is placed by the pan law),
 * or mono out (the strip's channels summed, the pan ignored).
 *
 * Every continuous parameter is smoothed (smoother.h, 20 ms ramps); gains
 * ramp per sample, filter coefficients are recomputed every 32 frames
 * while their parameters move. With the defaults (strip_params_default())
 * the strip passes a stereo track through unchanged.
 */
#ifndef MIXMASTER_DSP_STRIP_H
#define MIXMASTER_DSP_STRIP_H

#include <stdbool.h>
#include <stddef.h>

#include "dynamics.h"
#include "reverb.h"

typedef struct
{
  double freq_hz, gain_db, q;
} strip_band;

typedef struct
{
  double trim_db;
  bool invert_polarity;
  double highpass_hz;           /* 0 = off */
  unsigned highpass_sections;   /* 1..4: 12, 24, 36, 48 dB/oct */
  double lowpass_hz;            /* 0 = off */
  strip_band eq_low;            /* low shelf (q unused: Butterworth) */
  strip_band eq_low_mid, eq_high_mid;   /* peaking */
  strip_band eq_high;           /* high shelf (q unused) */
  gate_params gate;
  compressor_params compressor;
  reverb_params reverb;
  double pan;                   /* -1 .. +1 */
  double pan_law_db;            /* -6 .. 0 */
  double width;                 /* 0 .. 2 */
  double fader_db;              /* -inf .. +12 */
  bool mute;
} strip_params;

/* The transparent settings. */
strip_params strip_params_default (void);

typedef struct strip strip;

/* in_channels and out_channels each 1 or 2; NULL on bad arguments. */
strip *strip_new (unsigned in_channels, unsigned out_channels,
    unsigned rate_hz);
void strip_free (strip * s);
/* Silence in every filter, delay and detector; parameters settled. */
void strip_reset (strip * s);
/* New settings, followed smoothly. */
void strip_set_params (strip * s, const strip_params * p);

/* in: frames x in_channels, out: frames x out_channels (may be the same
 * buffer when the channel counts are equal). */
void strip_process_f32 (strip * s, const float *in, float *out,
    size_t frames);
void strip_process_f64 (strip * s, const double *in, double *out,
    size_t frames);

typedef struct
{
  double peak_dbfs[2];          /* largest |sample| per output channel */
  double rms_dbfs[2];
  double gate_reduction_db;     /* the largest */
  double compressor_reduction_db;
  unsigned channels;
} strip_meters;

/* The meters since the last call, which starts them anew. */
strip_meters strip_take_meters (strip * s);

#endif
