/*
 * kernel/common/os/exec.ts — exec of an ELF image into a process (uts/common/os/exec.c with
 * exec/elf/elf.c doing the mapping): a new address space from the image, the heap and stack
 * bookkeeping in the proc, and fresh user registers for the LWP. The execve system call and
 * relvm/close-on-exec come with the fork-layer work.
 */

import type { Kernel } from './main.ts';
import type { Proc } from '../sys/proc.ts';
import type { Lwp } from '../sys/klwp.ts';
import { as_alloc, as_free, vm_of } from '../vm/vm_as.ts';
import { elf_load } from '../exec/elf.ts';

/**
 * exec_image — replace p's address space with `bytes` (an ELF executable) and point the LWP at
 * its entry. Returns errno (ENOEXEC, E2BIG, ENOMEM); on failure p is unchanged.
 */
export function exec_image(k: Kernel, p: Proc, lwp: Lwp, bytes: Uint8Array, argv: string[], envp: string[]): number {
  const as = as_alloc(vm_of(k));
  const r = elf_load(as, bytes, argv, envp, k.md.elf);
  if (r.error) {
    as_free(as);
    if (r.reason) k.log(`exec: ${argv[0] ?? '?'}: ${r.reason}`);
    return r.error;
  }
  if (p.p_as) as_free(p.p_as);
  p.p_as = as;
  p.p_brkbase = r.brkbase;
  p.p_brksize = 0;
  p.p_usrstack = r.usrstack;
  p.p_stksize = r.stksize;
  p.p_stk_ctl = r.stk_ctl;
  p.u_comm = (argv[0] ?? '').split('/').pop() ?? '';
  p.u_psargs = argv.join(' ').slice(0, 80);
  k.md.lwp_setregs(lwp, r.entry, r.sp);
  return 0;
}
