/*
 * test/kernel/common/sys/debug.test.ts — ASSERT / VERIFY / panic from kernel/common/sys/debug.ts:
 * the panic message format, the ASSERT switch (and that VERIFY ignores it), lazy messages, and the
 * small formatter panic() uses.
 */

import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ASSERT, VERIFY, KernelPanic, asserts_enabled, kformat, panic, set_asserts,
} from '../../../../kernel/common/sys/debug.ts';

// The setting at load time, before any test switches it.
const loadDefault = asserts_enabled();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

function caught(fn: () => unknown): KernelPanic {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(KernelPanic);
    return e as KernelPanic;
  }
  throw new Error('expected a KernelPanic, nothing was thrown');
}

describe('kernel/common/sys/debug', () => {
  let saved = true;
  beforeEach(() => { saved = set_asserts(true); });
  afterEach(() => { set_asserts(saved); });

  it('ASSERT is on by default, so in tests (run them without FORKVM_NDEBUG=1)', () => {
    expect(loadDefault).to.equal(true);
  });

  it('FORKVM_NDEBUG=1 in the environment turns ASSERT off at load', () => {
    const probe = (ndebug: string | undefined): string => {
      const env = { ...process.env };
      if (ndebug === undefined) delete env.FORKVM_NDEBUG; else env.FORKVM_NDEBUG = ndebug;
      const code = `const m = await import('./kernel/common/sys/debug.ts'); m.ASSERT(false, 'x');` +
        ` console.log(m.asserts_enabled());`;
      try {
        return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code],
          { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
      } catch (e) {
        return 'threw: ' + String((e as { stderr?: string }).stderr ?? e).split('\n').find((l) => l.includes('panic:'));
      }
    };
    expect(probe('1')).to.equal('false');
    expect(probe(undefined)).to.match(/^threw: .*panic: ASSERT: assertion failed: x/);
  });

  it('panic throws KernelPanic naming the calling function', () => {
    const e = caught(() => panic('cfork', 'no lwps in process %d', 7));
    expect(e.message).to.equal('panic: cfork: no lwps in process 7');
    expect(e.message.startsWith('panic: ')).to.equal(true);
    expect(e.func).to.equal('cfork');
    expect(e.panicstr).to.equal('no lwps in process 7');
    expect(e.name).to.equal('KernelPanic');
    expect(e).to.be.instanceOf(Error);
  });

  it('ASSERT panics on a false condition and passes on a true one', () => {
    expect(() => ASSERT(1 + 1 === 2, 'math')).to.not.throw();
    expect(() => ASSERT({}, 'objects are truthy')).to.not.throw();
    const e = caught(() => ASSERT(0, 'MUTEX_HELD(&p->p_lock)'));
    expect(e.message).to.equal('panic: ASSERT: assertion failed: MUTEX_HELD(&p->p_lock)');
    expect(caught(() => ASSERT(null)).message).to.equal('panic: ASSERT: assertion failed');
  });

  it('set_asserts(false) turns ASSERT off but not VERIFY, and returns the old setting', () => {
    expect(set_asserts(false)).to.equal(true);
    expect(asserts_enabled()).to.equal(false);
    expect(() => ASSERT(false, 'ignored')).to.not.throw();
    const e = caught(() => VERIFY(false, 'as_dup: segment list'));
    expect(e.message).to.equal('panic: VERIFY: assertion failed: as_dup: segment list');
    expect(set_asserts(true)).to.equal(false);
    expect(() => ASSERT(false)).to.throw(KernelPanic);
  });

  it('builds a lazy message only when the check fails', () => {
    let built = 0;
    const msg = () => { built++; return `p_lock held by t${built}`; };
    ASSERT(true, msg);
    VERIFY(true, msg);
    expect(built).to.equal(0);
    expect(caught(() => ASSERT(false, msg)).message).to.equal('panic: ASSERT: assertion failed: p_lock held by t1');
    expect(built).to.equal(1);
  });

  it('VERIFY narrows its condition for the type checker', () => {
    const maybe: { p_pid: number } | null = Math.random() >= 0 ? { p_pid: 3 } : null;
    VERIFY(maybe !== null);
    expect(maybe.p_pid).to.equal(3); // compiles only because VERIFY asserts its condition
  });

  it('kformat handles %s %d %u %x %p %% and odd argument counts', () => {
    expect(kformat('%s=%d', ['pid', 12.9])).to.equal('pid=12');
    expect(kformat('%u %x', [-1, -1])).to.equal('4294967295 ffffffff');
    expect(kformat('as %p', [0x1000])).to.equal('as 0x00001000');
    expect(kformat('100%% of %s', ['cpus'])).to.equal('100% of cpus');
    expect(kformat('%d and %d', [1])).to.equal('1 and ?');
    expect(kformat('tail', [1, 'x'])).to.equal('tail 1 x');
  });
});
