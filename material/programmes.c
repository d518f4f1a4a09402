/* mixmaster tools: synthetic programme material for normalization tests,
 * the benchmarks and the demo.
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "programmes.h"

#include <math.h>
#include <stdlib.h>

#include "signals.h"

#define LFE_CHANNEL 3
#define SECTION_S 8.0

static double
db (double level_db)
{
  return pow (10.0, level_db / 20.0);
}

/* Per channel weight of the non-bass voices: a little different per
 * channel so that channels are not copies; the LFE gets none. */
static double
channel_weight (unsigned channels, unsigned c)
{
  if (channels == 6 && c == LFE_CHANNEL)
    return 0.0;
  return 1.0 - 0.1 * (c % 3);
}

/* Music: section levels step through a wide range. */
static void
music (float *x, size_t frames, unsigned rate, unsigned channels, size_t offset)
{
  static const double section_db[] = { -18, -6, -12, 0, -24, -3, -9, -15 };
  static const double chord_hz[][3] = {
    {261.6, 329.6, 392.0}, {220.0, 261.6, 329.6}, {174.6, 220.0, 261.6},
    {196.0, 246.9, 293.7}
  };
  unsigned long long seed = 12345;
  float *hats = malloc ((frames + 1) * sizeof (float));

  /* hi-hat: noise bursts, band-limited to 0.41 fs as converters' and
   * codecs' anti-alias filters leave programme (EBU Tech 3343 assumes 20
   * kHz); a true-peak interpolator is specified for that band */
  for (size_t i = 0; i < frames; i++)
    hats[i] = (float) (0.2 * noise_uniform (&seed) *
        exp (-40.0 * fmod ((double) i / rate, 0.25)));
  lowpass_in_place (hats, frames, 1, 0.41 * rate, rate);
  for (size_t i = 0; i < frames; i++) {
    double t = (double) i / rate;
    size_t section = (size_t) (t / SECTION_S);
    double level = db (section_db[section % 8] - 12.0);
    double beat = fmod (t, 0.5);
    const double *chord = chord_hz[(size_t) (t / 2.0) % 4];
    double bass = 0.5 * sin (2 * M_PI * chord[0] / 4.0 * t) * exp (-3.0 * beat);
    double pad = 0.0, hat = hats[i];
    for (int k = 0; k < 3; k++)
      pad += 0.15 * (sin (2 * M_PI * chord[k] * t) +
          0.3 * sin (4 * M_PI * chord[k] * t));
    for (unsigned c = 0; c < channels; c++) {
      double w = channel_weight (channels, c);
      double v = channels == 6 && c == LFE_CHANNEL ?
          2.0 * bass : bass + w * (pad + (c % 2 ? hat : 0.7 * hat));
      x[(offset + i) * channels + c] = (float) (level * v);
    }
  }
  free (hats);
}

/* Speech-like: 4 Hz syllables of noise low-passed at 3 kHz, in words of
 * 0.3 to 1.1 s separated by 0.2 to 0.8 s pauses. */
static void
speech (float *x, size_t frames, unsigned rate, unsigned channels)
{
  unsigned long long seed = 777;
  float *mono = calloc (frames + 1, sizeof (float));
  size_t i = 0;

  while (i < frames) {
    size_t word = (size_t) ((0.7 + 0.4 * noise_uniform (&seed)) * rate);
    size_t pause = (size_t) ((0.5 + 0.3 * noise_uniform (&seed)) * rate);
    double level = db (-6.0 + 4.0 * noise_uniform (&seed));
    for (size_t k = 0; k < word && i < frames; k++, i++)
      mono[i] = (float) (level * noise_uniform (&seed) *
          fabs (sin (M_PI * 4.0 * k / rate)));
    i += pause;
  }
  lowpass_in_place (mono, frames, 1, 3000.0, rate);
  for (i = 0; i < frames; i++)
    for (unsigned c = 0; c < channels; c++)
      x[i * channels + c] = (float) (channel_weight (channels, c) * mono[i]);
  free (mono);
}

static void
tones (float *x, size_t frames, unsigned rate, unsigned channels)
{
  static const double hz[] = { 1000.0, 100.0, 5000.0, 440.0, 60.0 };
  static const double level_db[] = { -20.0, -10.0, -30.0, -6.0, -14.0 };

  for (size_t i = 0; i < frames; i++) {
    size_t part = (size_t) ((double) i / rate / 3.0) % 5;
    double v = db (level_db[part]) * sin (2 * M_PI * hz[part] * i / rate);
    for (unsigned c = 0; c < channels; c++)
      x[i * channels + c] = (float) (channel_weight (channels, c) * v);
  }
}

static void
stepped_chord (float *x, size_t frames, unsigned rate, unsigned channels)
{
  unsigned long long seed = 2024;
  double lowpassed[64] = { 0 }, gain = 0.1;

  for (size_t i = 0; i < frames; i++) {
    double t = (double) i / rate;
    if (i % ((size_t) rate * 4) == 0)
      gain = pow (10.0, (-35.0 + 27.0 * 0.5 * (noise_uniform (&seed) + 1)) /
          20.0);
    double chord = sin (2 * M_PI * 110 * t) + 0.5 * sin (2 * M_PI * 277 * t) +
        0.3 * sin (2 * M_PI * 659 * t) + 0.1 * sin (2 * M_PI * 3520 * t);
    double tremolo = 0.75 + 0.25 * sin (2 * M_PI * 0.3 * t);
    for (unsigned c = 0; c < channels && c < 64; c++) {
      lowpassed[c] += 0.3 * (noise_uniform (&seed) - lowpassed[c]);
      x[i * channels + c] = (float) (gain * (0.4 * chord * tremolo +
              0.6 * lowpassed[c]));
    }
  }
}

float *
programme_new (programme_kind kind, unsigned rate, unsigned channels,
    double seconds, size_t *frames)
{
  size_t n = (size_t) llround (seconds * rate), pad = 3 * rate;
  float *x = calloc (n * channels + 1, sizeof (float));

  *frames = n;
  switch (kind) {
    case PROGRAMME_MUSIC:
      music (x, n, rate, channels, 0);
      break;
    case PROGRAMME_SPEECH:
      speech (x, n, rate, channels);
      break;
    case PROGRAMME_TONES:
      tones (x, n, rate, channels);
      break;
    case PROGRAMME_STEPPED_CHORD:
      stepped_chord (x, n, rate, channels);
      break;
    case PROGRAMME_PADDED_MUSIC:
      if (n > 2 * pad)
        music (x, n - 2 * pad, rate, channels, pad);
      break;
    default:
      break;
  }
  return x;
}

const char *
programme_name (programme_kind kind)
{
  static const char *names[] = { "music", "speech", "tones",
    "padded-music", "stepped-chord"
  };
  return kind < PROGRAMME_KINDS ? names[kind] : "unknown";
}
