/*
 * true.c — /bin/true: exits with status 0, whatever its arguments (Solaris true(1)).
 */
int main(void)
{
	return 0;
}
