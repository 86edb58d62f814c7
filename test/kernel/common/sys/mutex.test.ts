/*
 * test/kernel/common/sys/mutex.test.ts — kernel mutexes and condition variables on a booted
 * machine with kernel threads of process 0: mutual exclusion with real blocking, hand-off order,
 * cv_wait/cv_broadcast, cv_wait_sig interrupted by sleep_interrupt, the lock-order check
 * (pidlock before p_lock) and deadlock detection naming both threads.
 */

import { expect } from 'chai';
import { run_threads } from './kthread_harness.ts';
import { KThread, T_PREEMPT, type KGen } from '../../../../kernel/common/sys/thread.ts';
import { KMutex, mutex_enter, mutex_exit, MUTEX_HELD } from '../../../../kernel/common/sys/mutex.ts';
import { KCondvar, cv_wait, cv_broadcast, cv_wait_sig, sleep_interrupt } from '../../../../kernel/common/sys/condvar.ts';
import { kpreempt } from '../../../../kernel/common/disp/kpreempt.ts';


describe('kernel/common/sys/mutex and condvar', () => {
  it('mutual exclusion: two threads incrementing under a mutex across preemption points', () => {
    const m = new KMutex('p_lock', 'test');
    let counter = 0, inside = 0, maxInside = 0;
    const body = () => function* (): KGen {
      for (let i = 0; i < 50; i++) {
        yield* mutex_enter(m);
        inside++; maxInside = Math.max(maxInside, inside);
        const v = counter;
        yield T_PREEMPT;            // give the other CPU a chance to interleave
        counter = v + 1;
        inside--;
        mutex_exit(m);
        yield T_PREEMPT;
      }
    };
    const { halt } = run_threads([body(), body()]);
    expect(halt.why).to.equal('deadlock'); // nothing left to run (no init): the normal end here
    expect(counter).to.equal(100);
    expect(maxInside).to.equal(1);
    expect(m.m_contended).to.be.greaterThan(0);   // the lock really was contended
  });

  it('MUTEX_HELD is true only for the owner', () => {
    const m = new KMutex('pidlock', 'test');
    const seen: boolean[] = [];
    run_threads([function* (): KGen {
      seen.push(MUTEX_HELD(m));
      yield* mutex_enter(m);
      seen.push(MUTEX_HELD(m));
      mutex_exit(m);
      seen.push(MUTEX_HELD(m));
    }]);
    expect(seen).to.deep.equal([false, true, false]);
  });

  it('cv_wait sleeps until cv_broadcast; cv_wait_sig returns 0 when interrupted', () => {
    const m = new KMutex('p_lock', 'cvtest');
    const cv = new KCondvar('cvtest');
    const log: string[] = [];
    let ready = false;
    let sleeper: KThread | null = null;
    run_threads([
      function* (): KGen {
        yield* mutex_enter(m);
        while (!ready) yield* cv_wait(cv, m);
        log.push('woken');
        mutex_exit(m);
      },
      function* (_k, self): KGen {
        sleeper = self;
        yield* mutex_enter(m);
        const r = yield* cv_wait_sig(cv, m, () => false);
        log.push(`sig-sleeper returned ${r}`);
        mutex_exit(m);
      },
      function* (): KGen {
        for (let i = 0; i < 3; i++) yield T_PREEMPT;
        sleep_interrupt(sleeper!);
        for (let i = 0; i < 3; i++) yield T_PREEMPT;
        yield* mutex_enter(m);
        ready = true;
        cv_broadcast(cv);
        mutex_exit(m);
      },
    ]);
    expect(log).to.deep.equal(['sig-sleeper returned 0', 'woken']);
  });

  it('taking pidlock while holding p_lock panics naming the order', () => {
    const { halt } = run_threads([function* (k): KGen {
      yield* mutex_enter(k.proc0.p_lock);
      yield* mutex_enter(k.pidlock);
    }]);
    expect(halt.why).to.equal('panic');
    expect(halt.message).to.match(/mutex_enter: lock order violation: .* takes pidlock while holding p_lock\[0\]/);
  });

  it('a cycle of waiters is a panic that names both threads and what they hold', () => {
    const a = new KMutex('p_lock', 'lockA');
    const b = new KMutex('p_lock', 'lockB');
    const { halt } = run_threads([
      function* (): KGen { yield* mutex_enter(a); yield T_PREEMPT; yield T_PREEMPT; yield* mutex_enter(b); },
      function* (): KGen { yield* mutex_enter(b); yield T_PREEMPT; yield T_PREEMPT; yield* mutex_enter(a); },
    ]);
    expect(halt.why).to.equal('panic');
    expect(halt.message).to.match(/deadlock/);
    expect(halt.message).to.contain('lockA');
    expect(halt.message).to.contain('lockB');
    expect(halt.message).to.match(/sched\[0\/100\].*sched\[0\/101\]|sched\[0\/101\].*sched\[0\/100\]/);
  });

  it('mutex_exit by a non-owner panics', () => {
    const m = new KMutex('p_lock', 'owned');
    const { halt } = run_threads([
      function* (): KGen { yield* mutex_enter(m); for (;;) yield T_PREEMPT; },
      function* (): KGen { yield T_PREEMPT; mutex_exit(m); },
    ]);
    expect(halt.why).to.equal('panic');
    expect(halt.message).to.match(/mutex_exit: .* releases owned owned by/);
  });

  it('kernel preemption points interleave two CPUs by cycle count', () => {
    const log: string[] = [];
    const body = (name: string, step: number) => function* (): KGen {
      for (let i = 0; i < 4; i++) { yield* kpreempt(step); log.push(`${name}${i}`); }
    };
    run_threads([body('a', 100), body('b', 150)]);
    // a at 100, 200, 300, 400; b at 150, 300, 450, 600: each event happens in cycle order.
    expect(log).to.deep.equal(['a0', 'b0', 'a1', 'a2', 'b1', 'a3', 'b2', 'b3']);
  });

  it('adaptive: a held lock is spun on while its owner runs on the other CPU, and exclusion holds', () => {
    const m = new KMutex('pidlock', 'spinme');
    let inside = 0, maxInside = 0;
    const body = () => function* (): KGen {
      for (let i = 0; i < 20; i++) {
        yield* mutex_enter(m);
        inside++; maxInside = Math.max(maxInside, inside);
        yield* kpreempt(300);       // work inside the critical section: the other CPU runs meanwhile
        inside--;
        mutex_exit(m);
        yield* kpreempt(50);
      }
    };
    const { k } = run_threads([body(), body()], 2, true);
    expect(maxInside).to.equal(1);
    const st = k.lockstat!.classes.get('pidlock')!;
    expect(st.acquired).to.equal(40);
    expect(st.spins).to.be.greaterThan(0);
    expect(st.spin_cycles).to.be.greaterThan(0);
    expect(st.blocks).to.equal(0);
    expect([...k.lockstat!.spin.keys()].some((key) => key.startsWith('spinme'))).to.equal(true);
  });

  it('adaptive: a contender blocks once the owner is off CPU (asleep holding the lock), and is handed it', () => {
    const m = new KMutex('pidlock', 'blockme');
    const inner = new KMutex('p_lock', 'inner');
    const cv = new KCondvar('nap');
    const log: string[] = [];
    let wake = false;
    run_threads([
      function* (): KGen {
        yield* mutex_enter(m);
        yield* mutex_enter(inner);
        while (!wake) yield* cv_wait(cv, inner);    // off CPU, still holding m
        mutex_exit(inner);
        log.push('owner releases');
        mutex_exit(m);
      },
      function* (): KGen {
        yield* kpreempt(500);
        yield* mutex_enter(m);                      // owner asleep: block, not spin
        log.push('contender has it');
        mutex_exit(m);
      },
      function* (): KGen {
        yield* kpreempt(5000);
        yield* mutex_enter(inner);
        wake = true;
        cv_broadcast(cv);
        mutex_exit(inner);
      },
    ], 2, true);
    expect(log).to.deep.equal(['owner releases', 'contender has it']);
  });

  it('lockstat records a block with its cycles and the caller when the owner is off CPU', () => {
    const m = new KMutex('pidlock', 'blockme');
    const inner = new KMutex('p_lock', 'inner');
    const cv = new KCondvar('nap');
    let wake = false;
    const { k } = run_threads([
      function* (): KGen {
        yield* mutex_enter(m);
        yield* mutex_enter(inner);
        while (!wake) yield* cv_wait(cv, inner);
        mutex_exit(inner);
        mutex_exit(m);
      },
      function* contender(): KGen { yield* kpreempt(500); yield* mutex_enter(m); mutex_exit(m); },
      function* (): KGen { yield* kpreempt(5000); yield* mutex_enter(inner); wake = true; cv_broadcast(cv); mutex_exit(inner); },
    ], 2, true);
    const st = k.lockstat!.classes.get('pidlock')!;
    expect(st.blocks).to.equal(1);
    expect(st.block_cycles).to.be.greaterThan(0);
    expect([...k.lockstat!.block.keys()]).to.deep.equal(['blockme\u0000contender']);
  });
});
