/*
 * debug/gdb_rsp.ts — the framing of the GDB Remote Serial Protocol (gdb manual, "Remote Protocol
 * › Overview"): `$payload#cc` packets with a mod-256 checksum, `+`/`-` acknowledgements, the raw
 * 0x03 interrupt byte, `}` escaping of binary data and `*` run-length encoding. Strings here are
 * byte strings (latin1: one char per byte). No sockets: gdb_server.ts moves the bytes.
 */

/** rsp_checksum — the sum of the payload's bytes mod 256. */
export function rsp_checksum(payload: string): number {
  let s = 0;
  for (let i = 0; i < payload.length; i++) s = (s + (payload.charCodeAt(i) & 0xff)) & 0xff;
  return s;
}

/** rsp_frame — `$payload#cc` (the payload is sent as is: escape binary data first). */
export function rsp_frame(payload: string): string {
  return `$${payload}#${rsp_checksum(payload).toString(16).padStart(2, '0')}`;
}

/** rsp_escape — binary bytes for a packet: `#`, `$`, `}` and `*` become `}` + (byte ^ 0x20). */
export function rsp_escape(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i) & 0xff;
    out += c === 0x23 || c === 0x24 || c === 0x7d || c === 0x2a ? '}' + String.fromCharCode(c ^ 0x20) : String.fromCharCode(c);
  }
  return out;
}

/** rsp_unescape — undo rsp_escape; a trailing lone `}` is dropped (a malformed packet). */
export function rsp_unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7d) { if (i + 1 < s.length) out += String.fromCharCode((s.charCodeAt(++i) ^ 0x20) & 0xff); }
    else out += String.fromCharCode(c & 0xff);
  }
  return out;
}

/**
 * rsp_rle_decode — expand `X*n`: the character X repeated (n - 29) more times (n a printable
 * count character). A `*` with nothing before it or no count after it is kept as is; an escaped
 * character (`}x`) is repeated as a pair so unescaping afterwards gives the run.
 */
export function rsp_rle_decode(s: string): string {
  if (!s.includes('*')) return s;
  let out = '';
  let last = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '*' && last !== '' && i + 1 < s.length) {
      const n = s.charCodeAt(++i) - 29;
      if (n > 0 && n <= 97) out += last.repeat(n);
      continue;
    }
    if (ch === '}' && i + 1 < s.length) { last = ch + s[i + 1]; out += last; i++; continue; }
    last = ch;
    out += ch;
  }
  return out;
}

/** rsp_rle_encode — run-length encode a reply (runs of 4+ equal characters; never `#`/`$` counts). */
export function rsp_rle_encode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const ch = s[i];
    let j = i + 1;
    while (j < s.length && s[j] === ch && j - i < 98) j++;
    let n = j - i;
    if (n >= 4 && ch !== '}' && ch !== '*' && ch !== '#' && ch !== '$') {
      // Counts 6 ('#') and 7 ('$') are not allowed: shorten the run by one or two.
      let rep = n - 1;
      while (rep + 29 === 0x23 || rep + 29 === 0x24) rep--;
      out += ch + '*' + String.fromCharCode(rep + 29);
      i += rep + 1;
      continue;
    }
    out += ch;
    i++;
    void n;
  }
  return out;
}

/** One thing received: a packet (checksum ok or not), an ack, a nak, or an interrupt. */
export type RspEvent =
  | { kind: 'packet'; data: string; ok: boolean }
  | { kind: 'ack' } | { kind: 'nak' } | { kind: 'interrupt' };

/** Packets longer than this are dropped while they arrive (gdb keeps to our PacketSize). */
export const RSP_MAX_PACKET = 0x10000;

/**
 * RspDecoder — splits the byte stream from gdb into events. A packet is reported with `ok`
 * false when its checksum does not match; bytes outside packets other than `+`, `-` and 0x03 are
 * ignored, as is a packet that grows past RSP_MAX_PACKET. The payload is returned raw (neither
 * run-length decoded nor unescaped: the packet's meaning decides).
 */
export class RspDecoder {
  private state: 0 | 1 | 2 | 3 = 0;   // outside, in data, first checksum digit, second
  private buf = '';
  private cs = '';
  private toolong = false;

  /** feed — the next bytes (latin1); returns the events they complete. */
  feed(bytes: string): RspEvent[] {
    const ev: RspEvent[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const ch = bytes[i];
      switch (this.state) {
        case 0:
          if (ch === '$') { this.state = 1; this.buf = ''; this.toolong = false; }
          else if (ch === '+') ev.push({ kind: 'ack' });
          else if (ch === '-') ev.push({ kind: 'nak' });
          else if (ch === '\x03') ev.push({ kind: 'interrupt' });
          break;
        case 1:
          if (ch === '#') { this.state = 2; this.cs = ''; }
          else if (ch === '$') { this.buf = ''; this.toolong = false; }   // a new start: drop the partial packet
          else if (this.buf.length < RSP_MAX_PACKET) this.buf += ch;
          else this.toolong = true;
          break;
        case 2:
          this.cs = ch; this.state = 3;
          break;
        case 3: {
          this.cs += ch;
          this.state = 0;
          if (this.toolong) break;
          const want = /^[0-9a-fA-F]{2}$/.test(this.cs) ? parseInt(this.cs, 16) : -1;
          ev.push({ kind: 'packet', data: this.buf, ok: want === rsp_checksum(this.buf) });
          this.buf = '';
          break;
        }
      }
    }
    return ev;
  }
}

/** hex_of_bytes — lower-case hex of a byte string. */
export function hex_of_bytes(b: string | Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    const c = typeof b === 'string' ? b.charCodeAt(i) & 0xff : b[i];
    s += (c < 16 ? '0' : '') + c.toString(16);
  }
  return s;
}

/** bytes_of_hex — the bytes of an even-length hex string, or null if it is not one. */
export function bytes_of_hex(h: string): Uint8Array | null {
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return null;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}
