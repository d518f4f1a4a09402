/* mixmaster DSP core: the constant gain of two-pass loudness normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Given the measured input (integrated loudness, true peak), a target and a
 * true-peak ceiling, decides one gain for the whole programme by a policy,
 * and says why in a sentence. Nothing is decided silently: the outcome
 * (reached the target, limited, lowered, not boosted, silent input) is part
 * of the plan.
 */
#ifndef MIXMASTER_DSP_NORMALIZATION_POLICY_H
#define MIXMASTER_DSP_NORMALIZATION_POLICY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum
{
  /* the target gain; the limiter holds the ceiling on the peaks that
   * would cross it */
  NORMALIZATION_POLICY_LIMIT,
  /* the target gain, lowered until the true peak stays under the ceiling
   * with no limiting: the output may miss the target */
  NORMALIZATION_POLICY_LOWER,
  /* the target gain if it is a cut, else 0 dB */
  NORMALIZATION_POLICY_NEVER_BOOST,
} normalization_policy;

typedef enum
{
  NORMALIZATION_REACHES_TARGET, /* no peak crosses the ceiling */
  NORMALIZATION_LIMITED,        /* reaches the target, peaks limited */
  NORMALIZATION_LOWERED,        /* misses the target to avoid limiting */
  NORMALIZATION_NOT_BOOSTED,    /* misses the target: boost refused */
  NORMALIZATION_SILENT,         /* nothing measurable: 0 dB */
  NORMALIZATION_REFUSED,        /* needs more than the maximum gain: 0 dB */
  NORMALIZATION_MISSED,         /* limited, and short of the target */
} normalization_outcome;

/* The most gain a plan applies, dB. An input that needs more is not a
 * programme to normalize (clicks in silence, a test tone's tail, a wrong
 * channel): with more, a limiter turns its noise floor into programme.
 * The plan refuses and leaves it at 0 dB, and says so. */
#define NORMALIZATION_MAX_GAIN_DB 60.0

/* The most a LIMIT plan lets the limiter take off the input's highest
 * true peak, dB. Past it a loudness target is bought by flattening the
 * programme (vengeful at -7 LUFS took 26.8 dB of limiting, LRA 13.8 ->
 * 2.2, and still missed): the plan stops there and says it misses. 12 dB
 * is more than loud masters take (cd-loud on real music: 6 to 9 dB). */
#define NORMALIZATION_MAX_LIMITING_DB 12.0

/* The headroom kept below the ceiling by POLICY_LOWER, dB: the limiter
 * holds peaks inside its ceiling by what its detector may miss (up to
 * 0.05 dB from 96 kHz, true_peak_meter_tolerance()) and 0.001 dB for
 * rounding, so a peak placed this far below never touches it. */
#define NORMALIZATION_LOWER_MARGIN_DB 0.06

typedef struct
{
  normalization_policy policy;
  double target_lufs;
  double ceiling_dbtp;
  double input_integrated_lufs;
  double input_true_peak_dbtp;
  double wanted_gain_db;        /* target - input */
  double gain_db;               /* the gain to apply */
  normalization_outcome outcome;
  /* MISSED: the output's integrated loudness the gain gave */
  double output_integrated_lufs;
} normalization_plan;

/* The plan for the measured input; -inf loudness means silent input. */
normalization_plan normalization_plan_make (normalization_policy policy,
    double target_lufs, double ceiling_dbtp, double input_integrated_lufs,
    double input_true_peak_dbtp);

/* The most gain into a limiter holding ceiling_dbtp over a signal whose
 * highest true peak is true_peak_dbtp: NORMALIZATION_MAX_GAIN_DB, and no
 * more than takes that peak NORMALIZATION_MAX_LIMITING_DB over the
 * ceiling (NORMALIZATION_MAX_GAIN_DB alone when the peak is not finite). */
double normalization_max_limited_gain_db (double ceiling_dbtp,
    double true_peak_dbtp);

/* The most gain the plan may apply: NORMALIZATION_MAX_GAIN_DB, and for a
 * LIMIT plan normalization_max_limited_gain_db() of the input. */
double normalization_plan_max_gain_db (const normalization_plan * plan);

/* After a search over trial renders (gain_search.h) for a LIMITED plan:
 * the gain it found and the loudness that gave; a result further than
 * tolerance_lu from the target makes the plan MISSED. */
void normalization_plan_searched (normalization_plan * plan, double gain_db,
    double output_integrated_lufs, double tolerance_lu);

/* True when the limiter will have work: the input's true peak plus the
 * gain crosses the ceiling. */
bool normalization_plan_limits (const normalization_plan * plan);

/* One sentence with the numbers, e.g. for a message or a report. */
void normalization_plan_reason (const normalization_plan * plan,
    char *text, size_t size);

const char *normalization_policy_name (normalization_policy policy);

#endif
