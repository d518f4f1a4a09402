/* mixmaster DSP core: the constant gain of two-pass loudness normalization.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "normalization_policy.h"

#include <math.h>
#include <stdio.h>

normalization_plan
normalization_plan_make (normalization_policy policy, double target_lufs,
    double ceiling_dbtp, double input_integrated_lufs,
    double input_true_peak_dbtp)
{
  normalization_plan p = {
    .policy = policy,
    .target_lufs = target_lufs,
    .ceiling_dbtp = ceiling_dbtp,
    .input_integrated_lufs = input_integrated_lufs,
    .input_true_peak_dbtp = input_true_peak_dbtp,
    .wanted_gain_db = 0.0,
    .gain_db = 0.0,
    .outcome = NORMALIZATION_SILENT,
  };

  if (!isfinite (input_integrated_lufs))
    return p;
  p.wanted_gain_db = target_lufs - input_integrated_lufs;
  if (p.wanted_gain_db > NORMALIZATION_MAX_GAIN_DB) {
    p.outcome = NORMALIZATION_REFUSED;
    return p;
  }
  p.gain_db = p.wanted_gain_db;
  p.outcome = NORMALIZATION_REACHES_TARGET;

  switch (policy) {
    case NORMALIZATION_POLICY_LIMIT:
      break;
    case NORMALIZATION_POLICY_LOWER:{
      double room = ceiling_dbtp - NORMALIZATION_LOWER_MARGIN_DB -
          input_true_peak_dbtp;
      if (p.gain_db > room) {
        p.gain_db = room;
        p.outcome = NORMALIZATION_LOWERED;
      }
      break;
    }
    case NORMALIZATION_POLICY_NEVER_BOOST:
      if (p.gain_db > 0.0) {
        p.gain_db = 0.0;
        p.outcome = NORMALIZATION_NOT_BOOSTED;
      }
      break;
  }
  if (p.outcome == NORMALIZATION_REACHES_TARGET
      && normalization_plan_limits (&p))
    p.outcome = NORMALIZATION_LIMITED;
  return p;
}

void
normalization_plan_searched (normalization_plan * plan, double gain_db,
    double output_integrated_lufs, double tolerance_lu)
{
  plan->gain_db = gain_db;
  plan->output_integrated_lufs = output_integrated_lufs;
  if (!(fabs (output_integrated_lufs - plan->target_lufs) <= tolerance_lu))
    plan->outcome = NORMALIZATION_MISSED;
}

double
normalization_max_limited_gain_db (double ceiling_dbtp, double true_peak_dbtp)
{
  double limited = ceiling_dbtp - true_peak_dbtp +
      NORMALIZATION_MAX_LIMITING_DB;

  return isfinite (limited) ? fmin (NORMALIZATION_MAX_GAIN_DB, limited) :
      NORMALIZATION_MAX_GAIN_DB;
}

double
normalization_plan_max_gain_db (const normalization_plan * p)
{
  if (p->policy != NORMALIZATION_POLICY_LIMIT)
    return NORMALIZATION_MAX_GAIN_DB;
  return normalization_max_limited_gain_db (p->ceiling_dbtp,
      p->input_true_peak_dbtp);
}

bool
normalization_plan_limits (const normalization_plan * plan)
{
  return plan->input_true_peak_dbtp + plan->gain_db > plan->ceiling_dbtp;
}

void
normalization_plan_reason (const normalization_plan * p, char *text,
    size_t size)
{
  const char *name = normalization_policy_name (p->policy);
  double peak = p->input_true_peak_dbtp + p->gain_db;

  switch (p->outcome) {
    case NORMALIZATION_SILENT:
      snprintf (text, size, "%s: the input has no measurable loudness "
          "(all of it below the -70 LUFS gate), so the gain is 0 dB", name);
      break;
    case NORMALIZATION_REACHES_TARGET:
      snprintf (text, size, "%s: a constant gain of %+.2f dB reaches the "
          "target; the true peak stays at %+.2f dBTP, under the %+.1f dBTP "
          "ceiling, so nothing is limited", name, p->gain_db, peak,
          p->ceiling_dbtp);
      break;
    case NORMALIZATION_LIMITED:
      snprintf (text, size, "%s: a constant gain of %+.2f dB reaches the "
          "target; it would take the true peak to %+.2f dBTP, so the limiter "
          "holds the %+.1f dBTP ceiling on the peaks above it", name,
          p->gain_db, peak, p->ceiling_dbtp);
      break;
    case NORMALIZATION_LOWERED:
      snprintf (text, size, "%s: the gain is lowered from %+.2f to %+.2f dB "
          "so that the true peak stays under the %+.1f dBTP ceiling without "
          "limiting; the output misses the target by %.2f LU", name,
          p->wanted_gain_db, p->gain_db, p->ceiling_dbtp,
          p->wanted_gain_db - p->gain_db);
      break;
    case NORMALIZATION_REFUSED:
      snprintf (text, size, "%s: the input (%.2f LUFS) would need %+.2f dB, "
          "more than the %+.0f dB a normalizer applies, so the gain is 0 dB "
          "and the output misses the target", name,
          p->input_integrated_lufs, p->wanted_gain_db,
          NORMALIZATION_MAX_GAIN_DB);
      break;
    case NORMALIZATION_MISSED:
      if (p->gain_db >= normalization_plan_max_gain_db (p) - 1e-9 &&
          normalization_plan_max_gain_db (p) < NORMALIZATION_MAX_GAIN_DB)
        snprintf (text, size, "%s: at a gain of %+.2f dB the limiter, "
            "holding the %+.1f dBTP ceiling, takes %.1f dB off the highest "
            "peak, the most it may; the output reads %.2f LUFS and misses "
            "the target by %.2f LU", name, p->gain_db, p->ceiling_dbtp,
            NORMALIZATION_MAX_LIMITING_DB, p->output_integrated_lufs,
            fabs (p->target_lufs - p->output_integrated_lufs));
      else
        snprintf (text, size, "%s: at a gain of %+.2f dB the limiter, "
            "holding the %+.1f dBTP ceiling, takes so much off the peaks "
            "that the output reads %.2f LUFS and misses the target by %.2f "
            "LU", name, p->gain_db, p->ceiling_dbtp,
            p->output_integrated_lufs,
            fabs (p->target_lufs - p->output_integrated_lufs));
      break;
    case NORMALIZATION_NOT_BOOSTED:
      snprintf (text, size, "%s: the input is %.2f LU below the target and "
          "this policy only attenuates, so the gain is 0 dB and the output "
          "misses the target", name, p->wanted_gain_db);
      break;
  }
}

const char *
normalization_policy_name (normalization_policy policy)
{
  switch (policy) {
    case NORMALIZATION_POLICY_LIMIT:
      return "limit";
    case NORMALIZATION_POLICY_LOWER:
      return "lower";
    case NORMALIZATION_POLICY_NEVER_BOOST:
      return "never-boost";
  }
  return "unknown";
}
