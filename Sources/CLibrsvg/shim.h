// librsvg and cairo, found through pkg-config (librsvg-2.0): Debian's librsvg2-dev.
#include <librsvg/rsvg.h>
#include <cairo.h>
