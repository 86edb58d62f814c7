/*
 * atexit.c — 32 atexit handlers run in reverse order of registration when main returns 7, then
 * stdio is flushed (the handlers' output is partly unterminated lines); a 33rd registration fails.
 */
#include <stdio.h>
#include <stdlib.h>

static int order[40], n_called;

#define H(k) static void h##k(void) { order[n_called++] = k; printf("handler %d%s", k, (k) % 4 == 0 ? "\n" : "; "); }
H(0) H(1) H(2) H(3) H(4) H(5) H(6) H(7) H(8) H(9) H(10) H(11) H(12) H(13) H(14) H(15)
H(16) H(17) H(18) H(19) H(20) H(21) H(22) H(23) H(24) H(25) H(26) H(27) H(28) H(29) H(30) H(31)

static void (*const handlers[32])(void) = {
	h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15,
	h16, h17, h18, h19, h20, h21, h22, h23, h24, h25, h26, h27, h28, h29, h30, h31,
};

int main(void)
{
	int i, r;

	printf("atexit:\n");
	for (i = 0; i < 32; i++) {
		r = atexit(handlers[i]);
		if (r != 0)
			printf("registration %d failed\n", i);
	}
	r = atexit(h0);
	printf("33rd registration returns %d\n", r);
	printf("returning 7 from main; handlers follow");
	return 7;
}
