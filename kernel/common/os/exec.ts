/*
 * kernel/common/os/exec.ts — exec (uts/common/os/exec.c with exec/elf/elf.c doing the mapping):
 * exec_image builds a new address space from an ELF image and points the lwp at its entry;
 * the execve (59) and exec (11) system calls read path/argv/envp from the caller, find the file
 * in the RAM file system (a relative path from the current directory, which exec keeps), and past the point of no return release the old image (relvm: a vfork
 * child hands the address space back to its waiting parent), close close-on-exec files and reset
 * caught signals.
 */

import type { Kernel } from './main.ts';
import type { Proc } from '../sys/proc.ts';
import type { Lwp } from '../sys/klwp.ts';
import type { KGen } from '../sys/thread.ts';
import { as_alloc, as_free, vm_of, type As } from '../vm/vm_as.ts';
import { elf_load, type ElfLoadResult } from '../exec/elf.ts';
import { curkernel, curthread } from './kglobals.ts';
import { copyinstr, fuword32 } from './copy.ts';
import { E2BIG, EACCES, EFAULT, EINTR, ENOENT, ENOEXEC, ENOMEM } from '../sys/errno.ts';
import { VDIR, VREG } from '../fs/vnode.ts';
import { RamFile, RAMFS_DATA_MAX } from '../fs/ramfs.ts';
import { relvm } from './fork.ts';
import { exitlwps } from './exit.ts';
import { close_exec } from '../fs/flist.ts';
import { sigexec } from './sig.ts';
import { timer_exit } from './timer.ts';
import { mutex_enter, mutex_exit } from '../sys/mutex.ts';

/** ss_flags: the alternate stack is disabled (sys/signal.h). */
const SS_DISABLE = 2;
import { probe_fire } from './probes.ts';
import { kdi_on, kdi_check } from './kdi.ts';
import type { SysRet } from '../syscall/syscall_table.ts';

/** Load `bytes` into a fresh address space; the caller installs it. */
function load(k: Kernel, bytes: Uint8Array, argv: string[], envp: string[]): { as: As; r: ElfLoadResult } {
  const as = as_alloc(vm_of(k));
  const r = elf_load(as, bytes, argv, envp, k.md.elf);
  if (r.error) as_free(as);
  return { as, r };
}

/** Install a loaded image in p (the old address space is already gone). */
function install(k: Kernel, p: Proc, lwp: Lwp, as: As, r: ElfLoadResult, argv: string[]): void {
  p.p_as = as;
  p.p_brkbase = r.brkbase;
  p.p_brksize = 0;
  p.p_usrstack = r.usrstack;
  p.p_stksize = r.stksize;
  p.p_stk_ctl = r.stk_ctl;
  p.u_comm = (argv[0] ?? '').split('/').pop() ?? '';
  p.u_psargs = argv.join(' ').slice(0, 80);
  k.md.lwp_setregs(lwp, r.entry, r.sp);
}

/**
 * exec_image — the boot path: give p (no address space yet) the image `bytes`. Returns errno
 * (ENOEXEC, E2BIG, ENOMEM); on failure p is unchanged.
 */
export function exec_image(k: Kernel, p: Proc, lwp: Lwp, bytes: Uint8Array, argv: string[], envp: string[]): number {
  const { as, r } = load(k, bytes, argv, envp);
  if (r.error) {
    if (r.reason) k.log(`exec: ${argv[0] ?? '?'}: ${r.reason}`);
    return r.error;
  }
  if (p.p_as) as_free(p.p_as);
  install(k, p, lwp, as, r, argv);
  return 0;
}

/** Read a NULL-terminated array of user string pointers. */
function copy_strings(as: As, uva: number, maxtotal: number): { error: number; list: string[] } {
  const list: string[] = [];
  if (uva === 0) return { error: 0, list };
  let total = 0;
  for (let i = 0; ; i++) {
    const w = fuword32(as, (uva + i * 4) >>> 0);
    if (w.error) return { error: EFAULT, list };
    if (w.value === 0) break;
    const s = copyinstr(as, w.value >>> 0, 65536);
    if (s.error) return { error: s.error, list };
    total += s.str.length + 1;
    if (total > maxtotal) return { error: E2BIG, list };
    list.push(s.str);
  }
  return { error: 0, list };
}

/** exece — execve(path, argv, envp). */
export function* exece(args: number[]): KGen<SysRet> {
  const k = curkernel();
  const t = curthread();
  const p = t.t_procp;
  const fail = (e: number): SysRet => ({ error: e, rval1: 0, rval2: 0 });
  if (!p.p_as) return fail(EFAULT);
  const path = copyinstr(p.p_as, args[0] >>> 0, 1024);
  if (path.error) return fail(path.error);
  const av = copy_strings(p.p_as, args[1] >>> 0, 1 << 20);
  if (av.error) return fail(av.error);
  const ev = copy_strings(p.p_as, (args[2] ?? 0) >>> 0, 1 << 20);
  if (ev.error) return fail(ev.error);
  const v = k.fs.lookup(path.str, p.u_cdir);
  if (!v) return fail(ENOENT);
  if (v.v_type === VDIR) return fail(EACCES);
  if (v.v_type !== VREG || !(v instanceof RamFile)) return fail(EACCES);
  // A writable file is copied out of its blocks to be parsed: bound that copy.
  if (v.writable && v.size() > RAMFS_DATA_MAX) return fail(ENOMEM);
  probe_fire(k, 'proc', 'exec', { pid: p.p_pid, path: path.str });
  if (kdi_on) yield* kdi_check();
  const { as, r } = load(k, v.data, av.list, ev.list);
  if (r.error) {
    probe_fire(k, 'proc', 'exec-failure', { pid: p.p_pid, errno: r.error });
    return fail(r.error === ENOEXEC ? ENOEXEC : r.error);
  }
  // Point of no return: the other lwps go, then the old image (or it goes back to a vfork parent).
  // Another lwp is exec'ing or exiting already: this exec fails with EINTR (exitlwps).
  if (p.p_lwpcnt > 1 && !(yield* exitlwps(p, t))) {
    as_free(as);
    probe_fire(k, 'proc', 'exec-failure', { pid: p.p_pid, errno: EINTR });
    return fail(EINTR);
  }
  yield* relvm();
  install(k, p, t.t_lwp!, as, r, av.list);
  close_exec(p);
  sigexec(p);
  // POSIX timers are deleted; the alarm and interval timers stay. The alternate signal stack was
  // in the old image: exec_common disables it. Memory locks went with the old address space.
  yield* mutex_enter(p.p_lock);
  timer_exit(k, p);
  mutex_exit(p.p_lock);
  t.t_lwp!.lwp_sigaltstack = { ss_sp: 0, ss_size: 0, ss_flags: SS_DISABLE };
  p.p_mlockall = 0;
  p.p_mlocked = [];
  p.p_flag |= 0x4000; // SEXECED
  // The lwp is on this CPU: load the new registers and address space now.
  k.md.lwp_load(k.machine.cpus[t.t_cpu], t.t_lwp!);
  probe_fire(k, 'proc', 'exec-success', { pid: p.p_pid, path: path.str });
  if (kdi_on) yield* kdi_check();
  return { error: 0, rval1: 0, rval2: 0 };
}

/** exec(path, argv) — the old two-argument form (11). */
export function exec(args: number[]): KGen<SysRet> {
  return exece([args[0], args[1], 0]);
}

