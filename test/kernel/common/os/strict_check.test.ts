/*
 * test/kernel/common/os/strict_check.test.ts — kernel/common/os/strict_check.ts (--check=strict):
 * clean programs pass under it, and a state broken on purpose in the middle of a run (from a
 * proc:::exec-success probe, i.e. in the kernel, just before the return to user) is caught at
 * that return: page accounting, a lock held, an anon count, the SPARC window state. The panic
 * names the violation and carries the last system calls. Without strict, the same breakage
 * goes unnoticed then.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, type BootOptions, type RunResult } from '../../../../boot/boot.ts';
import { vm_of } from '../../../../kernel/common/vm/vm_as.ts';
import { curkernel, curthread } from '../../../../kernel/common/os/kglobals.ts';
import { KMutex } from '../../../../kernel/common/sys/mutex.ts';
import type { Kernel } from '../../../../kernel/common/os/main.ts';
import type { Anon, AnonMap } from '../../../../kernel/common/vm/vm_anon.ts';
import type { SparcCpu } from '../../../../hw/sparc/cpu.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');

/** Run `name` with `o`; `breakit` runs in the kernel (curkernel) at the program's exec-success. */
function run(name: string, o: Partial<BootOptions>, breakit?: (k: Kernel) => void): RunResult {
  const image = new Uint8Array(readFileSync(join(BIN, name)));
  let done = false;
  const traceProc = breakit ? (line: string) => {
    if (!done && line.startsWith('proc:::exec-success') && line.includes(`path=/bin/${name}`)) { done = true; breakit(curkernel() as Kernel); }
  } : undefined;
  return run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 500_000_000, traceProc, ...o }, image, [name]);
}

/** Some anon slot of the current process's address space (its stack is touched by exec). */
function some_anon(k: Kernel): Anon {
  const p = curthread().t_procp;
  for (const seg of p.p_as!.a_segs) {
    const amp = (seg.s_data as { amp?: AnonMap | null }).amp;
    const ap = amp?.ahp.find((x) => x !== null);
    if (ap) return ap;
  }
  void k;
  throw new Error('no anon slot');
}

const BREAKS: [string, (k: Kernel) => void, RegExp][] = [
  ['freemem off by one', (k) => { vm_of(k).pages.freemem++; }, /freemem is \d+ but the free list has \d+ pages/],
  ['a lock held into user mode', () => { curthread().t_locks.push(new KMutex('pipe_lock', 'stray_lock')); }, /returns to user holding stray_lock/],
  ['an anon count too low', (k) => { some_anon(k).an_refcnt = 0; }, /an_refcnt 0 but 1 maps hold it/],
  ['no invalid window', (k) => { (k.machine.cpus[curthread().t_cpu] as SparcCpu).wim = 0; }, /WIM is 0x0: not one window/],
];

describe('kernel/common/os/strict_check (--check=strict)', function () {
  this.timeout(120_000);

  for (const name of ['hello', 'fork_cow', 'mm_shm', 'sig_handler', 'smp_stress', 'fs_limits']) {
    it(`${name} runs clean under --check=strict`, () => {
      const r = run(name, { check: true, strict: true, cpus: 2 });
      expect(r.halt.why, r.halt.message).to.equal('exit');
      expect(r.leaks).to.deep.equal([]);
    });
  }

  for (const [what, breakit, re] of BREAKS) {
    it(`catches ${what} at the next return to user, with the last system calls`, () => {
      const r = run('hello', { check: true, strict: true, cpus: 1 }, breakit);
      expect(r.halt.why, r.halt.message).to.equal('panic');
      expect(r.halt.message).to.match(/strict_check/).and.match(re);
      expect(r.halt.message).to.match(/the last \d+ system calls:\n.*execve\(/s);
      const plain = run('hello', { cpus: 1 }, breakit);
      expect(plain.halt.message).to.not.match(/strict_check/);
    });
  }
});
