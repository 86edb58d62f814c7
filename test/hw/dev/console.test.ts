/*
 * test/hw/dev/console.test.ts — hw/dev/console.ts: a sink that answers false breaks its port for
 * good (and is not called again), the error port is separate from the output port, and a source
 * refills an empty input queue on demand, its end of input closing the console's.
 */

import { expect } from 'chai';
import { Console } from '../../../hw/dev/console.ts';

describe('hw/dev/console', () => {
  it('a sink that answers false breaks the port; later writes fail without calling it', () => {
    let calls = 0, ok = true;
    const c = new Console(() => { calls++; return ok; });
    expect(c.write(Uint8Array.of(1))).to.equal(true);
    ok = false;
    expect(c.write(Uint8Array.of(2))).to.equal(false);
    expect(c.write(Uint8Array.of(3))).to.equal(false);
    expect(calls).to.equal(2);
    expect(c.outBroken).to.equal(true);
    expect(c.get_state().outBroken).to.equal(true);
  });

  it('the error port goes to errSink and breaks on its own; without errSink it is the output port', () => {
    const out: number[] = [], err: number[] = [];
    const c = new Console((b) => { out.push(...b); }, true);
    expect(c.writeErr(Uint8Array.of(9))).to.equal(true);
    expect(out).to.deep.equal([9]);
    c.errSink = (b) => { err.push(...b); return false; };
    expect(c.writeErr(Uint8Array.of(7))).to.equal(false);
    expect(c.write(Uint8Array.of(8))).to.equal(true);
    expect(err).to.deep.equal([7]);
    expect(out).to.deep.equal([9, 8]);
    expect(c.output()).to.equal('\x09\x07\x08');
  });

  it('a source refills the empty queue when read, and its end of input is the end', () => {
    const pieces = [Uint8Array.of(65, 66, 67), Uint8Array.of(68)];
    let pulls = 0;
    const c = new Console();
    c.source = () => { pulls++; return pieces.shift() ?? null; };
    expect(pulls).to.equal(0);
    expect(Array.from(c.read(2)!)).to.deep.equal([65, 66]);
    expect(Array.from(c.read(5)!)).to.deep.equal([67]);
    expect(pulls).to.equal(1);
    expect(Array.from(c.read(5)!)).to.deep.equal([68]);
    expect(c.read(5)!.length).to.equal(0);
    expect(c.read(5)!.length).to.equal(0);
    expect(pulls).to.equal(3);
  });
});
