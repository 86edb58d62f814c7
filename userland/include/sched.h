/*
 * sched.h — sched_yield() on the Solaris yield trap (146). Leaves out scheduling parameters.
 */
#ifndef _SCHED_H
#define _SCHED_H

/* sched_yield(): gives up the CPU; always 0. */
int sched_yield(void);
/* yield(): the Solaris name of the same call. */
void yield(void);

#endif
