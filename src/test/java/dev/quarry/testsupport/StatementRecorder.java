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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of PostgreSQL that records what its clients send, as PostgreSQL receives it. Bytes pass
 * unchanged in both directions. The client must not use TLS (the Vert.x client's default).
 *
 * <p>Two records. {@link #executed()}: every statement executed, that is each simple-protocol Query, and each
 * extended-protocol Execute (named by the text its Bind's prepared statement was parsed from). {@link #wire()}:
 * every message after start-up, one line each in the order the proxy saw them, see {@link Wire}: the client's
 * messages, read before they are forwarded, and the server's ReadyForQuery, recorded before it is forwarded. So a
 * client message recorded before a ReadyForQuery was sent before the client could have read that answer; {@link
 * Wire#roundTrips} counts on that.
 */
public final class StatementRecorder implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket listener;
    private final String serverHost;
    private final int serverPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> executed = new ArrayList<>();
    private final List<String> wire = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private final long readyDelayMillis;

    private StatementRecorder(ServerSocket listener, String serverHost, int serverPort, long readyDelayMillis) {
        this.listener = listener;
        this.serverHost = serverHost;
        this.serverPort = serverPort;
        this.readyDelayMillis = readyDelayMillis;
    }

    /** Listens on a free port of 127.0.0.1, forwarding to {@code serverHost:serverPort}. */
    public static StatementRecorder start(String serverHost, int serverPort) throws IOException {
        return start(serverHost, serverPort, 0);
    }

    /**
     * The same, holding each ReadyForQuery back for {@code readyDelayMillis} before it is recorded and passed on: a
     * client that waits for an answer then sends its next message visibly after it, while a pipelining client has
     * sent everything long before, even when the scheduler pauses it between two writes. Round trips counted on the
     * {@link #wire()} are then exact, not merely never too low.
     */
    public static StatementRecorder start(String serverHost, int serverPort, long readyDelayMillis) throws IOException {
        StatementRecorder recorder = new StatementRecorder(
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), serverHost, serverPort, readyDelayMillis);
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

    /** The messages so far, as {@link Wire} lines, in the order they passed (across all connections). */
    public synchronized List<String> wire() {
        return List.copyOf(wire);
    }

    /** The SQLSTATE of every ErrorResponse the server sent so far, in order: what PostgreSQL itself refused. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private synchronized void client(int connection, char type, String statement) {
        if (statement != null) {
            executed.add(statement);
        }
        wire.add(Wire.client(connection, type, statement));
    }

    private synchronized void readyForQuery(int connection) {
        wire.add(Wire.readyForQuery(connection));
    }

    private void holdBack() {
        if (readyDelayMillis > 0) {
            try {
                Thread.sleep(readyDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An ErrorResponse's body: fields of a one-byte code and a C string, ended by a zero byte; {@code C} is the
     * SQLSTATE.
     */
    private synchronized void serverError(byte[] body) {
        int at = 0;
        while (at < body.length && body[at] != 0) {
            String value = cString(body, at + 1);
            if (body[at] == 'C') {
                errors.add(value);
                return;
            }
            at += 1 + value.getBytes(StandardCharsets.UTF_8).length + 1;
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(serverHost, serverPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                int connection = connections.incrementAndGet();
                daemon("statement-recorder-server", () -> serverSide(connection, server, client));
                daemon("statement-recorder-client", () -> clientSide(connection, client, server));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * The server's answers, byte for byte, recording each ReadyForQuery. The client negotiates no TLS and no GSS,
     * so everything the server sends is typed messages.
     */
    private void serverSide(int connection, Socket server, Socket client) {
        try (server;
                client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(server.getInputStream()));
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = readBody(in, length);
                if (type == 'Z') {
                    out.flush();
                    holdBack();
                    readyForQuery(connection);
                } else if (type == 'E') {
                    serverError(body);
                }
                forward(in, out, type, length, body);
            }
        } catch (IOException e) {
            // either side hung up: both sockets close
        }
    }

    private void clientSide(int connection, Socket client, Socket server) {
        try (client;
                server) {
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
                byte[] body = readBody(in, length);
                client(connection, (char) type, statement((char) type, body, statements, portals));
                forward(in, out, type, length, body);
            }
        } catch (IOException e) {
            // either side hung up
        }
    }

    /**
     * Passes one message on, flushed once its side has sent nothing more yet: what a side sent together is recorded
     * before anything the other side answers.
     */
    private static void forward(DataInputStream in, OutputStream out, int type, int length, byte[] body)
            throws IOException {
        out.write(type);
        writeInt(out, length);
        out.write(body);
        if (in.available() == 0) {
            out.flush();
        }
    }

    private static byte[] readBody(DataInputStream in, int length) throws IOException {
        byte[] body = in.readNBytes(length - 4);
        if (body.length != length - 4) {
            throw new EOFException();
        }
        return body;
    }

    /** The statement a Query or Execute message executes, else null (Parse and Bind only note their names). */
    private static String statement(
            char type, byte[] body, Map<String, String> statements, Map<String, String> portals) {
        switch (type) {
            case 'Q' -> {
                return cString(body, 0);
            }
            case 'P' -> {
                String name = cString(body, 0);
                statements.put(name, cString(body, name.getBytes(StandardCharsets.UTF_8).length + 1));
            }
            case 'B' -> {
                String portal = cString(body, 0);
                portals.put(portal, cString(body, portal.getBytes(StandardCharsets.UTF_8).length + 1));
            }
            case 'E' -> {
                return statements.getOrDefault(portals.get(cString(body, 0)), "?");
            }
            default -> {}
        }
        return null;
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
