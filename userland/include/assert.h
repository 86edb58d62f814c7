/*
 * assert.h — assert() prints "Assertion failed: expr, file F, line N" (the Solaris wording) on
 * stderr and aborts. Disabled by NDEBUG. Re-includable, as the standard requires.
 */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
void __assert(const char *expr, const char *file, int line) __attribute__((noreturn));
#define assert(e) ((e) ? (void)0 : __assert(#e, __FILE__, __LINE__))
#endif
