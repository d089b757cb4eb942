/**
 * A local XYZ tile server for print tests: every tile is one solid colour computed from its address
 * (tileColour), a PNG made with the project's encoder. It counts the tiles asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeIndexedPng } from '../../shared/print/png_encode';

/** The colour of tile z/x/y: red and green from the column and row, blue a checkerboard (a test pattern). */
export function tileColour(x: number, y: number): [number, number, number] {
  return [(x * 47) % 256, (y * 47) % 256, (x + y) % 2 === 0 ? 60 : 220];
}

export interface TileServer {
  /** XYZ template, http://127.0.0.1:PORT/{z}/{x}/{y}.png */
  template: string;
  /** Every tile path asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startTileServer(): Promise<TileServer> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const match = /^\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(request.url ?? '');
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    requests.push(request.url!);
    const [, x, y] = match.slice(1).map(Number);
    const png = encodeIndexedPng(new Uint8Array(256 * 256), 256, 256, [tileColour(x, y)]);
    response.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.from(png));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
