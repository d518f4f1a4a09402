/* mixmaster DSP core: a block of the stream's samples (F32 or F64) into a
 * double work buffer, and back. The modules that work in double (master,
 * reverb) run one generic process between these; strip and limiter check
 * each sample on the way in, so they make their own loads.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef MIXMASTER_SAMPLE_IO_H
#define MIXMASTER_SAMPLE_IO_H

#include <stddef.h>

typedef void (*sample_load) (double *work, const void *src, size_t count);
typedef void (*sample_store) (const double *work, void *dst, size_t count);

#define SAMPLE_IO_DEFINE(type, suffix)                                  \
  static inline void                                                    \
  sample_load_##suffix (double *work, const void *src, size_t count)    \
  {                                                                     \
    const type *x = src;                                                \
    for (size_t i = 0; i < count; i++)                                  \
      work[i] = x[i];                                                   \
  }                                                                     \
  static inline void                                                    \
  sample_store_##suffix (const double *work, void *dst, size_t count)   \
  {                                                                     \
    type *y = dst;                                                      \
    for (size_t i = 0; i < count; i++)                                  \
      y[i] = (type) work[i];                                            \
  }

SAMPLE_IO_DEFINE (float, f32)
SAMPLE_IO_DEFINE (double, f64)
#undef SAMPLE_IO_DEFINE
#endif
