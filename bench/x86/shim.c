/*
 * bench/x86/shim.c — just enough libc for userland/tests/bench/cpu.c as a static i386 Linux ELF
 * (int $0x80 write and exit), so that the same binary runs natively and on hw/x86 (the test
 * harness implements those two calls): _start, printf (%d %u %x %llx with width/zero pad),
 * memset, memcpy, atoi. Built by scripts/gen_x86_bench.ts.
 */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>

int main(int argc, char **argv);

static int sys3(int nr, int a, int b, int c)
{
	int r;
	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

void *memset(void *d, int c, size_t n) { unsigned char *p = d; while (n--) *p++ = (unsigned char)c; return d; }
void *memcpy(void *d, const void *s, size_t n) { unsigned char *p = d; const unsigned char *q = s; while (n--) *p++ = *q++; return d; }
int atoi(const char *s) { int v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

static char obuf[4096];
static int olen;

static void put(char c) { if (olen < (int)sizeof obuf) obuf[olen++] = c; }

static void num(unsigned long long v, int base, int width, int zero, int neg)
{
	char t[24];
	int n = 0;
	do { t[n++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
	if (neg) t[n++] = '-';
	while (n < width) t[n++] = zero ? '0' : ' ';
	while (n) put(t[--n]);
}

int printf(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	for (; *f; f++) {
		if (*f != '%') { put(*f); continue; }
		f++;
		int zero = 0, width = 0, ll = 0;
		if (*f == '0') { zero = 1; f++; }
		while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
		while (*f == 'l') { ll++; f++; }
		switch (*f) {
		case 'd': { long long v = ll > 1 ? va_arg(ap, long long) : va_arg(ap, int); num(v < 0 ? -v : v, 10, width, zero, v < 0); break; }
		case 'u': num(ll > 1 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned), 10, width, zero, 0); break;
		case 'x': num(ll > 1 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned), 16, width, zero, 0); break;
		default: put(*f);
		}
	}
	va_end(ap);
	return 0;
}

__attribute__((noreturn, used)) void cstart(int *sp)
{
	int argc = sp[0];
	int r = main(argc, (char **)(sp + 1));
	sys3(4, 1, (int)obuf, olen);
	sys3(1, r, 0, 0);
	for (;;) ;
}

__asm__(".globl _start\n_start:\n\tmovl %esp, %eax\n\tandl $-16, %esp\n\tpushl %eax\n\tpushl %eax\n\tcall cstart\n");
