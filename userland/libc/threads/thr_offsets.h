/*
 * thr_offsets.h — offsets in __thr_t (thr_impl.h) that the i386 assembly uses; thr.c checks them
 * against the structure with _Static_assert.
 */
#ifndef _THR_OFFSETS_H
#define _THR_OFFSETS_H
#define T_SELF_OFF 52		/* __thr_t.t_self (i386 only) */
#define T_VFORK_OFF 56		/* __thr_t.t_vfork[2] (i386 only) */
#endif
