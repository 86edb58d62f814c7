/* bench/x86/include/stdio.h — the printf the x86 benchmark shim provides (bench/x86/shim.c). */
int printf(const char *fmt, ...);
