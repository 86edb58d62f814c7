/*
 * test/system/determinism.test.ts — the same program with the same flags runs the same way twice:
 * identical console output, exit status, instruction and cycle counts (in total and per CPU),
 * machine time, and final physical memory (16 MiB machines), with 1 and with 2 CPUs. Programs:
 * hello (with arguments), diff_setjmp (window flushes, setjmp/longjmp, stdio), bench_fork
 * (1 MiB touched, 4 fork+wait: parent and child on two CPUs at once) and posix_alarm (alarm,
 * interval and POSIX timers firing on the cycle clock, CPU-time timers, fork and exec); on x86,
 * hello, posix_alarm and fork_threads (forkall of a threaded process on two CPUs).
 */

import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT } from '../../boot/boot.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const PROGRAMS: { name: string; args: string[]; arch: 'sparc' | 'x86' }[] = [
  { name: 'hello', args: ['one', 'two three'], arch: 'sparc' },
  { name: 'diff_setjmp', args: [], arch: 'sparc' },
  { name: 'bench_fork', args: ['1', '4'], arch: 'sparc' },
  { name: 'posix_alarm', args: [], arch: 'sparc' },
  { name: 'hello', args: ['one', 'two three'], arch: 'x86' },
  { name: 'posix_alarm', args: [], arch: 'x86' },
  { name: 'fork_threads', args: [], arch: 'x86' },
];

/** Everything that must repeat, as one comparable object. */
function fingerprint(name: string, args: string[], cpus: number, arch: 'sparc' | 'x86' = 'sparc') {
  const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', arch, name)));
  const r = run_image({ ...DEFAULT_BOOT, arch, fsDirs: [], cpus, memBytes: 16 << 20, capture: true, maxCycles: 500_000_000 }, image, [name, ...args]);
  const m = r.machine;
  return {
    halt: r.halt.why,
    status: r.status,
    output: m.console.output(),
    instructions: r.instructions,
    cycles: r.cycles,
    perCpu: m.cpus.map((c) => [c.instructions, c.cycles]),
    now: m.now,
    clockTicks: m.clock.ticks,
    memory: createHash('sha256').update(m.mem.bytes).digest('hex'),
  };
}

describe('system: determinism', () => {
  for (const { name, args, arch } of PROGRAMS) {
    for (const cpus of [1, 2]) {
      it(`${arch}: ${name} with ${cpus} CPU(s): two runs are identical`, function () {
        if (!existsSync(join(ROOT, 'userland', 'bin', arch, name))) this.skip();
        const a = fingerprint(name, args, cpus, arch);
        const b = fingerprint(name, args, cpus, arch);
        expect(a.halt, 'the program ran to its exit').to.equal('exit');
        expect(a.status).to.equal(0);
        expect(a.instructions).to.be.greaterThan(1000);
        expect(a.output.length).to.be.greaterThan(0);
        expect(b).to.deep.equal(a);
      });
    }
  }

  it('the fingerprint tells different runs apart (different arguments)', function () {
    if (!existsSync(join(BIN, 'hello'))) this.skip();
    const a = fingerprint('hello', ['x'], 1);
    const b = fingerprint('hello', ['xy'], 1);
    expect(b.output).to.not.equal(a.output);
    expect(b.instructions).to.not.equal(a.instructions);
    expect(b.memory).to.not.equal(a.memory);
  });
});
