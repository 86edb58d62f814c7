/*
 * test/debug/gdb_harness.ts — what the gdb stub's tests share: a program started as `forkvm run`
 * starts it (SPARC or i386), stopped at its entry point with a stub on it; driving the stub one
 * packet at a time; and finding gdb-multiarch for the tests that run the real one.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { start_image, DEFAULT_BOOT, ROOT } from '../../boot/boot.ts';
import { DebugTarget } from '../../debug/target.ts';
import { GdbStub } from '../../debug/gdb_stub.ts';
import { gdb_stop_at_entry } from '../../debug/gdb_server.ts';
import type { IsaName } from '../../hw/machine.ts';

/** A started program: its stub and target, its image and what it has printed so far. */
export interface StubSession { stub: GdbStub; tgt: DebugTarget; image: Uint8Array; out: () => string }

/** session — boot userland/bin/<arch>/<name> as `forkvm run` does and stop it at its entry point. */
export function session(name: string, arch: IsaName = 'sparc'): StubSession {
  const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', arch, name)));
  let out = '';
  const st = start_image({ ...DEFAULT_BOOT, arch, fsDirs: [], sink: (b) => { out += Buffer.from(b).toString('latin1'); return true; } }, image, [name]);
  const tgt = new DebugTarget(st.kernel, st.machine);
  const at = gdb_stop_at_entry(tgt, '/bin/' + name, image);
  if ('error' in at) throw new Error(at.error);
  return { stub: new GdbStub(tgt, at.pid), tgt, image, out: () => out };
}

/** drive — send one packet; when it resumes the machine, run slices until the stop reply. */
export function drive(stub: GdbStub, pkt: string): string | null {
  let r = stub.handle(pkt);
  for (let i = 0; stub.state === 'running' && i < 100000; i++) r = stub.run_slice();
  return r;
}

/** find_gdb — where gdb-multiarch is (GDB_MULTIARCH overrides; empty: as if missing), or null. */
export function find_gdb(): string | null {
  if (process.env.GDB_MULTIARCH !== undefined) return process.env.GDB_MULTIARCH || null;
  const r = spawnSync('sh', ['-c', 'command -v gdb-multiarch'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
