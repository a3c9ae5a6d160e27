import { createConnection, createServer, type Server, type Socket } from "node:net";

// A test-only TCP proxy between the app and its Postgres, to play the database's failures:
// refusing connections (server down), cutting them (a restart, a network blip), stalling
// them (a hung server or a black-holed network), and cutting one connection at a chosen
// moment of the protocol (after a COMMIT is sent, before its answer comes back).

type Mode = "pass" | "refuse" | "stall";
type Direction = "toServer" | "toClient";

export interface TcpProxy {
  port: number;
  /** Forward every connection again (after refuse or stall), and forget an armed cut. */
  pass(): Promise<void>;
  /** Stop listening and cut every connection: new ones get ECONNREFUSED. */
  refuse(): Promise<void>;
  /** Cut every open connection (a restart); new ones are forwarded. */
  drop(): void;
  /** Cut every open connection; new ones are accepted and then hear nothing. */
  stall(): void;
  /** The next chunk that `matches` going `direction` is not delivered: its connection is cut instead. */
  cutWhen(direction: Direction, matches: (chunk: Buffer) => boolean): Promise<void>;
  close(): Promise<void>;
}

interface Cut {
  direction: Direction;
  matches: (chunk: Buffer) => boolean;
  done: () => void;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: Mode = "pass";
  let cut: Cut | null = null;
  const open = new Set<Socket>();

  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const cutAll = () => {
    for (const socket of open) socket.destroy();
  };

  const forward = (from: Socket, to: Socket, direction: Direction) => {
    from.on("data", (chunk: Buffer) => {
      if (cut?.direction === direction && cut.matches(chunk)) {
        const { done } = cut;
        cut = null;
        from.destroy();
        to.destroy();
        done();
        return;
      }
      to.write(chunk);
    });
    from.on("close", () => to.destroy());
  };

  const onConnection = (client: Socket) => {
    track(client);
    if (mode === "stall") return; // accepted, never answered
    const server = createConnection(target);
    track(server);
    forward(client, server, "toServer");
    forward(server, client, "toClient");
  };

  let listener: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      listener.once("error", reject);
      listener.listen(port, "127.0.0.1", () => resolve((listener.address() as { port: number }).port));
    });
  const stopListening = () => new Promise<void>((resolve) => listener.close(() => resolve()));
  const port = await listen(0);

  return {
    port,
    async pass() {
      cut = null;
      if (mode === "refuse") {
        listener = createServer(onConnection);
        await listen(port);
      }
      mode = "pass";
    },
    async refuse() {
      if (mode === "refuse") return;
      mode = "refuse";
      const stopped = stopListening();
      cutAll();
      await stopped;
    },
    drop() {
      cutAll();
    },
    stall() {
      mode = "stall";
      cutAll();
    },
    cutWhen(direction, matches) {
      return new Promise<void>((done) => {
        cut = { direction, matches, done };
      });
    },
    async close() {
      const stopped = mode === "refuse" ? Promise.resolve() : stopListening();
      cutAll();
      await stopped;
    },
  };
}
