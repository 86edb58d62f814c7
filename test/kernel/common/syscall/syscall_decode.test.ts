/*
 * test/kernel/common/syscall/syscall_decode.test.ts — --trace syscalls names what truss names:
 * clock ids, interval timers, TIMER_ABSTIME, memcntl/priocntl commands, waitid idtypes and
 * options, umask's octal mask; other words stay numbers and addresses. On a booted machine the
 * trace of posix_waitid shows the decoded waitsys calls and their EINVAL.
 */

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode_args } from '../../../../kernel/common/syscall/syscall_decode.ts';
import { run_image, DEFAULT_BOOT, ROOT } from '../../../../boot/boot.ts';

describe('kernel/common/syscall/syscall_decode (--trace syscalls arguments)', () => {
  it('decodes the symbolic arguments of the time, timer, memory, class and wait calls', () => {
    expect(decode_args('clock_gettime', [3, 0xeffff000])).to.deep.equal(['CLOCK_REALTIME', '0xeffff000']);
    expect(decode_args('clock_getres', [5, 0])).to.deep.equal(['CLOCK_PROCESS_CPUTIME_ID', '0']);
    expect(decode_args('clock_gettime', [99, 0])).to.deep.equal(['99', '0']);
    expect(decode_args('setitimer', [1, 0x20000, 0])).to.deep.equal(['ITIMER_VIRTUAL', '0x20000', '0']);
    expect(decode_args('timer_settime', [0, 1, 0x20000, 0])).to.deep.equal(['0', 'TIMER_ABSTIME', '0x20000', '0']);
    expect(decode_args('umask', [0o27])).to.deep.equal(['027']);
    expect(decode_args('memcntl', [0, 0, 5, 3, 0, 0])).to.deep.equal(['0', '0', 'MC_LOCKAS', '3', '0', '0']);
    expect(decode_args('priocntlsys', [1, 0xeffff000, 3, 0xeffff100, 0])[2]).to.equal('PC_GETPARMS');
    expect(decode_args('waitsys', [7, 0, 0xeffff000, 0o103])).to.deep.equal(['P_ALL', '0', '0xeffff000', 'WEXITED|WTRAPPED|WNOHANG']);
    expect(decode_args('write', [1, 0xeffff000, 19])).to.deep.equal(['1', '0xeffff000', '19']);
  });

  it('decodes the semsys subcodes, semget keys and flags, semctl commands', () => {
    expect(decode_args('semsys', [1, 0, 3, 0o1600, 0])).to.deep.equal(['SEMGET', 'IPC_PRIVATE', '3', '0600|IPC_CREAT', '0']);
    expect(decode_args('semsys', [1, 0x5e3a, 1, 0o3600, 0])).to.deep.equal(['SEMGET', '24122', '1', '0600|IPC_CREAT|IPC_EXCL', '0']);
    expect(decode_args('semsys', [0, 7, 0, 10, 0])).to.deep.equal(['SEMCTL', '7', '0', 'IPC_RMID', '0']);
    expect(decode_args('semsys', [0, 7, 2, 8, 5])).to.deep.equal(['SEMCTL', '7', '2', 'SETVAL', '5']);
    expect(decode_args('semsys', [2, 7, 0xeffff000, 1, 0])).to.deep.equal(['SEMOP', '7', '0xeffff000', '1', '0']);
    expect(decode_args('lwp_sema_timedwait', [0xeffff000, 0, 0])).to.deep.equal(['0xeffff000', '0', '0']);
  });

  it('shows the semaphore calls in a booted run (posix_semsys_undo)', () => {
    const lines: string[] = [];
    const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'posix_semsys_undo')));
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 400_000_000, traceSyscalls: (l: string) => lines.push(l) },
      image, ['posix_semsys_undo']);
    expect(r.status).to.equal(0);
    expect(lines.some((l) => /^2\/1:\tsemsys\(SEMGET, IPC_PRIVATE, 3, 0600\|IPC_CREAT, \w+\)\t= \d+$/.test(l)), 'semget').to.equal(true);
    expect(lines.some((l) => /^2\/1:\tsemsys\(SEMCTL, \d+, 0, SETVAL, 0x10000\)\t= Err#34 ERANGE$/.test(l)), 'SETVAL ERANGE').to.equal(true);
    expect(lines.some((l) => /^2\/1:\tsemsys\(SEMCTL, \d+, 0, IPC_RMID, \d+\)\t= 0$/.test(l)), 'IPC_RMID').to.equal(true);
  });

  it('decodes path strings, open flags and modes, access modes', () => {
    const str = (uva: number): string | null => (uva === 0x1000 ? '/tmp/x' : null);
    expect(decode_args('open', [0x1000, 0x302, 0o644], str)).to.deep.equal(['"/tmp/x"', 'O_RDWR|O_CREAT|O_TRUNC', '0644']);
    expect(decode_args('open', [0x1000, 0, 0], str)).to.deep.equal(['"/tmp/x"', 'O_RDONLY', '0']);
    expect(decode_args('mkdir', [0x1000, 0o755], str)).to.deep.equal(['"/tmp/x"', '0755']);
    expect(decode_args('access', [0x1000, 6], str)).to.deep.equal(['"/tmp/x"', 'R_OK|W_OK']);
    expect(decode_args('access', [0x1000, 0], str)).to.deep.equal(['"/tmp/x"', 'F_OK']);
    expect(decode_args('chdir', [1], str)).to.deep.equal(['1']);
    expect(decode_args('unlink', [0x1000])).to.deep.equal(['4096']);
  });

  it('decodes the name calls (two paths), chmod modes and fcntl commands with their struct flock', () => {
    const str = (uva: number): string | null => (uva === 0x1000 ? 'a' : uva === 0x2000 ? 'b' : null);
    expect(decode_args('rename', [0x1000, 0x2000], str)).to.deep.equal(['"a"', '"b"']);
    expect(decode_args('link', [0x1000, 0x2000], str)).to.deep.equal(['"a"', '"b"']);
    expect(decode_args('symlink', [0x1000, 0x2000], str)).to.deep.equal(['"a"', '"b"']);
    expect(decode_args('readlink', [0x1000, 0x30000, 64], str)).to.deep.equal(['"a"', '0x30000', '64']);
    expect(decode_args('chmod', [0x1000, 0o600], str)).to.deep.equal(['"a"', '0600']);
    expect(decode_args('fchmod', [3, 0o444])).to.deep.equal(['3', '0444']);
    expect(decode_args('fcntl', [3, 1, 0])).to.deep.equal(['3', 'F_GETFD', '0']);
    const fl = new DataView(new ArrayBuffer(20));
    fl.setInt16(0, 2); fl.setInt16(2, 1); fl.setInt32(4, 10); fl.setInt32(8, 0);
    const mem = (uva: number) => (uva === 0x4000 ? { dv: fl, le: false } : null);
    expect(decode_args('fcntl', [3, 7, 0x4000], str, mem)).to.deep.equal(['3', 'F_SETLKW', '0x4000 {F_WRLCK SEEK_CUR start=10 len=0}']);
    expect(decode_args('fcntl', [3, 14, 0x5000], str, mem)).to.deep.equal(['3', 'F_GETLK', '0x5000']);
  });

  it('shows the file-system calls with their strings in a booted run (fs_cwd)', () => {
    const lines: string[] = [];
    const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'fs_cwd')));
    const r = run_image({ ...DEFAULT_BOOT, capture: true, maxCycles: 400_000_000, traceSyscalls: (l: string) => lines.push(l) },
      image, ['fs_cwd']);
    expect(r.status).to.equal(0);
    expect(lines).to.include.members(['2/1:	chdir("/tmp")	= 0', '2/1:	mkdir("ltpdir", 0755)	= 0',
      '2/1:	chdir("/nonexistent")	= Err#2 ENOENT', '2/1:	unlink("testfile")	= 0']);
    expect(lines.some((l) => /^2\/1:	open\("testfile", O_RDWR\|O_CREAT\|O_TRUNC, 0644\)	= \d+$/.test(l))).to.equal(true);
  });

  it('shows the name calls and struct flock in booted runs (fs_links, fs_flock)', () => {
    const trace = (prog: string): string[] => {
      const lines: string[] = [];
      const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', prog)));
      const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 2_000_000_000, traceSyscalls: (l: string) => lines.push(l) },
        image, [prog]);
      expect(r.status).to.equal(0);
      return lines;
    };
    const ln = trace('fs_links');
    expect(ln).to.include.members(['2/1:\trename("/tmp/ln/a", "/tmp/ln/c")\t= 0', '2/1:\tsymlink("b", "/tmp/ln/sl")\t= 0',
      '2/1:\tlink("/tmp/ln/d2", "/tmp/ln/d3")\t= Err#1 EPERM']);
    expect(ln.some((l) => /^2\/1:\treadlink\("\/tmp\/ln\/sl", 0x[0-9a-f]+, 64\)\t= 1$/.test(l))).to.equal(true);
    const fl = trace('fs_flock');
    expect(fl.some((l) => /^2\/1:\tfcntl\(3, F_SETLK, 0x[0-9a-f]+ \{F_WRLCK SEEK_SET start=10 len=10\}\)\t= 0$/.test(l))).to.equal(true);
    expect(fl.some((l) => /\tfcntl\(3, F_SETLKW, 0x[0-9a-f]+ \{F_RDLCK SEEK_SET start=3 len=1\}\)\t= Err#4 EINTR$/.test(l))).to.equal(true);
  });

  it('shows up in a booted run', () => {
    const lines: string[] = [];
    const image = new Uint8Array(readFileSync(join(ROOT, 'userland', 'bin', 'sparc', 'posix_waitid')));
    const r = run_image({ ...DEFAULT_BOOT, fsDirs: [], capture: true, maxCycles: 200_000_000, traceSyscalls: (l: string) => lines.push(l) },
      image, ['posix_waitid']);
    expect(r.status).to.equal(0);
    expect(lines).to.include.members(['2/1:\twaitsys(P_PID, 30000, 0xeffffe30, WEXITED)\t= Err#22 EINVAL']);
    expect(lines.some((l) => /^2\/1:\twaitsys\(P_PPID, 2, 0x[0-9a-f]+, WEXITED\)\t= Err#22 EINVAL$/.test(l))).to.equal(true);
  });
});
