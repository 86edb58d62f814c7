/*
 * test/debug/gdb_rsp.test.ts — the gdb remote protocol framing (debug/gdb_rsp.ts): checksums,
 * `$..#cc` frames, `}` escaping, `*` run-length decoding and encoding, and the byte-stream decoder
 * (acks, naks, interrupts, split packets, bad checksums, garbage, oversized packets).
 */

import { expect } from 'chai';
import {
  rsp_checksum, rsp_frame, rsp_escape, rsp_unescape, rsp_rle_decode, rsp_rle_encode, RspDecoder,
  RSP_MAX_PACKET, hex_of_bytes, bytes_of_hex,
} from '../../debug/gdb_rsp.ts';

describe('debug/gdb_rsp', () => {
  it('checksums and frames packets as gdb does', () => {
    expect(rsp_checksum('')).to.equal(0);
    expect(rsp_frame('')).to.equal('$#00');
    expect(rsp_frame('OK')).to.equal('$OK#9a');
    expect(rsp_frame('vMustReplyEmpty')).to.equal('$vMustReplyEmpty#3a');
    expect(rsp_frame('qSupported:multiprocess+')).to.match(/^\$qSupported:multiprocess\+#[0-9a-f]{2}$/);
    expect(rsp_checksum('\xff\xff')).to.equal(0xfe);
  });

  it('escapes # $ } * and unescapes them back', () => {
    expect(rsp_escape('a#b$c}d*e')).to.equal('a}\x03b}\x04c}]d}\x0ae');
    let all = '';
    for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
    expect(rsp_unescape(rsp_escape(all))).to.equal(all);
    expect(rsp_escape(all)).to.not.match(/[#$*]/);
    expect(rsp_unescape('ab}')).to.equal('ab');        // a lone trailing escape is dropped
  });

  it('run-length decodes X*n (n - 29 more) and encodes runs without # or $ counts', () => {
    expect(rsp_rle_decode('0* ')).to.equal('0000');   // ' ' = 32: three more
    expect(rsp_rle_decode('ab*"c')).to.equal('abbbbbbc');
    expect(rsp_rle_decode('*abc')).to.equal('*abc');
    expect(rsp_rle_decode('abc*')).to.equal('abc*');
    expect(rsp_rle_decode('}]*!')).to.equal('}]}]}]}]}]');
    for (const s of ['', 'a', '0000', '0000000', '00000000', 'x'.repeat(300), '0123' + '0'.repeat(40) + 'ff']) {
      const e = rsp_rle_encode(s);
      expect(e).to.not.match(/\*[#$]/);
      expect(rsp_rle_decode(e), s).to.equal(s);
    }
    expect(rsp_rle_encode('0'.repeat(8)).length).to.be.lessThan(8);
  });

  it('hex converts bytes both ways and refuses odd or non-hex input', () => {
    expect(hex_of_bytes(Uint8Array.of(0, 1, 0xab, 0xff))).to.equal('0001abff');
    expect(hex_of_bytes('\x12\x34')).to.equal('1234');
    expect([...bytes_of_hex('0001abFF')!]).to.deep.equal([0, 1, 0xab, 0xff]);
    expect(bytes_of_hex('abc')).to.equal(null);
    expect(bytes_of_hex('zz')).to.equal(null);
  });

  it('decodes a byte stream: acks, interrupts, split packets, bad checksums, garbage', () => {
    const d = new RspDecoder();
    expect(d.feed('+')).to.deep.equal([{ kind: 'ack' }]);
    expect(d.feed('-\x03')).to.deep.equal([{ kind: 'nak' }, { kind: 'interrupt' }]);
    expect(d.feed('$g#6')).to.deep.equal([]);
    expect(d.feed('7')).to.deep.equal([{ kind: 'packet', data: 'g', ok: true }]);
    expect(d.feed('junk$m0,4#00')).to.deep.equal([{ kind: 'packet', data: 'm0,4', ok: false }]);
    expect(d.feed('$?#zz')).to.deep.equal([{ kind: 'packet', data: '?', ok: false }]);
    // A new `$` inside a packet starts over.
    expect(d.feed('$abc$?#3f')).to.deep.equal([{ kind: 'packet', data: '?', ok: true }]);
    // Two packets in one chunk, byte by byte gives the same.
    const two = rsp_frame('qC') + '+' + rsp_frame('vCont?');
    const whole = new RspDecoder().feed(two);
    const d2 = new RspDecoder();
    const bytewise = [...two].flatMap((ch) => d2.feed(ch));
    expect(bytewise).to.deep.equal(whole);
    expect(whole.map((e) => e.kind)).to.deep.equal(['packet', 'ack', 'packet']);
  });

  it('drops a packet that grows past RSP_MAX_PACKET and recovers', () => {
    const d = new RspDecoder();
    expect(d.feed('$' + 'a'.repeat(RSP_MAX_PACKET + 10) + '#00')).to.deep.equal([]);
    expect(d.feed(rsp_frame('?'))).to.deep.equal([{ kind: 'packet', data: '?', ok: true }]);
  });
});
