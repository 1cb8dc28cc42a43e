package dev.quarry.testsupport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A TCP proxy in front of PostgreSQL that records every statement its clients execute, as PostgreSQL receives them:
 * each simple-protocol Query message, and each extended-protocol Execute (named by the text its Bind's prepared
 * statement was parsed from). Bytes pass unchanged in both directions; it reads the client's side only. The client
 * must not use TLS (the Vert.x client's default).
 */
public final class StatementRecorder implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket listener;
    private final String serverHost;
    private final int serverPort;
    private final List<String> executed = new ArrayList<>();

    private StatementRecorder(ServerSocket listener, String serverHost, int serverPort) {
        this.listener = listener;
        this.serverHost = serverHost;
        this.serverPort = serverPort;
    }

    /** Listens on a free port of 127.0.0.1, forwarding to {@code serverHost:serverPort}. */
    public static StatementRecorder start(String serverHost, int serverPort) throws IOException {
        StatementRecorder recorder = new StatementRecorder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), serverHost, serverPort);
        daemon("statement-recorder", recorder::accept);
        return recorder;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The statements executed so far, in the order they arrived (across all connections). */
    public synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    private synchronized void record(String statement) {
        executed.add(statement);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(serverHost, serverPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                daemon("statement-recorder-server", () -> pump(server, client));
                daemon("statement-recorder-client", () -> clientSide(client, server));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The server's answers, byte for byte. */
    private static void pump(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // either side hung up: both sockets close
        }
    }

    private void clientSide(Socket client, Socket server) {
        try (client; server) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            OutputStream out = new BufferedOutputStream(server.getOutputStream());
            int code;
            do {
                // the startup packet (and an SSL or GSS request before it) has no type byte
                int length = in.readInt();
                code = in.readInt();
                byte[] rest = in.readNBytes(length - 8);
                writeInt(out, length);
                writeInt(out, code);
                out.write(rest);
                out.flush();
            } while (code == SSL_REQUEST || code == GSS_REQUEST);
            Map<String, String> statements = new HashMap<>();
            Map<String, String> portals = new HashMap<>();
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (body.length != length - 4) {
                    throw new EOFException();
                }
                read((char) type, body, statements, portals);
                out.write(type);
                writeInt(out, length);
                out.write(body);
                if (type == 'S' || type == 'Q' || type == 'H' || type == 'X' || in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // either side hung up
        }
    }

    private void read(char type, byte[] body, Map<String, String> statements, Map<String, String> portals) {
        switch (type) {
            case 'Q' -> record(cString(body, 0));
            case 'P' -> {
                String name = cString(body, 0);
                statements.put(name, cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1));
            }
            case 'B' -> {
                String portal = cString(body, 0);
                portals.put(portal, cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1));
            }
            case 'E' -> record(statements.getOrDefault(portals.get(cString(body, 0)), "?"));
            default -> { }
        }
    }

    private static String cString(byte[] body, int from) {
        int end = from;
        while (body[end] != 0) {
            end++;
        }
        return new String(body, from, end - from, StandardCharsets.UTF_8);
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
