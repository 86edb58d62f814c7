/*
 * test/userland/sbin/init.test.ts — /sbin/init (userland/sbin/init.c) on the booted machine:
 * `init -c PROGRAM ARGS...` runs the program with argv[0] = its base name and exits with its exit
 * code (or 128 + the signal that killed it) without printing anything; a program that cannot be
 * run gives 127 and one message; plain `init` runs the demo, whose lines come from what the
 * processes observed (pids, COW, vfork, forkall vs fork1, the process tree).
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run_image, DEFAULT_BOOT, ROOT, type BootOptions } from '../../../boot/boot.ts';
import '../../../kernel/sparc/sendsig.ts';

const BIN = join(ROOT, 'userland', 'bin', 'sparc');
const INIT = new Uint8Array(readFileSync(join(BIN, 'init')));

function boot_init(argv: string[], extra: Partial<BootOptions> = {}) {
  const o = Object.assign({}, DEFAULT_BOOT, { capture: true, check: true, maxCycles: 500_000_000, direct: true }, extra);
  const r = run_image(o, INIT, argv);
  return { ...r, out: r.machine.console.output() };
}

describe('userland/sbin/init', () => {
  it('init -c passes the exit code through and prints nothing', () => {
    const r = boot_init(['init', '-c', '/bin/fork_helper', 'exit', '42']);
    expect(r.halt.why, r.halt.message).to.equal('exit');
    expect(r.status).to.equal(42);
    expect(r.out).to.equal('');
    expect(r.leaks).to.deep.equal([]);
  });

  it('init -c gives the program argv[0] = the base name of PROGRAM and the rest of ARGS', () => {
    expect(boot_init(['init', '-c', '/bin/fork_helper', 'argv0', 'fork_helper']).status).to.equal(0);
    expect(boot_init(['init', '-c', '/bin/fork_helper', 'argv0', '/bin/fork_helper']).status).to.equal(1);
    expect(boot_init(['init', '-c', '/bin/fork_helper', 'args', 'A', 'B c', '']).status).to.equal(0);
  });

  it('init -c exits with 128 + signal when the program is killed', () => {
    const r = boot_init(['init', '-c', '/bin/fork_helper', 'kill', '15']);
    expect(r.status).to.equal(128 + 15);
    expect(r.out).to.equal('');
  });

  it('init -c searches PATH for a bare name and reports a program it cannot run', () => {
    expect(boot_init(['init', '-c', 'fork_helper', 'exit', '3']).status).to.equal(3);
    const r = boot_init(['init', '-c', '/bin/no_such_program']);
    expect(r.status).to.equal(127);
    expect(r.out).to.match(/^init: cannot run \/bin\/no_such_program: .+\n$/);
  });

  it('init -c reaps orphans and the program still gets its status', () => {
    const r = boot_init(['init', '-c', '/bin/fork_orphan']);
    expect(r.out).to.contain('PASS orphan.reparented_to_init');
    expect(r.out).to.not.contain('FAIL');
    expect(r.status).to.equal(0);
    expect(r.leaks).to.deep.equal([]);
  });

  it('plain init runs the demo and exits 0', () => {
    const r = boot_init(['init']);
    expect(r.halt.why, r.halt.message).to.equal('exit');
    expect(r.status, r.out).to.equal(0);
    expect(r.out).to.match(/^forkvm init: pid 1,/);
    expect(r.out).to.match(/fork: +parent pid 1, fork\(\) returned (\d+), child exited 3, counter still 7/);
    expect(r.out).to.match(/fork: +child +pid \d+, getppid\(\) = 1, sets counter = 42/);
    expect(r.out).to.match(/vfork: +child \d+ shared our stack: buf = "written by the vfork child", step = 2/);
    expect(r.out).to.contain('argv[1] = from-a-vfork-child');
    expect(r.out).to.match(/forkall: +child \d+: worker count (\d+) -> (\d+), pthread_join\(worker\) = 0/);
    expect(r.out).to.match(/fork1: +child \d+: worker count (\d+) -> \1, pthread_join\(worker\) = ESRCH/);
    // the tree: init at the root, then five processes, each listed under the parent it reported
    const rows = r.out.split('\n').filter((l) => /^ +\d+ +\d+  /.test(l)).map((l) => l.trim().split(/ +/));
    expect(rows.length).to.equal(6);
    expect(rows[0]).to.deep.equal(['1', '0', 'init']);
    const pids = new Set(rows.map((x) => x[0]));
    for (const row of rows.slice(1)) expect(pids.has(row[1]), `parent of ${row.join(' ')} listed`).to.equal(true);
    expect(r.out).to.match(/forkvm init: done\n$/);
    expect(r.leaks).to.deep.equal([]);
  });
});
