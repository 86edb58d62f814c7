/*
 * test/boot/fs_load.test.ts — boot/fs_load.ts: the --fs tree is sealed. Links that stay inside DIR
 * give the guest the file they name; links out of DIR, dangling links, loops (also through a
 * directory link), special files, oversize files and a file at sbin/init are refused with one
 * BadInput line — and through the CLI with exit status 2, never 70. An oversize PROGRAM too.
 */

import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, symlinkSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../boot/boot.ts';
import { BadInput, BOOT_FILE_MAX, fs_add_tree, read_host_file } from '../../boot/fs_load.ts';
import { RamFile, RamFs } from '../../kernel/common/fs/ramfs.ts';

const CLI = join(ROOT, 'bin', 'forkvm.js');
const BIN = join(ROOT, 'userland', 'bin', 'sparc');

function forkvm(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'latin1', input: '', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('boot/fs_load: --fs DIR and PROGRAM from the host', function () {
  this.timeout(60_000);
  const base = mkdtempSync(join(tmpdir(), 'forkvm-fsload-'));
  let n = 0;
  const fresh = () => { const d = join(base, `t${n++}`); mkdirSync(d); return d; };
  const refuse = (d: string, re: RegExp) => {
    expect(() => fs_add_tree(new RamFs(), d)).to.throw(BadInput, re);
  };
  after(() => rmSync(base, { recursive: true, force: true }));

  it('adds files and directories at their guest paths', () => {
    const d = fresh();
    mkdirSync(join(d, 'etc'));
    writeFileSync(join(d, 'etc', 'motd'), 'hello\n');
    const fs = new RamFs();
    fs_add_tree(fs, d);
    const f = fs.lookup('/etc/motd');
    expect(f).to.be.instanceOf(RamFile);
    expect(Buffer.from((f as RamFile).data).toString()).to.equal('hello\n');
  });

  it('--fs files are writable in the guest (copied on write) and the host file is never written', () => {
    const d = fresh();
    mkdirSync(join(d, 'etc'));
    writeFileSync(join(d, 'etc', 'motd'), 'hello\n');
    const fs = new RamFs();
    fs_add_tree(fs, d);
    const f = fs.lookup('/etc/motd') as RamFile;
    expect(f.vop_write(0, new Uint8Array([74]), 0).next().value).to.deep.equal({ error: 0, n: 1 });
    expect(Buffer.from(f.data).toString()).to.equal('Jello\n');
    expect(readFileSync(join(d, 'etc', 'motd'), 'latin1')).to.equal('hello\n');
    expect(fs.lookup('/etc/..')).to.equal(fs.root);                  // a --fs directory has its parent
    expect(fs.create('/etc/new', false).created).to.equal(true);
  });

  it('a symlink that resolves inside DIR gives the guest what it names (file and directory links)', () => {
    const d = fresh();
    mkdirSync(join(d, 'data'));
    writeFileSync(join(d, 'data', 'x'), 'inside');
    symlinkSync('data/x', join(d, 'lnk'));
    symlinkSync('data', join(d, 'dlnk'));
    const fs = new RamFs();
    fs_add_tree(fs, d);
    expect(Buffer.from((fs.lookup('/lnk') as RamFile).data).toString()).to.equal('inside');
    expect(Buffer.from((fs.lookup('/dlnk/x') as RamFile).data).toString()).to.equal('inside');
  });

  it('refuses a symlink out of DIR (absolute or through ..)', () => {
    const d = fresh();
    symlinkSync('/etc/passwd', join(d, 'pw'));
    refuse(d, /pw: symbolic link leads outside the directory/);
    const e = fresh();
    writeFileSync(join(base, 'secret'), 'host file');
    symlinkSync('../secret', join(e, 's'));
    refuse(e, /s: symbolic link leads outside the directory/);
  });

  it('refuses a link loop, a dangling link and a directory link back to its ancestor', () => {
    const a = fresh(); symlinkSync('loop', join(a, 'loop')); refuse(a, /loop: symbolic link loop/);
    const b = fresh(); symlinkSync('nowhere', join(b, 'dang')); refuse(b, /dang: dangling symbolic link/);
    const c = fresh(); mkdirSync(join(c, 'sub')); symlinkSync('..', join(c, 'sub', 'up')); refuse(c, /sub\/up: symbolic link loop/);
  });

  it('refuses sbin/init, special files, oversize files and names that collide with guest directories', () => {
    const a = fresh(); mkdirSync(join(a, 'sbin')); writeFileSync(join(a, 'sbin', 'init'), 'x'); refuse(a, /sbin\/init: would replace \/sbin\/init/);
    const b = fresh(); const r = spawnSync('mkfifo', [join(b, 'ff')]);
    if (r.status === 0) refuse(b, /ff: not a regular file, directory or symbolic link/);
    const c = fresh(); writeFileSync(join(c, 'big'), ''); truncateSync(join(c, 'big'), BOOT_FILE_MAX + 1);
    refuse(c, /big: \d+ bytes is over the 256 MiB limit/);
    const e = fresh(); writeFileSync(join(e, 'tmp'), 'x');
    const fs = new RamFs();
    expect(() => fs_add_tree(fs, e)).to.throw(BadInput, /tmp: \/tmp is a directory in the guest/);
  });

  it('read_host_file checks the size before reading anything', () => {
    const d = fresh();
    writeFileSync(join(d, 'p'), '');
    truncateSync(join(d, 'p'), 3 * 2 ** 30);       // 3 GiB, sparse
    expect(() => read_host_file(join(d, 'p'), 'p')).to.throw(BadInput, /p: 3221225472 bytes is over the 256 MiB limit/);
  });

  it('through the CLI: each refusal is one line and exit status 2, and PROGRAM never runs', () => {
    const cases: [string, (d: string) => void, RegExp][] = [
      ['outside', (d) => symlinkSync('/etc/passwd', join(d, 'pw')), /^forkvm: --fs .*: pw: symbolic link leads outside the directory/],
      ['loop', (d) => symlinkSync('l', join(d, 'l')), /^forkvm: --fs .*: l: symbolic link loop$/m],
      ['dangling', (d) => symlinkSync('none', join(d, 'x')), /^forkvm: --fs .*: x: dangling symbolic link$/m],
      ['init', (d) => { mkdirSync(join(d, 'sbin')); writeFileSync(join(d, 'sbin', 'init'), 'x'); }, /sbin\/init: would replace/],
    ];
    for (const [name, make, re] of cases) {
      const d = fresh();
      make(d);
      const r = forkvm(['run', '--fs', d, join(BIN, 'hello')]);
      expect(r.status, `${name}: ${r.stderr}`).to.equal(2);
      expect(r.stdout, name).to.equal('');
      expect(r.stderr.trimEnd().split('\n'), name).to.have.length(1);
      expect(r.stderr, name).to.match(re);
    }
    const d = fresh();
    writeFileSync(join(d, 'huge'), '');
    truncateSync(join(d, 'huge'), 3 * 2 ** 30);
    const r = forkvm(['run', join(d, 'huge')]);
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr).to.match(/^forkvm: .*huge: 3221225472 bytes is over the 256 MiB limit for a file\n$/);
  });

  it('the guest reads a file through an inside link (cat)', () => {
    const d = fresh();
    mkdirSync(join(d, 'd'));
    writeFileSync(join(d, 'd', 'a'), 'inside\n');
    symlinkSync('d/a', join(d, 'b'));
    const r = forkvm(['run', '--fs', d, join(BIN, 'cat'), '/b', '/d/a']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('inside\ninside\n');
  });
});
