// SVG to PNG through librsvg and cairo, loaded at first use (dlopen): one call, so Swift never touches
// GObject or cairo, and a process that draws nothing does not map them.
#ifndef OTKLIK_CSVG_H
#define OTKLIK_CSVG_H
#include <stddef.h>

/// Renders `svg` (`length` bytes of UTF-8) at `width` pixels wide (height in proportion) on white,
/// and returns the PNG in *png (free it with csvg_free), its size in *png_length. Returns 0 on success;
/// otherwise a negative code (-7: librsvg is not installed) and, when there is one, librsvg's message in *error (free it with csvg_free).
int csvg_render_png(const char *svg, size_t length, int width, unsigned char **png, size_t *png_length, char **error);

/// Decodes a PNG into 32-bit ARGB pixels (*pixels, row after row, width * height of them; free with
/// csvg_free). Returns 0 on success.
int csvg_decode_png(const unsigned char *png, size_t length, unsigned int **pixels, int *width, int *height);

/// Whether librsvg and cairo could be loaded (Debian's librsvg2-2); loads them the first time.
int csvg_available(void);

void csvg_free(void *pointer);

#endif
