/*
 * stdio_files.c — stdio on files as POSIX and Solaris libc define it: fopen modes ("w" truncates,
 * "a" appends, "r+" updates, bad modes EINVAL, missing files ENOENT), fread/fwrite/fgets/fputs,
 * fseek/ftell with buffered data, ungetc, feof/ferror/clearerr, freopen, fdopen, tmpfile,
 * remove, setvbuf, getline, fscanf/sscanf; exit() flushes fopen'ed streams; a fork child gets a
 * copy of the unflushed buffer (the text appears twice) unless the parent flushes first.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "../fork/ftest.h"

static void modes(void)
{
	FILE *f;
	char buf[64];

	f = fopen("/tmp/s1", "w");
	ft_check(f != NULL && fputs("one\n", f) != EOF && fprintf(f, "%d %s\n", 2, "two") == 6 && fclose(f) == 0,
	    "fopen w, fputs, fprintf, fclose", "errno %d", errno);
	ft_check(strcmp(ft_slurp("/tmp/s1"), "one\n2 two\n") == 0, "file holds what was written", "got '%s'", ft_slurp("/tmp/s1"));
	f = fopen("/tmp/s1", "a");
	ft_check(f != NULL && fputs("three\n", f) != EOF && fclose(f) == 0, "fopen a appends", "errno %d", errno);
	ft_check(strcmp(ft_slurp("/tmp/s1"), "one\n2 two\nthree\n") == 0, "append lands at the end", "got '%s'", ft_slurp("/tmp/s1"));
	f = fopen("/tmp/s1", "r");
	ft_check(f != NULL && fgets(buf, sizeof(buf), f) != NULL && strcmp(buf, "one\n") == 0, "fopen r, fgets a line",
	    "got '%s'", buf);
	errno = 0;
	ft_check(fputc('x', f) == EOF && ferror(f) && errno == EBADF, "writing a read-only stream: EOF, ferror, EBADF",
	    "errno %d", errno);
	clearerr(f);
	ft_check(!ferror(f) && !feof(f), "clearerr clears the error", "still set");
	while (fgets(buf, sizeof(buf), f) != NULL)
		;
	ft_check(feof(f) && fgetc(f) == EOF, "feof after the last line", "no eof");
	fclose(f);
	f = fopen("/tmp/s1", "w");
	fclose(f);
	ft_check(strcmp(ft_slurp("/tmp/s1"), "") == 0, "fopen w truncates", "got '%s'", ft_slurp("/tmp/s1"));
	errno = 0;
	ft_check(fopen("/tmp/none/x", "r") == NULL && errno == ENOENT, "fopen of a missing file: ENOENT", "errno %d", errno);
	errno = 0;
	ft_check(fopen("/tmp/s1", "q") == NULL && errno == EINVAL, "fopen with a bad mode: EINVAL", "errno %d", errno);
	f = fopen("/tmp/s1", "wx");
	ft_check(f == NULL && errno == EEXIST, "fopen wx of an existing file: EEXIST", "errno %d", errno);
}

static void update_and_seek(void)
{
	FILE *f = fopen("/tmp/s2", "w+");
	char buf[32];
	int c;

	ft_check(f != NULL && fwrite("abcdefghij", 1, 10, f) == 10, "fopen w+, fwrite", "errno %d", errno);
	ft_check(ftell(f) == 10, "ftell counts buffered output", "ftell %ld", ftell(f));
	rewind(f);
	ft_check(fread(buf, 1, 4, f) == 4 && memcmp(buf, "abcd", 4) == 0 && ftell(f) == 4,
	    "rewind and fread; ftell counts only consumed input", "ftell %ld", ftell(f));
	c = fgetc(f);
	ft_check(c == 'e' && ungetc('E', f) == 'E' && fgetc(f) == 'E' && fgetc(f) == 'f', "ungetc pushes back one byte", "c %d", c);
	ft_check(fseek(f, -2, SEEK_END) == 0 && fgetc(f) == 'i' && ftell(f) == 9, "fseek SEEK_END", "ftell %ld", ftell(f));
	ft_check(fseek(f, 2, SEEK_SET) == 0 && fputs("XY", f) != EOF && fseek(f, 0, SEEK_CUR) == 0 && ftello(f) == 4,
	    "write in the middle of an update stream", "ftell %ld", ftell(f));
	/* reading then writing without a seek in between: the write goes where reading stopped */
	ft_check(fgetc(f) == 'e' && fputs("Z", f) != EOF && fflush(f) == 0, "read then write", "errno %d", errno);
	ft_check(strcmp(ft_slurp("/tmp/s2"), "abXYeZghij") == 0, "the file has every change", "got '%s'", ft_slurp("/tmp/s2"));
	errno = 0;
	ft_check(fseek(f, -100, SEEK_SET) == -1 && errno == EINVAL, "fseek before the start: EINVAL", "errno %d", errno);
	ft_check(fseek(f, 0, 7) == -1 && errno == EINVAL, "fseek with a bad whence: EINVAL", "errno %d", errno);
	ft_check(fclose(f) == 0, "fclose", "errno %d", errno);
}

static void misc(void)
{
	FILE *f;
	char buf[64], *line = NULL, word[16];
	size_t cap = 0;
	int fd, a = 0, n = 0;
	unsigned int x = 0;
	long l = 0;
	struct stat st;

	f = tmpfile();
	ft_check(f != NULL && fputs("tmp data\n", f) != EOF && fseek(f, 0, SEEK_SET) == 0 &&
	    fgets(buf, sizeof(buf), f) != NULL && strcmp(buf, "tmp data\n") == 0, "tmpfile is readable and writable", "errno %d", errno);
	if (f != NULL)
		fclose(f);

	fd = open("/tmp/s3", O_RDWR | O_CREAT | O_TRUNC, 0644);
	f = fdopen(fd, "r+");
	ft_check(f != NULL && fileno(f) == fd, "fdopen keeps the descriptor", "errno %d", errno);
	fprintf(f, "12 0x1f hello 345678 q\nsecond line\n");
	rewind(f);
	n = fscanf(f, "%d %x %15s %3ld", &a, &x, word, &l);
	ft_check(n == 4 && a == 12 && x == 31 && strcmp(word, "hello") == 0 && l == 345, "fscanf %d %x %s %3ld",
	    "n %d a %d x %u word '%s' l %ld", n, a, x, word, l);
	ft_check(fscanf(f, "%d", &a) == 1 && a == 678, "fscanf continues after the width", "a %d", a);
	ft_check(getline(&line, &cap, f) == 3 && strcmp(line, " q\n") == 0, "getline reads the rest of the line", "got '%s'", line);
	ft_check(getline(&line, &cap, f) == 12 && strcmp(line, "second line\n") == 0 && getline(&line, &cap, f) == -1,
	    "getline then EOF", "got '%s'", line);
	free(line);
	fclose(f);
	ft_check(fcntl(fd, F_GETFD) == -1 && errno == EBADF, "fclose of an fdopen stream closes the descriptor", "errno %d", errno);
	errno = 0;
	fd = open("/tmp/s3", O_RDONLY);
	ft_check(fdopen(fd, "w") == NULL && errno == EINVAL, "fdopen w of a read-only descriptor: EINVAL", "errno %d", errno);
	close(fd);

	{
		char s[8], c2[3] = { 0, 0, 0 };
		int k = -1, m = 0;
		n = sscanf("  -42 abcdef xy%rest", "%d %3s%n%*s %2c", &a, s, &k, c2);
		ft_check(n == 3 && a == -42 && strcmp(s, "abc") == 0 && k == 9 && strcmp(c2, "xy") == 0, "sscanf %d, %3s, %n, %*s, %2c",
		    "n %d a %d s '%s' k %d", n, a, s, k);
		n = sscanf("7:x", "%d:%c%n", &a, c2, &m);
		ft_check(n == 2 && a == 7 && c2[0] == 'x' && m == 3, "sscanf literal and %c", "n %d", n);
		ft_check(sscanf("", "%d", &a) == EOF && sscanf("abc", "%d", &a) == 0, "sscanf: EOF on empty input, 0 on a mismatch", "wrong");
		ft_check(sscanf("0x10 010 -7", "%i %i %u", &a, &k, &x) == 3 && a == 16 && k == 8 && x == (unsigned)-7,
		    "sscanf %i with bases, %u", "a %d k %d", a, k);
		ft_check(sscanf("key=value;", "%[a-z]=%[^;]", s, buf) == 2 && strcmp(s, "key") == 0 && strcmp(buf, "value") == 0,
		    "sscanf %[set] and %[^set]", "s '%s' buf '%s'", s, buf);
	}

	f = fopen("/tmp/s4", "w");
	ft_check(f != NULL && freopen("/tmp/s5", "w", f) == f && fputs("reopened", f) != EOF && fclose(f) == 0 &&
	    strcmp(ft_slurp("/tmp/s5"), "reopened") == 0, "freopen switches the stream to another file", "got '%s'", ft_slurp("/tmp/s5"));
	ft_check(remove("/tmp/s5") == 0 && stat("/tmp/s5", &st) == -1 && errno == ENOENT, "remove a file", "errno %d", errno);
	ft_check(mkdir("/tmp/sd", 0755) == 0 && remove("/tmp/sd") == 0 && stat("/tmp/sd", &st) == -1, "remove an empty directory",
	    "errno %d", errno);

	f = fopen("/tmp/s6", "w");
	ft_check(f != NULL && setvbuf(f, NULL, _IONBF, 0) == 0 && fputs("now", f) != EOF && strcmp(ft_slurp("/tmp/s6"), "now") == 0,
	    "setvbuf _IONBF: output is written at once", "got '%s'", ft_slurp("/tmp/s6"));
	fclose(f);
	f = fopen("/tmp/s6", "w");
	ft_check(f != NULL && fputs("later", f) != EOF && strcmp(ft_slurp("/tmp/s6"), "") == 0 && fflush(NULL) == 0 &&
	    strcmp(ft_slurp("/tmp/s6"), "later") == 0, "a full-buffered stream waits for fflush(NULL)", "got '%s'", ft_slurp("/tmp/s6"));
	fclose(f);
}

/* The child's copy of an unflushed buffer is written again when the child exits (real libc does this too). */
static void fork_and_buffers(void)
{
	FILE *f = fopen("/tmp/s7", "w");
	pid_t pid;
	int st;

	fputs("unflushed\n", f);
	pid = fork();
	if (pid == 0)
		exit(0);	/* exit() flushes the child's copy */
	waitpid(pid, &st, 0);
	fclose(f);
	ft_check(strcmp(ft_slurp("/tmp/s7"), "unflushed\nunflushed\n") == 0, "a fork child inherits unflushed output",
	    "got '%s'", ft_slurp("/tmp/s7"));

	f = fopen("/tmp/s8", "w");
	fputs("flushed\n", f);
	fflush(f);
	pid = fork();
	if (pid == 0) {
		fputs("child\n", f);
		exit(0);
	}
	waitpid(pid, &st, 0);
	fclose(f);
	ft_check(strcmp(ft_slurp("/tmp/s8"), "flushed\nchild\n") == 0, "fflush before fork: written once; the child's own output follows",
	    "got '%s'", ft_slurp("/tmp/s8"));

	pid = fork();
	if (pid == 0) {
		f = fopen("/tmp/s9", "w");
		fputs("at exit", f);
		_exit(0);	/* _exit does not flush */
	}
	waitpid(pid, &st, 0);
	ft_check(strcmp(ft_slurp("/tmp/s9"), "") == 0, "_exit drops unflushed output", "got '%s'", ft_slurp("/tmp/s9"));
	pid = fork();
	if (pid == 0) {
		f = fopen("/tmp/s9", "w");
		fputs("at exit", f);
		exit(0);
	}
	waitpid(pid, &st, 0);
	ft_check(strcmp(ft_slurp("/tmp/s9"), "at exit") == 0, "exit flushes fopen'ed streams", "got '%s'", ft_slurp("/tmp/s9"));
}

int main(void)
{
	modes();
	update_and_seek();
	misc();
	fork_and_buffers();
	return ft_done();
}
