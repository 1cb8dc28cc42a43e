package dev.quarry.cli;

import io.quarkus.runtime.annotations.QuarkusMain;

/** {@code java -jar quarry.jar <command>}: every command, {@code serve} by default. */
@QuarkusMain
public final class QuarryMain {

    private QuarryMain() {}

    public static void main(String... args) {
        System.exit(QuarryCommand.commandLine().execute(args));
    }
}
