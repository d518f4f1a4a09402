/* mixmaster DSP core: pan laws, balance and stereo width.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A mono source is placed between two loudspeakers by a pan law: both
 * gains meet at the centre at law_db (0, -3, -4.5 and -6 are the usual
 * choices; -3 keeps the power constant). For law_db < 0 the gains are
 * cos(theta)^k and sin(theta)^k, theta = (pan + 1) pi / 4, with k chosen so
 * that the centre lands on law_db exactly (k = 1 is the sine-cosine law,
 * -3.0103 dB). A 0 dB law keeps the near side at unity and tapers the far
 * side with a cosine.
 * A stereo source is balanced with that 0 dB law, so that at the centre
 * it is untouched. Width scales the side (L - R) signal against the mid.
 */
#ifndef MIXMASTER_DSP_PAN_H
#define MIXMASTER_DSP_PAN_H

typedef struct
{
  double left, right;
} pan_gains;

/* pan in [-1, +1] (hard left .. hard right), law_db in [-6, 0]. */
pan_gains pan_law_gains (double pan, double law_db);

/* Balance of a stereo source: the 0 dB law. */
pan_gains pan_balance_gains (double pan);

/* Mid/side width on one frame: 0 mono, 1 unchanged, 2 twice the side. */
static inline void
pan_width (double width, double *left, double *right)
{
  double mid = 0.5 * (*left + *right), side = 0.5 * (*left - *right) * width;
  *left = mid + side;
  *right = mid - side;
}

#endif
