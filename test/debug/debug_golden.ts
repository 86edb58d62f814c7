/*
 * test/debug/debug_golden.ts — the scripted debugger sessions whose transcripts are golden files in
 * test/golden/debug/NAME.out (regenerate with `npx tsx scripts/gen_debug_golden.ts`): each names
 * how the machine boots (the demo's init, or a program run through init -c) and the commands.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start_image, DEFAULT_BOOT, ROOT, type BootOptions } from '../../boot/boot.ts';
import { transcript } from '../../debug/repl.ts';
import '../../kernel/sparc/sendsig.ts';

export interface Scenario { name: string; program: string | null; args?: string[]; opts?: Partial<BootOptions>; cmds: string[] }

export const GOLDEN_DIR = join(ROOT, 'test', 'golden', 'debug');

/** Run scenario s in-process; returns its transcript. */
export function run_scenario(s: Scenario): string {
  const bin = (n: string) => new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', n)));
  return transcript((sink) => {
    const o: BootOptions = { ...DEFAULT_BOOT, fsDirs: [], ...s.opts, sink };
    return s.program === null
      ? start_image({ ...o, direct: true }, bin('init'), ['/sbin/init'], [])
      : start_image(o, bin(s.program), [s.program, ...(s.args ?? [])], []);
  }, s.cmds);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'forkall', program: null,
    cmds: ['::bp -s forkall', ':c', '::delete 1', '::bp forklwp', ':c', '::findstack', '::delete 2', '::bp proc:::create', ':c',
      '::ps -l', '::ptree', '0x24000::cow', '::delete all', '::bp cow', ':c', '::cow 0x24000', '0x1a::pageowners', '$b'],
  },
  {
    name: 'contention', program: 'smp_forkers', opts: { cpus: 2, lockstat: true },
    // The first contention on cpu 0 is a waitid; the second, the one shown, is inside cfork's getproc.
    cmds: ['::bp -c 0 lock pidlock contend', ':c', ':c', '::findstack', 'pidlock::mutex', 'f8000c00::findstack -v', '::locks', '::deadlock',
      '::cpuinfo', '::stacks -c cfork', '::delete all', ':c', '::lockstat'],
  },
  {
    name: 'vfork', program: null,
    cmds: ['::bp proc:::create', ':c', ':c', ':c', '::forkgraph', '::delete all', '::bp proc:::exec-success', ':c', '::forkgraph', '::as'],
  },
  {
    // A watchpoint on a copy-on-write page (the data page fork shared): the child's store to it
    // (its own copy) goes by, the parent's stops the machine.
    name: 'watch', program: 'gdb_forks',
    cmds: ['::bp proc:::exec-success', ':c', '::delete all', 'shared_word::wp -p 2', '$b', ':c', 'shared_word/D', '::status', '::events 4', ':c'],
  },
  {
    name: 'windows', program: null,
    cmds: ['::bp cfork', ':c', '::windows', '$c', '::delete all', '::bp getproc', ':c', '::windows', '$c', '$r'],
  },
  {
    name: 'dcmds', program: null, opts: { lockstat: true },
    cmds: ['::help', '::help ps', '::walkers', '::walk proc', '::walk proc | ::print proc_t p_pid u_comm', 'f5000400::print proc_t',
      '::walk thread | ::print kthread_t t_tid t_state', '::walk lwp', '::walk cpu | ::print cpu_t cpu_id', 'f0900000::print cpu_t',
      'main::bp', ':c', '$b', '::thread', '::dis', 'main/X', 'main,3/i', 'main=K', '0t10=X', '0x10+0t6=D', '.=X', '::step', '::step 5', '::step over', '::step 3 -l f8000400', '::step -l fa000200',
      '::cycles 20000', '::status', '::as', 'f5000400::walk seg', 'f5000400::pmap', '::walk seg | ::seg', 'e0000080::print struct seg', '::walk proc | ::ps', '::dcmds',
      '0x10000::vtop', '0x24000::vtop', '0x7000000::vtop', 'f5000400::walk anon', '::msgbuf', '::kstat', '::events 6', '::lockstat',
      '::bp -t window_overflow', '::disable 2', '$b', '::enable 2', ':c', '::delete all', '0t1::context', '0t1::pid2proc', 'f0801000::print kmutex_t',
      '::bp -p 1 -f -s fork1', ':c', '::ptree', '::regs', '::cont', '$<test/golden/debug/macro.cmds', '$q', '::ps'],
  },
  {
    // A kernel panic leaves the debugger looking at the remains (here: waitid without its pidlock,
    // the test-only lock switch of test/system/lock_mutations.test.ts).
    name: 'panic', program: 'smp_forkers', opts: { cpus: 2, nolock: ['waitid'] },
    cmds: [':c', '::status', '::msgbuf', '::stacks', '::findstack', '::locks', ':c'],
  },
  {
    name: 'timetravel', program: null,
    // Time travel (debug/time_travel.ts): back and forth around the first copy-on-write break.
    cmds: ['::bp -s forkall', ':c', '::delete 1', '::bp cow', ':c', '::step 40', '::rstep 20', '::status', '::whowrote 0x24000',
      '::rcontinue', '::status', '::goto cycle 20000', '::status', '::goto start', '::status', '::rstep 0', '::goto later'],
  },
  {
    name: 'errors', program: null,
    cmds: ['::nosuch', 'f5000400::nosuch', 'nosuch::ps', '12345678::print proc_t', 'f5000400::print nosuch_t', 'f5000400::print proc_t p_nosuch',
      '::print proc_t', '::mutex', 'f5000400::mutex', '::bp nosuch', '::bp -s nosuch', '::bp proc:::nosuch', '::bp -t nosuch', '::bp lock',
      '::delete 99', '::walk nosuch', '::walk', ':z', '$z', '0x10(', '::step 0', '::cycles', '1/Q', '7fff0000/X', '$<', '$</no/such/file', '::wp', '0x10000::wp -L 0',
      '::ps -l', '::events 2'],
  },
];
