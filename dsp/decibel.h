/* mixmaster DSP core: level conversions shared by every module.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_DECIBEL_H
#define MIXMASTER_DSP_DECIBEL_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Amplitude ratio to decibels; 0 gives -inf, never NaN. */
static inline double
amplitude_to_db (double amplitude)
{
  return amplitude > 0.0 ? 20.0 * log10 (amplitude) : -INFINITY;
}

static inline double
db_to_amplitude (double db)
{
  return pow (10.0, db / 20.0);
}

/* Power (mean square) ratio to decibels; 0 gives -inf, never NaN. */
static inline double
power_to_db (double power)
{
  return power > 0.0 ? 10.0 * log10 (power) : -INFINITY;
}

static inline double
db_to_power (double db)
{
  return pow (10.0, db / 10.0);
}

/* The per-sample versions, for dynamics: within 1e-6 dB of the above
 * (tests/dsp/test_decibel.c) and several times faster, from the binary
 * exponent and a short series for the mantissa. fast_amplitude_to_db()
 * needs amplitude > 1e-300; fast_db_to_amplitude() db in [-1000, 1000]. */
#define DECIBEL_DB_PER_OCTAVE 6.0205999132796239      /* 20 log10 2 */

static inline double
fast_amplitude_to_db (double amplitude)
{
  uint64_t bits;
  double m, t, t2, ln_m;
  int exponent;

  memcpy (&bits, &amplitude, sizeof (bits));
  exponent = (int) ((bits >> 52) & 0x7ff) - 1023;
  bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
  memcpy (&m, &bits, sizeof (m));       /* amplitude = m 2^exponent, m in [1, 2) */
  if (m > 1.4142135623730951) { /* m in [1/sqrt 2, sqrt 2): t small */
    m *= 0.5;
    exponent++;
  }
  /* ln m = 2 atanh t, t = (m - 1) / (m + 1), |t| <= 0.172 */
  t = (m - 1.0) / (m + 1.0);
  t2 = t * t;
  ln_m = 2.0 * t * (1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 +
                  t2 * (1.0 / 9)))));
  return DECIBEL_DB_PER_OCTAVE * (exponent + ln_m * 1.4426950408889634);
}

static inline double
fast_db_to_amplitude (double db)
{
  /* 2^52 + 2^51: adding it rounds |x| < 2^51 to an integer, left in the
   * low bits of the sum's mantissa */
  const double round_magic = 6755399441055744.0;
  double x = db * (1.0 / DECIBEL_DB_PER_OCTAVE);
  double shifted = x + round_magic, whole = shifted - round_magic;
  double f = (x - whole) * 0.6931471805599453, p;       /* |f| <= ln2 / 2 */
  uint64_t bits, whole_bits, magic_bits;

  /* e^f, Taylor to f^7 / 7!: relative error < 3e-9 for |f| <= 0.347,
   * evaluated as Estrin's scheme (pairs, then f^2, f^4), so the terms are
   * not one long chain of dependent multiply-adds */
  {
    double f2 = f * f, f4 = f2 * f2;
    double p01 = 1.0 + f, p23 = 1.0 / 2 + f * (1.0 / 6);
    double p45 = 1.0 / 24 + f * (1.0 / 120);
    double p67 = 1.0 / 720 + f * (1.0 / 5040);
    p = (p01 + f2 * p23) + f4 * (p45 + f2 * p67);
  }
  /* times 2^whole: whole, as an integer, is the difference of the
   * mantissas of shifted and round_magic; no branch and no conversion
   * instruction, so loops of this vectorise */
  memcpy (&bits, &p, sizeof (bits));
  memcpy (&whole_bits, &shifted, sizeof (whole_bits));
  memcpy (&magic_bits, &round_magic, sizeof (magic_bits));
  bits += (whole_bits - magic_bits) << 52;
  memcpy (&p, &bits, sizeof (p));
  return p;
}

#endif
