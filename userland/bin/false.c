/*
 * false.c — /bin/false: exits with status 1, whatever its arguments (Solaris false(1)).
 */
int main(void)
{
	return 1;
}
