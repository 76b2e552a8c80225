#define _GNU_SOURCE
#include "csystem.h"

#if defined(__linux__)
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

static int release_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    size_t *advised = data;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        // Only segments nobody writes: their pages are the file's, so dropping them loses nothing.
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W)) continue;
        uintptr_t start = (info->dlpi_addr + ph->p_vaddr + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz) & ~(page - 1);
        if (end <= start) continue;
        if (madvise((void *)start, end - start, MADV_DONTNEED) == 0) *advised += end - start;
    }
    return 0;
}

size_t otklik_release_readonly_pages(void) {
    size_t advised = 0;
    dl_iterate_phdr(release_object, &advised);
    return advised;
}
#else
size_t otklik_release_readonly_pages(void) { return 0; }
#endif
