package dev.quarry.api;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * A {@code String} answered as {@code application/json} is JSON text already (PostgreSQL wrote it): it is handed to
 * the connection as it is. Jackson's writer, which would otherwise take it, sends it unchanged too, but through an
 * output stream and an intermediate byte array per response.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class JsonTextWriter implements ServerMessageBodyWriter<String> {

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return type == String.class;
    }

    @Override
    public void writeResponse(String text, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(text);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == String.class;
    }

    @Override
    public void writeTo(
            String text,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
