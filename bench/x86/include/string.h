/* bench/x86/include/string.h — memset/memcpy from the x86 benchmark shim. */
#include <stdlib.h>
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
