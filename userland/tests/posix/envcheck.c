/*
 * envcheck.c — the exec'd half of posix_sysconf: `posix_envcheck NAME VALUE` checks that getenv(NAME)
 * is VALUE and that FVM_GONE is absent. Alone it checks that environ is a valid, terminated list.
 */
#include <stdlib.h>
#include "../fork/ftest.h"

int main(int argc, char **argv)
{
	if (argc == 3) {
		const char *v = getenv(argv[1]);

		ft_check(v != NULL && strcmp(v, argv[2]) == 0, "exec: variable passed", "%s=%s", argv[1], v ? v : "(none)");
		ft_check(getenv("FVM_GONE") == NULL, "exec: unset variable absent", "");
	} else {
		int n = 0;

		while (environ != NULL && environ[n] != NULL)
			n++;
		ft_check(n >= 0 && getenv("FVM_GONE") == NULL, "start-up: environment", "%d entries", n);
	}
	return ft_done();
}
