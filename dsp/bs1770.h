/* mixmaster DSP core: the loudness formula of ITU-R BS.1770-4.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_DSP_BS1770_H
#define MIXMASTER_DSP_BS1770_H

#include "decibel.h"

/* BS.1770-4 eq. 2: L_K = -0.691 + 10 log10 (sum_i G_i z_i). The -0.691 dB
 * cancels the K-filter's +0.691 dB at 997 Hz, so a 997 Hz sine at P dBFS
 * peak in both L and R reads P LUFS. */
#define BS1770_OFFSET_DB (-0.691)

/* Loudness (LUFS) of a channel-weighted mean square; -inf for 0. */
static inline double
bs1770_loudness (double weighted_power)
{
  return BS1770_OFFSET_DB + power_to_db (weighted_power);
}

static inline double
bs1770_power (double loudness_lufs)
{
  return db_to_power (loudness_lufs - BS1770_OFFSET_DB);
}

#endif
