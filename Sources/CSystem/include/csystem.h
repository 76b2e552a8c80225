#ifndef CSYSTEM_H
#define CSYSTEM_H

#include <stddef.h>

/// Unmaps the resident pages of every loaded object's read-only segments (code, constants, the
/// relocation tables), which the kernel maps back from the file on their next use. Writable
/// segments, and objects whose read-only segments the loader wrote into (text relocations), are never
/// touched. Returns the bytes advised, or 0 where this is not Linux.
size_t otklik_release_readonly_pages(void);

#endif
