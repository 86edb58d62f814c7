/*
 * nl_types.h — message catalogs: catopen/catgets/catclose (mirrors Solaris <nl_types.h>;
 * NL_SETD and NL_CAT_LOCALE have the Solaris values). Catalogs are the files /bin/gencat
 * writes (format in libc/gen/catalog.h). Leaves out the locale-dependent NLSPATH defaults.
 */
#ifndef _NL_TYPES_H
#define _NL_TYPES_H

#define NL_SETD 1		/* the set of messages before any $set */
#define NL_CAT_LOCALE 1		/* catopen oflag: use LC_MESSAGES (else LANG) for %L in NLSPATH */
#define NL_SETMAX 1024
#define NL_MSGMAX 32767
#define NL_TEXTMAX 2048

/* nl_catd — an open catalog: its whole file, read into memory (so it is copied by fork). */
typedef struct __nl_catd {
	char *__data;
	unsigned int __size;
} *nl_catd;
typedef int nl_item;

/*
 * catopen(): name with a '/' is the file itself; otherwise each element of NLSPATH (%N name,
 * %L/%l locale, %% a percent sign; unset: /usr/lib/locale/%L/LC_MESSAGES/%N.cat) is tried.
 * A descriptor, or (nl_catd)-1 with errno (ENOENT, EINVAL for a file that is not a catalog, ENOMEM).
 */
nl_catd catopen(const char *name, int oflag);
/* catgets(): message msg_id of set set_id, or s when there is none (errno ENOMSG, EBADF for a bad catd). */
char *catgets(nl_catd catd, int set_id, int msg_id, const char *s);
/* catclose(): frees the catalog; 0, or -1 with EBADF. */
int catclose(nl_catd catd);

#endif
