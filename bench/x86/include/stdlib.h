/* bench/x86/include/stdlib.h — atoi from the x86 benchmark shim. */
typedef unsigned int size_t;
int atoi(const char *s);
