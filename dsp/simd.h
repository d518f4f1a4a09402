/* mixmaster DSP core: compile a hot loop also for wider vector units.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Debian builds for baseline x86-64 (SSE2, 4 floats a vector). Functions
 * marked DSP_MULTIVERSION are compiled twice, the second time for AVX2 with
 * FMA (8 floats, fused multiply-add); the dynamic loader picks the version
 * the CPU runs (GCC/clang target_clones, through an ifunc). Elsewhere, or
 * with DSP_NO_MULTIVERSION defined (tests of the baseline code), the mark
 * does nothing.
 */
#ifndef MIXMASTER_DSP_SIMD_H
#define MIXMASTER_DSP_SIMD_H

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__) && \
    defined(__has_attribute) && !defined(DSP_NO_MULTIVERSION)
#if __has_attribute(target_clones)
#define DSP_MULTIVERSION __attribute__ ((target_clones ("avx2,fma", "default")))
#endif
#endif

#ifndef DSP_MULTIVERSION
#define DSP_MULTIVERSION
#endif

/* Two doubles in one SIMD register (the GCC and Clang vector extension):
 * the two channels of a stereo frame, side by side as they are
 * interleaved. Loads and stores go through memcpy, which makes no
 * alignment demand. */
typedef double double2 __attribute__ ((vector_size (16)));
typedef long long long2 __attribute__ ((vector_size (16)));

static inline double2
double2_load (const double *p)
{
  double2 v;
  memcpy (&v, p, sizeof (v));
  return v;
}

static inline void
double2_store (double *p, double2 v)
{
  memcpy (p, &v, sizeof (v));
}

static inline double2
double2_splat (double v)
{
  double2 both = { v, v };
  return both;
}

static inline double2
double2_abs (double2 v)
{
  const long2 magnitude = { 0x7fffffffffffffffLL, 0x7fffffffffffffffLL };
  return (double2) ((long2) v & magnitude);
}

/* Lane-wise maximum; where a is NaN, b. One instruction on x86-64
 * (MAXPD, whose NaN rule this is). */
static inline double2
double2_max (double2 a, double2 b)
{
#ifdef __SSE2__
  return (double2) _mm_max_pd ((__m128d) a, (__m128d) b);
#else
  long2 a_wins = a > b;
  return (double2) (((long2) a & a_wins) | ((long2) b & ~a_wins));
#endif
}

#endif
