/* mixmaster DSP core: a three-band compressor for mastering.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The crossover (crossover.h, Linkwitz-Riley 4th order) splits the input
 * into low, mid and high; each band has its own compressor (dynamics.h:
 * the GMR 2012 gain computer, channels linked); the bands are summed.
 * Idle bands sum flat in magnitude (an all-pass). While no band is set
 * to work (every ratio 1 and makeup 0 dB) the input passes untouched and
 * the crossover does not run; engaging or disengaging crossfades over
 * 20 ms, so it does not click.
 */
#ifndef MIXMASTER_DSP_MULTIBAND_H
#define MIXMASTER_DSP_MULTIBAND_H

#include <stddef.h>

#include "dynamics.h"

enum
{ MULTIBAND_LOW, MULTIBAND_MID, MULTIBAND_HIGH, MULTIBAND_BANDS };

typedef struct multiband multiband;

/* channels 1 or 2; NULL on bad arguments or short memory. Splits at 200
 * and 3000 Hz, every band off, until set. */
multiband *multiband_new (unsigned channels, unsigned rate_hz);
void multiband_free (multiband * m);
void multiband_reset (multiband * m);

/* see crossover_set_frequencies() */
void multiband_set_crossovers (multiband * m, double low_hz, double high_hz);
void multiband_set_band (multiband * m, unsigned band,
    const compressor_params * p);

/* n frames, interleaved, in place */
void multiband_process (multiband * m, double *frames, size_t n);

/* A band's largest gain reduction since the last call, dB >= 0. */
double multiband_take_max_reduction_db (multiband * m, unsigned band);

#endif
