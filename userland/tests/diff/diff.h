/*
 * diff.h — shared helpers for the differential test programs in userland/tests/diff/: the
 * "interesting" operand values, and (on SPARC) inline-assembly helpers that capture the integer
 * condition codes through branches, since user code cannot read the PSR. These programs use only
 * write(2) and exit(2), so qemu-sparc (Linux numbering for both) produces the reference output.
 */
#ifndef _DIFF_H
#define _DIFF_H

#include <stdio.h>

/* Operands biased toward the edges: zero, ±1, powers of two and their neighbours, sign boundaries. */
static volatile unsigned int edge_values[] = {
	0x00000000u, 0x00000001u, 0x00000002u, 0x00000003u, 0x00000007u, 0x0000000au,
	0x0000007fu, 0x00000080u, 0x000000ffu, 0x00000100u, 0x00007fffu, 0x00008000u,
	0x0000ffffu, 0x00010000u, 0x00012345u, 0x3fffffffu, 0x40000000u, 0x55555555u,
	0x7ffffffeu, 0x7fffffffu, 0x80000000u, 0x80000001u, 0xaaaaaaaau, 0xdeadbeefu,
	0xfffffff9u, 0xfffffffeu, 0xffffffffu,
};
#define N_EDGE ((int)(sizeof(edge_values) / sizeof(edge_values[0])))

#ifdef __sparc__
/*
 * ICC_CAPTURE(flags): asm text that sets the output operand %[flags] to N<<3|Z<<2|V<<1|C from
 * the current icc, using only branches, mov and or (none of which change icc).
 */
#define ICC_CAPTURE \
	"mov 0, %[flags]\n\t" \
	"bpos 1f\n\t nop\n\t or %[flags], 8, %[flags]\n" \
	"1:\n\t bne 2f\n\t nop\n\t or %[flags], 4, %[flags]\n" \
	"2:\n\t bvc 3f\n\t nop\n\t or %[flags], 2, %[flags]\n" \
	"3:\n\t bcc 4f\n\t nop\n\t or %[flags], 1, %[flags]\n" \
	"4:\n\t"

/* The four flags as text, e.g. "N-V-". */
static inline const char *icc_str(unsigned int f, char *buf)
{
	buf[0] = (f & 8) ? 'N' : '-';
	buf[1] = (f & 4) ? 'Z' : '-';
	buf[2] = (f & 2) ? 'V' : '-';
	buf[3] = (f & 1) ? 'C' : '-';
	buf[4] = '\0';
	return buf;
}

#endif

#endif
