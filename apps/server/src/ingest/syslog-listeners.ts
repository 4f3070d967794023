import dgram from 'node:dgram';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { IngestMetrics } from '../metrics/ingest-metrics.ts';
import type { IngestPipeline } from './pipeline.ts';
import { normaliseAddress } from './router.ts';
import { SyslogFramer } from './syslog-framing.ts';
import type { RawMessage } from '../stores/events/event-batch.ts';

export interface SyslogOptions {
  host: string;
  udpPort: number;
  tcpPort: number;
  tlsPort: number;
  maxMessageBytes: number;
  udpReceiveBufferBytes: number;
  tls?: { cert: Buffer; key: Buffer } | undefined;
}

export interface SyslogListeners {
  ports: { udp?: number; tcp?: number; tls?: number };
  /** Kernel-counted drops on the UDP socket (receive buffer overruns), from /proc/net/udp. */
  udpKernelDrops(): Promise<number>;
  close(): Promise<void>;
}

/** ING-1: syslog over UDP, TCP and TLS. Port 0 in the configuration turns a listener off. */
export async function startSyslogListeners(opts: SyslogOptions, pipeline: IngestPipeline, metrics: IngestMetrics): Promise<SyslogListeners> {
  const closers: Array<() => Promise<void>> = [];
  const ports: SyslogListeners['ports'] = {};
  let udpPort: number | undefined;

  if (opts.udpPort > 0) {
    const socket = dgram.createSocket({ type: opts.host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: opts.udpReceiveBufferBytes });
    // Datagrams are gathered for one event-loop turn and handed on together: one submission per datagram
    // would cost a promise each.
    let gathered: RawMessage[] = [];
    const handOn = () => {
      pipeline.offer(gathered);
      gathered = [];
    };
    socket.on('message', (msg, rinfo) => {
      // UDP cannot push back: when the backlog is full, count the drop rather than grow without bound.
      if (pipeline.overloaded) return metrics.dropped('udp', 'backlog_full');
      let end = msg.length;
      while (end > 0 && (msg[end - 1] === 0x0a || msg[end - 1] === 0x0d || msg[end - 1] === 0x00)) end--;
      if (end === 0) return;
      if (gathered.length === 0) setImmediate(handOn);
      gathered.push({ bytes: msg.subarray(0, end), sender: normaliseAddress(rinfo.address), receivedAt: Date.now() });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(opts.udpPort, opts.host, () => resolve());
    });
    udpPort = socket.address().port;
    ports.udp = udpPort;
    closers.push(() => new Promise((resolve) => socket.close(() => resolve())));
  }

  const streamHandler = (transport: 'tcp' | 'tls') => (conn: net.Socket) => {
    const sender = normaliseAddress(conn.remoteAddress ?? 'unknown');
    let pending: RawMessage[] = [];
    // Frames are views into socket chunks (64 KiB at most); copying each would cost more than the chunks
    // they keep alive until stored.
    const framer = new SyslogFramer(opts.maxMessageBytes, (bytes) => pending.push({ bytes, sender, receivedAt: Date.now() }));
    const hand = () => {
      if (pending.length === 0) return;
      pipeline.offer(pending);
      pending = [];
    };
    const resume = () => conn.resume();
    conn.on('data', (chunk: Buffer) => {
      framer.push(chunk);
      hand();
      // TCP back-pressure (ING-4): stop reading; the sender's window fills and it slows down.
      if (pipeline.overloaded) {
        conn.pause();
        pipeline.once('drain', resume);
      }
    });
    conn.on('end', () => {
      framer.end();
      hand();
    });
    conn.on('error', () => {
      framer.end();
      hand();
      metrics.dropped(transport, 'connection_error', 0);
    });
    conn.on('close', () => pipeline.off('drain', resume));
  };

  const startStream = async (server: net.Server, port: number): Promise<number> => {
    const sockets = new Set<net.Socket>();
    server.on('connection', (s: net.Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, opts.host, () => resolve());
    });
    closers.push(async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Let each connection finish its frames: end() flushes the framer through the 'end' handler.
      for (const s of sockets) s.end();
      setTimeout(() => sockets.forEach((s) => s.destroy()), 2000).unref();
      await closed;
    });
    return (server.address() as net.AddressInfo).port;
  };

  if (opts.tcpPort > 0) ports.tcp = await startStream(net.createServer(streamHandler('tcp')), opts.tcpPort);
  if (opts.tlsPort > 0 && opts.tls) {
    const server = tls.createServer({ cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' }, streamHandler('tls'));
    server.on('tlsClientError', () => metrics.dropped('tls', 'handshake_failed'));
    ports.tls = await startStream(server, opts.tlsPort);
  }

  return {
    ports,
    udpKernelDrops: () => (udpPort === undefined ? Promise.resolve(0) : readUdpDrops(udpPort)),
    close: async () => {
      for (const close of closers) await close();
    },
  };
}

/** The last column of /proc/net/udp{,6} counts datagrams the kernel dropped for that socket. */
async function readUdpDrops(port: number): Promise<number> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let drops = 0;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`)) drops += Number(cols.at(-1)) || 0;
    }
  }
  return drops;
}
